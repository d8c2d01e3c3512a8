"""Every change to a project: add and correct it, its milestones, indicators and budget lines.
Adding is safe to retry (core.idempotency); dates keep their order and milestones stay inside
the project's period; money is a Decimal with a currency, a hryvnia amount with its rate."""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.money import Currency
from pobratym.core.services import model_update
from pobratym.translation.models import Translatable
from pobratym.translation.services import language_of, translate_later

from ..models import BudgetLine, Indicator, Milestone, Project

PROJECT_FIELDS = (
    "title",
    "description",
    "focus_area",
    "lead_side",
    "status",
    "starts_on",
    "ends_on",
    "humanitarian",
    "public",
)


def _check_project(project: Project) -> None:
    partnership_id = project.partnership_id
    if project.lead_side.partnership_id != partnership_id:
        raise DomainError(
            "side_elsewhere", _("Choose one of the partnership's two cities."), field="lead_side"
        )
    if project.focus_area and project.focus_area.partnership_id != partnership_id:
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose a focus area of this partnership."),
            field="focus_area",
        )
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise DomainError(
            "dates_out_of_order", _("The end cannot come before the start."), field="ends_on"
        )
    if project.pk:
        outside = _milestones_outside(project)
        if outside:
            raise DomainError(
                "milestones_outside",
                _("Milestones lie outside this period: %(titles)s. Move them first.")
                % {"titles": ", ".join(outside)},
                field="starts_on",
            )


def _outside(project: Project, day: date) -> bool:
    return bool(
        (project.starts_on and day < project.starts_on)
        or (project.ends_on and day > project.ends_on)
    )


def _milestones_outside(project: Project) -> list[str]:
    return [m.title for m in project.milestones.all() if _outside(project, m.due_on)]


def _written_in(record, by: User, language: str | None) -> None:
    record.language = language_of(
        record, given=language, default=by.language or settings.LANGUAGE_CODE
    )


@transaction.atomic
def project_create(
    *, partnership, by: User, idempotency_key: uuid.UUID | None, language=None, **fields
) -> Project:
    """Add a project of the partnership (its offices), written in `language`; the other
    languages follow from the task worker."""
    require(by, "projects.add_project", partnership)

    def create(stamp):
        project = Project(partnership=partnership, created_by=by, **stamp)
        model_update(instance=project, fields=PROJECT_FIELDS, data=fields)
        _check_project(project)
        _written_in(project, by, language)
        validate(project, exclude=["idempotency_key"], validate_constraints=False)
        audited(project, by).save()
        translate_later(project)
        return project

    project, _created = create_once(
        Project,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data={"language": language, **fields},
        create=create,
    )
    return project


@transaction.atomic
def project_update(*, project: Project, by: User, revision: int | None = None, **fields) -> Project:
    """Correct a project from the `revision` the person saw (decision 0018); its translations
    follow the new wording."""
    require(by, "projects.change_project", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    model_update(instance=project, fields=PROJECT_FIELDS, data=fields, revision=revision)
    _check_project(project)
    validate(project, exclude=["idempotency_key"])
    audited(project, by).save()
    translate_later(project)
    return project


def _part(model, project: Project, by: User, key, data: dict, language=None):
    """Add one part of a project (a milestone, indicator, budget line) once per key."""
    require(by, "projects.change_project", project)

    def create(stamp):
        record = model(project=project, **data, **stamp)
        translatable = isinstance(record, Translatable)
        if translatable:
            _written_in(record, by, language)
        validate(record, exclude=["idempotency_key"], validate_constraints=False)
        audited(record, by).save()
        if translatable:
            translate_later(record)
        return record

    record, _created = create_once(
        model,
        key=key,
        scope={"project": project},
        data={"language": language, **data},
        create=create,
    )
    return record


@transaction.atomic
def milestone_add(
    *, project: Project, by: User, idempotency_key, title: str, due_on: date, language=None
) -> Milestone:
    """A milestone due inside the project's period."""
    if _outside(project, due_on):
        raise DomainError(
            "milestone_outside",
            _("The milestone must fall within the project's period."),
            field="due_on",
        )
    data = {"title": title, "due_on": due_on}
    return _part(Milestone, project, by, idempotency_key, data, language)


@transaction.atomic
def milestone_complete(*, milestone: Milestone, by: User, completed_on: date | None = None):
    """Mark a milestone done (today unless said otherwise); done again changes nothing."""
    require(by, "projects.change_project", milestone.project)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.completed_on is None:
        day = completed_on or timezone.localdate()
        if day > timezone.localdate():
            raise DomainError(
                "completed_in_future",
                _("A milestone cannot be completed in the future."),
                field="completed_on",
            )
        milestone.completed_on = day
        audited(milestone, by).save(update_fields=["completed_on", "updated_at"])
    return milestone


@transaction.atomic
def indicator_add(
    *,
    project: Project,
    by: User,
    idempotency_key,
    title: str,
    unit: str,
    target: Decimal,
    baseline: Decimal = Decimal("0"),
    language=None,
) -> Indicator:
    data = {"title": title, "unit": unit, "target": target, "baseline": baseline}
    return _part(Indicator, project, by, idempotency_key, data, language)


@transaction.atomic
def indicator_record(*, indicator: Indicator, by: User, actual: Decimal) -> Indicator:
    """Where the indicator stands now."""
    require(by, "projects.change_project", indicator.project)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    indicator.actual = actual
    audited(indicator, by).save(update_fields=["actual", "updated_at"])
    return indicator


@transaction.atomic
def budget_line_add(
    *,
    project: Project,
    by: User,
    idempotency_key,
    purpose: str,
    amount: Decimal,
    currency: str,
    rate: Decimal | None = None,
    rate_on: date | None = None,
    source=None,
) -> BudgetLine:
    """Money from one source, in euro or hryvnia; hryvnia with the rate to the euro and the
    day it applied, so totals in both currencies hold."""
    if currency not in Currency.values:
        raise DomainError("unknown_currency", _("Choose euro or hryvnia."), field="currency")
    if amount is None or amount < 0:
        raise DomainError("negative_amount", _("Enter an amount of 0 or more."), field="amount")
    if currency == Currency.UAH and not rate:
        raise DomainError(
            "rate_missing",
            _("Enter the exchange rate to the euro for an amount in hryvnia."),
            field="rate",
        )
    if rate is not None and rate <= 0:
        raise DomainError("rate_not_positive", _("Enter a rate above 0."), field="rate")
    if rate and rate_on is None:
        raise DomainError(
            "rate_date_missing", _("Enter the day the exchange rate applied."), field="rate_on"
        )
    if source is not None and source.partnership_id != project.partnership_id:
        raise DomainError(
            "source_elsewhere",
            _("Choose an organisation of this partnership."),
            field="source",
        )
    data = {
        "purpose": purpose,
        "amount": amount,
        "currency": currency,
        "rate": rate,
        "rate_on": rate_on if rate else None,
        "source": source,
    }
    return _part(BudgetLine, project, by, idempotency_key, data)
