"""Projects on the pages of what they touch, through `partnerships.related` (registered in
apps.py): the projects an aid need, a shipment or an event carries, and the projects an
organisation of the directory takes part in, with its role. Those pages' domains name no
project (decision 0020).

Each section asks what a project's page asks (membership), and costs one query while there
are no projects, three or four however many there are.
"""

import rules
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.related import ROWS, Row, Section
from pobratym.translation.selectors import shown, with_translations

from .models import OrganisationRole, Project, ProjectOrganisation

VIEW = "projects.view_project"


def _newest(projects: QuerySet) -> list[Project]:
    return list(with_translations(projects.order_by("-starts_on", "-pk"))[:ROWS])


def _rows(newest: list[Project], slug: str, roles: dict | None = None) -> list[Row]:
    return [
        Row(
            title=shown(project, "title").text,
            when=project.starts_on,
            status=project.get_status_display(),
            url=reverse("projects:project_detail", args=[slug, project.pk]),
            role=", ".join(roles.get(project.pk, [])) if roles else "",
        )
        for project in newest
    ]


def _found(viewer, record, projects: QuerySet) -> tuple[list[Project], int] | None:
    """The newest projects and how many there are, or None for a viewer who may not read
    projects (membership, asked of the record's partnership) or when there are none: a
    single query then."""
    if not rules.has_perm(VIEW, viewer, record):
        return None
    newest = _newest(projects)
    if not newest:
        return None
    return newest, len(newest) if len(newest) < ROWS else projects.count()


def _section(viewer, record, projects: QuerySet) -> Section | None:
    found = _found(viewer, record, projects)
    if found is None:
        return None
    newest, total = found
    return Section(_("Projects"), _rows(newest, record.partnership.slug), total)


def carrying_need(viewer, need) -> Section | None:
    """The projects the need serves."""
    return _section(viewer, need, Project.objects.filter(needs=need))


def carrying_shipment(viewer, shipment) -> Section | None:
    """The projects the shipment serves."""
    return _section(viewer, shipment, Project.objects.filter(shipments=shipment))


def carrying_event(viewer, event) -> Section | None:
    """The projects the event belongs to."""
    return _section(viewer, event, Project.objects.filter(events=event))


def taking_part(viewer, organisation) -> Section | None:
    """The projects the organisation takes part in, newest first, with its roles there."""
    found = _found(
        viewer, organisation, Project.objects.filter(roles__organisation=organisation).distinct()
    )
    if found is None:
        return None
    newest, total = found
    labels = dict(OrganisationRole.choices)
    roles: dict[int, list[str]] = {}
    taken = ProjectOrganisation.objects.filter(organisation=organisation, project__in=newest)
    for project_id, role in sorted(
        taken.values_list("project_id", "role"),
        key=lambda pair: OrganisationRole.values.index(pair[1]),
    ):
        roles.setdefault(project_id, []).append(str(labels.get(role, role)))
    return Section(_("Projects"), _rows(newest, organisation.partnership.slug, roles), total)
