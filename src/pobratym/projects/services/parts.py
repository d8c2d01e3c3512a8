"""What a project is made of beyond its plan: the organisations of both cities taking part in
a role, the aid needs, shipments and events that carry it, dated updates with photos, and
documents. Adding is safe to retry (core.idempotency; a link is its own natural key), and
only records of the project's own partnership are accepted."""

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.aid.models import Need, Shipment
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.office_files import clean_document
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_photo
from pobratym.exchanges.models import Event
from pobratym.translation.services import translate_later

from ..models import (
    OrganisationRole,
    Project,
    ProjectDocument,
    ProjectOrganisation,
    ProjectUpdate,
    UpdatePhoto,
)
from .projects import _written_in

CHANGE = "projects.change_project"
# Each kind of record a project links to: the project's field, and who may see one.
LINKS = {
    "need": ("needs", Need, "aid.view_need"),
    "shipment": ("shipments", Shipment, "aid.view_shipment"),
    "event": ("events", Event, "exchanges.view_event"),
}
MAX_PHOTOS = 10


def _of_this_partnership(project: Project, record, field: str) -> None:
    if record.partnership_id != project.partnership_id:
        messages = {
            "organisation": _("Choose an organisation of this partnership."),
            "need": _("Choose an aid need of this partnership."),
            "shipment": _("Choose a shipment of this partnership."),
            "event": _("Choose an event of this partnership."),
        }
        raise DomainError(f"{field}_elsewhere", messages[field], field=field)


@transaction.atomic
def project_organisation_add(
    *, project: Project, by: User, idempotency_key: uuid.UUID | None, organisation, role: str
) -> ProjectOrganisation:
    """An organisation of either city takes part in the project in `role`; the same one twice
    in the same role is refused (a second role is fine: a funder may also implement)."""
    require(by, CHANGE, project)
    _of_this_partnership(project, organisation, "organisation")
    if role not in OrganisationRole.values:
        raise DomainError("unknown_role", _("Choose one of the roles."), field="role")

    def create(stamp):
        taking_part = ProjectOrganisation(
            project=project, organisation=organisation, role=role, **stamp
        )
        validate(taking_part, exclude=["idempotency_key"], validate_constraints=False)
        taking_part.save()
        return taking_part

    try:
        taking_part, _created = create_once(
            ProjectOrganisation,
            key=idempotency_key,
            scope={"project": project},
            data={"organisation": organisation, "role": role},
            create=create,
        )
    except IntegrityError as error:  # the same organisation in the same role, sent anew
        raise DomainError(
            "organisation_in_role",
            _("This organisation already takes part in the project as %(role)s.")
            % {"role": OrganisationRole(role).label},
            field="organisation",
        ) from error
    return taking_part


@transaction.atomic
def project_organisation_remove(*, taking_part: ProjectOrganisation, by: User) -> None:
    """The organisation no longer takes part in that role; removing it again changes nothing."""
    require(by, CHANGE, taking_part.project)
    ProjectOrganisation.objects.filter(pk=taking_part.pk).delete()


def _records(need, shipment, event) -> list[tuple[str, object]]:
    chosen = {"need": need, "shipment": shipment, "event": event}
    return [(kind, record) for kind, record in chosen.items() if record is not None]


@transaction.atomic
def project_link_add(
    *,
    project: Project,
    by: User,
    need: Need | None = None,
    shipment: Shipment | None = None,
    event: Event | None = None,
) -> Project:
    """Link aid needs, shipments or events that carry the project (records of its
    partnership the person may see); a record linked already stays linked once, so sending
    twice is harmless."""
    require(by, CHANGE, project)
    chosen = _records(need, shipment, event)
    if not chosen:
        raise DomainError(
            "nothing_chosen", _("Choose an aid need, a shipment or an event to link.")
        )
    for kind, record in chosen:
        _of_this_partnership(project, record, kind)
        require(by, LINKS[kind][2], record)
    audited(project, by)
    for kind, record in chosen:
        getattr(project, LINKS[kind][0]).add(record)
    return project


@transaction.atomic
def project_link_remove(
    *,
    project: Project,
    by: User,
    need: Need | None = None,
    shipment: Shipment | None = None,
    event: Event | None = None,
) -> Project:
    """Unlink records from the project; the records themselves stay as they are."""
    require(by, CHANGE, project)
    audited(project, by)
    for kind, record in _records(need, shipment, event):
        getattr(project, LINKS[kind][0]).remove(record)
    return project


@transaction.atomic
def update_post(
    *,
    project: Project,
    by: User,
    idempotency_key: uuid.UUID | None,
    body: str,
    posted_on: date | None = None,
    photos=(),
    language: str | None = None,
) -> ProjectUpdate:
    """A dated post on how the project goes (today unless said otherwise, never in the
    future), with PNG or JPEG photos re-encoded without their metadata; written in
    `language`, the other languages follow from the task worker."""
    require(by, CHANGE, project)
    posted_on = posted_on or timezone.localdate()
    if posted_on > timezone.localdate():
        raise DomainError(
            "posted_in_future", _("An update cannot be dated in the future."), field="posted_on"
        )
    if len(photos) > MAX_PHOTOS:
        raise DomainError(
            "too_many_photos",
            _("Add at most %(count)s photos to one update.") % {"count": MAX_PHOTOS},
            field="photos",
        )
    photos = list(photos)

    def create(stamp):
        cleaned = [clean_photo(photo, field="photos") for photo in photos]
        update = ProjectUpdate(project=project, author=by, posted_on=posted_on, **stamp)
        model_update(instance=update, fields=("body",), data={"body": body})
        _written_in(update, by, language)
        validate(update, exclude=["idempotency_key"], validate_constraints=False)
        audited(update, by).save()
        for image in cleaned:
            UpdatePhoto.objects.create(update=update, image=image)
        translate_later(update)
        return update

    update, _created = create_once(
        ProjectUpdate,
        key=idempotency_key,
        scope={"project": project},
        data={"language": language, "body": body, "posted_on": posted_on, "photos": photos},
        create=create,
    )
    return update


@transaction.atomic
def document_add(
    *, project: Project, by: User, idempotency_key: uuid.UUID | None, title: str, file
) -> ProjectDocument:
    """Keep a document with the project: a PDF, an office document (DOCX, XLSX, PPTX, ODT,
    ODS, ODP), PNG or JPEG, refused when it carries scripts, macros or other files
    (core.office_files); members only may download it."""
    require(by, CHANGE, project)

    def create(stamp):
        document = ProjectDocument(
            project=project, uploaded_by=by, file=clean_document(file, field="file"), **stamp
        )
        model_update(instance=document, fields=("title",), data={"title": title})
        validate(document, exclude=["idempotency_key"], validate_constraints=False)
        document.save()
        return document

    document, _created = create_once(
        ProjectDocument,
        key=idempotency_key,
        scope={"project": project, "uploaded_by": by},
        data={"title": title, "file": file},
        create=create,
    )
    return document
