"""Reads of the IATI export: a partnership's public projects with all an activity shows, and
the partnership by its address for anyone (the file is open data)."""

from django.db.models import Prefetch, QuerySet

from pobratym.aid.models import Need, Shipment
from pobratym.partnerships.models import Partnership

from ..models import Application, BudgetLine, Project, ProjectOrganisation


def iati_partnership(slug: str) -> Partnership | None:
    """The partnership at `slug` with its cities (its name), for anyone."""
    return Partnership.objects.filter(slug=slug).prefetch_related("sides__city").first()


def iati_projects(*, partnership: Partnership) -> QuerySet:
    """The partnership's public projects, oldest first, with their organisations, budget lines,
    the public needs and the shipments they serve and their applications: six queries
    however many (or per chunk, read with `iati.in_chunks`). Never a project that is not
    public."""
    return (
        Project.objects.filter(partnership=partnership, public=True)
        .select_related("focus_area")
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=ProjectOrganisation.objects.select_related("organisation").order_by(
                    "role", "pk"
                ),
            ),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("application").order_by("pk"),
            ),
            Prefetch("needs", queryset=Need.objects.filter(public=True).only("pk", "sector")),
            Prefetch("shipments", queryset=Shipment.objects.only("pk")),
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("call__programme").order_by("pk"),
            ),
        )
        .order_by("pk")
    )
