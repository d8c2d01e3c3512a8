"""The projects part of the API: a partnership's projects, work plans and funding
applications for its members, adding a project, a plan or a measure (the offices of both
sides), and the public
projects as IATI open data for anyone. People outside a partnership get 404 as if it did not
exist.

Adding requires an `Idempotency-Key` header (a UUID chosen by the client): the same key sent
again by the same person answers the project made the first time, with 200 instead of 201,
and creates nothing; sent with other content, 409 `idempotency_key_reused`.
"""

from itertools import chain

from django.db.models import prefetch_related_objects
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from pobratym.core.audiences import for_visitors, members_or_visitors
from pobratym.core.errors import DomainError
from pobratym.core.idempotency import created_status, idempotency_key_of
from pobratym.core.inputs import CursorPagination, Id, Slug
from pobratym.partnerships.access import is_visitor, partnership_for

from . import iati, selectors, services
from .schemas import (
    ApplicationOut,
    ErrorOut,
    InvalidOut,
    MeasureIn,
    PlanDetailOut,
    PlanIn,
    PlanOut,
    ProjectDetailOut,
    ProjectFilters,
    ProjectIn,
    ProjectListOut,
    PublicProjectOut,
)

router = Router(tags=["projects"])

PAGE_LIMIT = 100
VIEW = "projects.view_project"
BASE = "/{slug}/projects"
IdempotencyKey = Header(None, alias="Idempotency-Key", description="A UUID chosen by the client.")
# 400 a malformed filter or cursor, 401 signed out, 404 not a member or no such record (for a
# visitor: not public), 422 a malformed address.
READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: InvalidOut}
# 400 a broken rule (its `code` says which: `dates_out_of_order`, `side_elsewhere`,
# `focus_area_elsewhere`, `idempotency_key_missing`), 403 a role that may not add projects,
# 409 a key reused with other content.
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}
IATI_XML = {
    200: {
        "description": "IATI 2.03 activity XML (iati-activities), streamed.",
        "content": {"application/xml": {"schema": {"type": "string"}}},
    },
    404: {"description": "No such partnership, or none of its public projects can be published."},
}


def _project(request, partnership, project_id: int):
    project = selectors.project_detail(
        viewer=request.user, partnership=partnership, project_id=project_id
    )
    prefetch_related_objects([project], "needs", "shipments", "events", "applications__shipments")
    return project


@router.get(f"{BASE}", response={200: list[ProjectListOut], **READ}, url_name="projects_list")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def project_list(request, slug: Slug, filters: Query[ProjectFilters]):
    """The partnership's projects, public or not (visitors: the public ones), with how many
    milestones are done; filtered by `status`, `focus_area` (its key) and a period (`from`,
    `to`: the projects running on some of those days)."""
    partnership = partnership_for(request, slug, VIEW, visitors=True)
    data = {
        "status": filters.status.value if filters.status else None,
        "starts_from": filters.starts_from,
        "ends_until": filters.ends_until,
    }
    if filters.focus_area:
        data["focus_area"] = partnership.focus_areas.filter(key=filters.focus_area).first() or -1
    if is_visitor(request):
        projects = selectors.project_public_list(partnership=partnership, filters=data)
    else:
        projects = selectors.project_list(
            viewer=request.user, partnership=partnership, filters=data
        )
    return projects


@router.get(
    f"{BASE}/{{project_id}}",
    response={200: members_or_visitors(ProjectDetailOut, PublicProjectOut), **READ},
    url_name="projects_detail",
)
def project_detail(request, slug: Slug, project_id: Id):
    """One project with its organisations, milestones, indicators, budget lines and totals in
    euro and hryvnia, the aid and events it carries, and its funding applications. A visitor
    reads a public project only, as the list shows it with its description."""
    partnership = partnership_for(request, slug, VIEW, visitors=True)
    if is_visitor(request):
        project = selectors.project_public_detail(partnership=partnership, project_id=project_id)
        return for_visitors(project)
    return _project(request, partnership, project_id)


def _focus_area(partnership, key: str | None):
    if not key:
        return None
    area = partnership.focus_areas.filter(key=key).first()
    if area is None:
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose a focus area of this partnership."),
            field="focus_area",
        )
    return area


@router.post(
    f"{BASE}",
    response={201: ProjectDetailOut, 200: ProjectDetailOut, **WRITE},
    url_name="projects_create",
)
def project_create(
    request, slug: Slug, payload: ProjectIn, idempotency_key: str | None = IdempotencyKey
):
    """Add a project (coordinators and staff of either side). 201 when made; 200 with the
    same project when the Idempotency-Key was used before by you with the same body."""
    partnership = partnership_for(request, slug, VIEW)
    key = idempotency_key_of(idempotency_key)
    data = {name: getattr(value, "value", value) for name, value in payload.model_dump().items()}
    data["lead_side"] = partnership.sides.get(position=data["lead_side"])
    data["focus_area"] = _focus_area(partnership, data["focus_area"])
    project = services.project_create(
        partnership=partnership, by=request.user, idempotency_key=key, **data
    )
    return Status(created_status(project), _project(request, partnership, project.pk))


@router.get(
    "/{slug}/funding/applications",
    response={200: list[ApplicationOut], **READ},
    url_name="projects_application_list",
)
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def application_list(request, slug: Slug):
    """The partnership's funding applications in the order they last changed, each with its
    programme, call, amounts and the project or shipments it is for."""
    partnership = partnership_for(request, slug, "projects.view_application")
    return selectors.application_list(viewer=request.user, partnership=partnership)


@router.get("/{slug}/plans", response={200: list[PlanOut], **READ}, url_name="projects_plan_list")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def plan_list(request, slug: Slug):
    """The partnership's work plans in the order they last changed, each with where it
    stands (`state`), its newest version and the newest version both sides approved."""
    partnership = partnership_for(request, slug, "projects.view_plan")
    return selectors.plan_list(viewer=request.user, partnership=partnership)


def _plan(request, partnership, plan_id: int):
    plan = selectors.plan_detail(viewer=request.user, partnership=partnership, plan_id=plan_id)
    plan.current_version = selectors.version_of(plan)
    plan.measures = selectors.measures_of(plan.current_version)
    return plan


@router.get(
    "/{slug}/plans/{plan_id}",
    response={200: PlanDetailOut, **READ},
    url_name="projects_plan_detail",
)
def plan_detail(request, slug: Slug, plan_id: Id):
    """One work plan with its newest version, that version's approvals by side and its
    measures: focus area, lead side, period, status, progress and what carries each out."""
    partnership = partnership_for(request, slug, "projects.view_plan")
    return _plan(request, partnership, plan_id)


@router.post(
    "/{slug}/plans",
    response={201: PlanDetailOut, 200: PlanDetailOut, **WRITE},
    url_name="projects_plan_create",
)
def plan_create(request, slug: Slug, payload: PlanIn, idempotency_key: str | None = IdempotencyKey):
    """Start a work plan (coordinators and staff of either side) with an empty first version.
    201 when made; 200 with the same plan when the Idempotency-Key was used before by you
    with the same body."""
    partnership = partnership_for(request, slug, "projects.view_plan")
    plan = services.plan_create(
        partnership=partnership,
        by=request.user,
        idempotency_key=idempotency_key_of(idempotency_key),
        **payload.model_dump(),
    )
    return Status(created_status(plan), _plan(request, partnership, plan.pk))


@router.post(
    "/{slug}/plans/{plan_id}/measures",
    response={201: PlanDetailOut, 200: PlanDetailOut, **WRITE},
    url_name="projects_measure_add",
)
def measure_add(
    request,
    slug: Slug,
    plan_id: Id,
    payload: MeasureIn,
    idempotency_key: str | None = IdempotencyKey,
):
    """Add a measure to the plan's newest version, unless a side has approved it (then
    409 `version_frozen`: start a new version on the plan's page). Answers the plan."""
    partnership = partnership_for(request, slug, "projects.view_plan")
    plan = selectors.plan_detail(viewer=request.user, partnership=partnership, plan_id=plan_id)
    data = {name: getattr(value, "value", value) for name, value in payload.model_dump().items()}
    data["lead_side"] = partnership.sides.get(position=data["lead_side"])
    data["focus_area"] = _focus_area(partnership, data["focus_area"])
    measure = services.measure_add(
        version=selectors.version_of(plan),
        by=request.user,
        idempotency_key=idempotency_key_of(idempotency_key),
        **data,
    )
    return Status(created_status(measure), _plan(request, partnership, plan.pk))


@router.get(
    "/{slug}/activities.iati.xml",
    auth=None,
    url_name="projects_iati",
    summary="The partnership's public projects (IATI 2.03)",
    openapi_extra={"responses": IATI_XML},
)
def activities_iati(request, slug: Slug):
    """The public projects and the aid they carry as IATI 2.03 activities, for anyone. A
    public project lacking what IATI requires is left out (members see which, and why, on the
    projects' "Open data: IATI" page); with nothing to publish the answer is 404."""
    partnership = selectors.iati_partnership(slug)
    if partnership is None:
        raise Http404
    projects = iati.publishable(iati.in_chunks(selectors.iati_projects(partnership=partnership)))
    first = next(projects, None)
    if first is None:
        raise Http404
    response = StreamingHttpResponse(
        iati.activities_xml(chain([first], projects), iati.reporter_of(partnership)),
        content_type="application/xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{partnership.slug}.iati.xml"'
    return response
