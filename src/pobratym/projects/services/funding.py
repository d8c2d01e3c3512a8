"""Every change to funding: the shared catalogue of programmes and their calls (kept by
coordinators), and a partnership's applications to a call, for a project or for aid."""

import uuid
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.money import Currency
from pobratym.core.services import model_update
from pobratym.translation.services import language_of, translate_later

from ..models import Application, ApplicationStatus, FundingCall, FundingProgramme

PROGRAMME_FIELDS = (
    "name",
    "funder",
    "funder_kind",
    "description",
    "eligibility",
    "themes",
    "cofinancing_rate",
    "minimum",
    "maximum",
    "currency",
    "url",
    "checked_on",
)
CALL_FIELDS = ("title", "opens_on", "interest_by", "apply_by", "url")
APPLICATION_FIELDS = ("status", "requested", "granted", "currency", "submitted_on", "reference")


def _check_programme(programme: FundingProgramme) -> None:
    rate = programme.cofinancing_rate
    if rate is not None and not 0 <= rate <= 100:
        raise DomainError(
            "rate_out_of_range", _("Enter a share between 0 and 100 %."), field="cofinancing_rate"
        )
    for name in ("minimum", "maximum"):
        if (amount := getattr(programme, name)) is not None and amount < 0:
            raise DomainError("negative_amount", _("Enter an amount of 0 or more."), field=name)
    if programme.minimum and programme.maximum and programme.maximum < programme.minimum:
        raise DomainError(
            "maximum_below_minimum",
            _("The largest grant cannot be smaller than the smallest."),
            field="maximum",
        )
    if programme.currency not in Currency.values:
        raise DomainError("unknown_currency", _("Choose euro or hryvnia."), field="currency")


@transaction.atomic
def programme_save(
    *,
    partnership,
    by: User,
    programme: FundingProgramme | None = None,
    revision=None,
    language=None,
    **fields,
) -> FundingProgramme:
    """Add a programme to the shared catalogue (`programme` None) or correct one from the
    `revision` seen, as a coordinator of `partnership`; written in `language`, the other
    languages follow from the task worker."""
    require(by, "projects.change_fundingprogramme", partnership)
    if programme is None:
        programme = FundingProgramme()
        model_update(instance=programme, fields=PROGRAMME_FIELDS, data=fields)
        programme.language = language_of(
            programme, given=language, default=by.language or settings.LANGUAGE_CODE
        )
    else:
        programme = FundingProgramme.objects.select_for_update().get(pk=programme.pk)
        model_update(instance=programme, fields=PROGRAMME_FIELDS, data=fields, revision=revision)
    _check_programme(programme)
    validate(programme)
    audited(programme, by).save()
    translate_later(programme)
    return programme


def _check_call(call: FundingCall) -> None:
    if call.opens_on and call.opens_on > call.apply_by:
        raise DomainError(
            "dates_out_of_order",
            _("A call cannot open after its deadline."),
            field="opens_on",
        )
    if call.interest_by and call.interest_by > call.apply_by:
        raise DomainError(
            "dates_out_of_order",
            _("The expression of interest is due before the application."),
            field="interest_by",
        )


@transaction.atomic
def call_add(*, partnership, programme: FundingProgramme, by: User, **fields) -> FundingCall:
    """A round of a programme, added by a coordinator of `partnership`."""
    require(by, "projects.change_fundingprogramme", partnership)
    call = FundingCall(programme=programme)
    model_update(instance=call, fields=CALL_FIELDS, data=fields)
    _check_call(call)
    validate(call)
    audited(call, by).save()
    return call


def _check_application(application: Application) -> None:
    for name in ("requested", "granted"):
        if (amount := getattr(application, name)) is not None and amount < 0:
            raise DomainError("negative_amount", _("Enter an amount of 0 or more."), field=name)
    if application.status == ApplicationStatus.GRANTED and application.granted is None:
        raise DomainError("granted_amount_missing", _("Enter the amount granted."), field="granted")
    if application.currency not in Currency.values:
        raise DomainError("unknown_currency", _("Choose euro or hryvnia."), field="currency")
    project = application.project
    if project is not None and project.partnership_id != application.partnership_id:
        raise DomainError(
            "project_elsewhere", _("Choose a project of this partnership."), field="project"
        )


@transaction.atomic
def application_create(
    *,
    partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    call: FundingCall,
    project=None,
    shipments=(),
    **fields,
) -> Application:
    """An application of the partnership to `call`, for `project`, for the transport of
    `shipments` (as the transport cost grant pays), or both."""
    require(by, "projects.add_application", partnership)
    shipments = list(shipments or ())
    if any(shipment.partnership_id != partnership.pk for shipment in shipments):
        raise DomainError(
            "shipment_elsewhere", _("Choose shipments of this partnership."), field="shipments"
        )
    if project is None and not shipments:
        raise DomainError(
            "nothing_to_fund",
            _("Name the project or the shipments the application is for."),
            field="project",
        )

    def create(stamp):
        application = Application(
            partnership=partnership, call=call, project=project, created_by=by, **stamp
        )
        model_update(instance=application, fields=APPLICATION_FIELDS, data=fields)
        _check_application(application)
        validate(application, exclude=["idempotency_key"], validate_constraints=False)
        audited(application, by).save()
        application.shipments.set(shipments)
        return application

    data = {"call": call, "project": project, "shipments": shipments, **fields}
    application, _created = create_once(
        Application,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data=data,
        create=create,
    )
    return application


@transaction.atomic
def application_update(
    *, application: Application, by: User, revision: int | None = None, **fields
) -> Application:
    """Record how an application stands: sent, granted (with the amount), rejected."""
    require(by, "projects.change_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    model_update(instance=application, fields=APPLICATION_FIELDS, data=fields, revision=revision)
    _check_application(application)
    validate(application, exclude=["idempotency_key"])
    audited(application, by).save()
    return application


def due_date(application: Application) -> date | None:
    """The next date the application is due: the expression of interest while none is sent,
    then the application itself; none once it is submitted."""
    call = application.call
    if application.status == ApplicationStatus.PLANNED and call.interest_by:
        return call.interest_by
    if application.status in (ApplicationStatus.PLANNED, ApplicationStatus.INTEREST):
        return call.apply_by
    return None
