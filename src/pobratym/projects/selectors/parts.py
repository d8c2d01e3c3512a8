"""What a project's page shows of its parts beyond the plan: the aid needs, shipments and events
that carry it (those the viewer may see, with titles in the reader's language and their
status, never a need's address or infrastructure detail), its updates newest first with their
photos, and its documents. A fixed number of queries, however many there are."""

from dataclasses import dataclass

import rules
from django.db.models import Prefetch, QuerySet

from pobratym.aid.models import Need, NeedStatus, Shipment
from pobratym.aid.selectors import blank, with_status
from pobratym.directory.models import Organisation
from pobratym.exchanges.models import Event
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import reader_translations, with_translations

from ..models import Project, ProjectDocument, ProjectUpdate, UpdatePhoto


@dataclass(frozen=True)
class Links:
    needs: list[Need]
    shipments: list[Shipment]
    events: list[Event]

    def __bool__(self) -> bool:
        return bool(self.needs or self.shipments or self.events)


def _visible(viewer, records, permission: str) -> list:
    return [record for record in records if rules.has_perm(permission, viewer, record)]


def project_links(*, viewer, project: Project) -> Links:
    """The records that carry the project, each only if the viewer may open its page; a
    need's status as aid computes it, its sensitive details blanked as aid's pages blank
    them. Six queries: each kind and its translations."""
    membership = membership_of(viewer, project)
    needs = _visible(
        viewer,
        with_translations(with_status(project.needs.order_by("-created_at", "pk"))),
        "aid.view_need",
    )
    for need in needs:
        blank(need, membership)
        need.status_label = NeedStatus(need.status).label
    shipments = project.shipments.order_by("-created_at", "pk")
    events = project.events.order_by("-starts_at", "pk")
    return Links(
        needs=needs,
        shipments=_visible(viewer, with_translations(shipments), "aid.view_shipment"),
        events=_visible(viewer, with_translations(events), "exchanges.view_event"),
    )


def linkable(project: Project) -> dict[str, QuerySet]:
    """The needs, shipments and events of the project's partnership not linked yet, newest
    first, with their translations, for the choices of the link form."""
    partnership_id = project.partnership_id
    return {
        "need": with_translations(
            Need.objects.filter(partnership_id=partnership_id)
            .exclude(projects=project)
            .order_by("-created_at", "pk")
        ),
        "shipment": with_translations(
            Shipment.objects.filter(partnership_id=partnership_id)
            .exclude(projects=project)
            .order_by("-created_at", "pk")
        ),
        "event": with_translations(
            Event.objects.filter(partnership_id=partnership_id)
            .exclude(projects=project)
            .order_by("-starts_at", "pk")
        ),
    }


def project_updates(*, project: Project) -> QuerySet:
    """The project's updates newest first, with their photos, their authors and the body in
    the reader's language. Three queries."""
    return (
        ProjectUpdate.objects.filter(project=project)
        .select_related("author")
        .prefetch_related(
            reader_translations(),
            Prefetch("photos", queryset=UpdatePhoto.objects.order_by("pk")),
        )
        .order_by("-posted_on", "-pk")
    )


def project_documents(*, project: Project) -> QuerySet:
    return ProjectDocument.objects.filter(project=project).select_related("uploaded_by")


def organisation_choices(project: Project) -> QuerySet:
    """The partnership's organisations of both cities, by city and name, named in the
    reader's language."""
    return with_translations(
        Organisation.objects.filter(partnership_id=project.partnership_id)
        .select_related("side__city")
        .order_by("side__position", "name")
    )


def update_photo(*, project: Project, update_id: int, photo_id: int) -> UpdatePhoto | None:
    return UpdatePhoto.objects.filter(
        update__project=project, update_id=update_id, pk=photo_id
    ).first()


def parts_of(viewer, project: Project) -> dict:
    """What the project's page shows of these parts: `links`, `updates`, `documents`."""
    return {
        "links": project_links(viewer=viewer, project=project),
        "updates": project_updates(project=project),
        "documents": project_documents(project=project),
    }
