"""The partnerships part of the API: what a member may read of their partnerships, and a
visitor of those the public portal shows."""

from datetime import date

from ninja import Field, Router, Schema

from pobratym.core.inputs import Slug

from . import selectors
from .access import is_visitor, partnership_for, token_partnership_id

router = Router(tags=["partnerships"])
cities_router = Router(tags=["partnerships"])


class CityOut(Schema):
    name: str
    country: str
    region: str


class SideOut(Schema):
    position: int
    city: CityOut


class FocusAreaOut(Schema):
    key: str
    name: str


class FocusAreaDetailOut(FocusAreaOut):
    description: str
    position: int


class CityDetailOut(CityOut):
    id: int
    partnerships: list[str] = Field(description="The slugs of its partnerships here.")


class PartnershipOut(Schema):
    slug: str
    kind: str
    status: str
    started_on: date | None
    sides: list[SideOut]


class PartnershipDetailOut(PartnershipOut):
    focus_areas: list[FocusAreaOut]
    member_count: int | None = Field(description="For members; null for a visitor.")


def _side(side) -> SideOut:
    city = side.city
    return SideOut(
        position=side.position,
        city=CityOut(name=city.name, country=str(city.country), region=city.region),
    )


def _partnership(partnership) -> dict:
    return {
        "slug": partnership.slug,
        "kind": partnership.kind,
        "status": partnership.status,
        "started_on": partnership.started_on,
        "sides": [_side(side) for side in partnership.sides.all()],
    }


def _partnerships(request):
    """The caller's partnerships (within their token's), or a visitor's: the active ones."""
    if is_visitor(request):
        return selectors.partnership_public_list().order_by("slug")
    partnerships = selectors.partnership_list(viewer=request.user)
    limited_to = token_partnership_id(request)
    if limited_to is not None:
        partnerships = partnerships.filter(pk=limited_to)
    return partnerships


@router.get("/", response=list[PartnershipOut])
def partnership_list(request):
    """Your partnerships; for a visitor, every active partnership of this installation."""
    return [_partnership(p) for p in _partnerships(request)]


@cities_router.get("", response=list[CityDetailOut], url_name="city_list")
def city_list(request):
    """The cities of your partnerships (for a visitor: of the active ones), by name, each
    with the partnerships it is in. Two queries however many."""
    cities = {}
    for partnership in _partnerships(request):
        for side in partnership.sides.all():
            city = side.city
            found = cities.setdefault(
                city.pk,
                {
                    "id": city.pk,
                    "name": city.name,
                    "country": str(city.country),
                    "region": city.region,
                    "partnerships": [],
                },
            )
            found["partnerships"].append(partnership.slug)
    return sorted(cities.values(), key=lambda city: (city["name"], city["id"]))


@router.get("/{slug}", response=PartnershipDetailOut)
def partnership_detail(request, slug: Slug):
    """One partnership with its focus areas (and, for members, how many they are)."""
    partnership = partnership_for(request, slug, visitors=True)
    if is_visitor(request):
        return {
            **_partnership(partnership),
            "focus_areas": [
                {"key": area.key, "name": area.name}
                for area in selectors.focus_area_list(partnership=partnership)
            ],
            "member_count": None,
        }
    dashboard = selectors.partnership_dashboard(viewer=request.user, partnership=partnership)
    return {
        **_partnership(partnership),
        "focus_areas": [{"key": area.key, "name": area.name} for area in dashboard.focus_areas],
        "member_count": dashboard.member_count,
    }


@router.get("/{slug}/focus-areas", response=list[FocusAreaDetailOut], url_name="focus_area_list")
def focus_area_list(request, slug: Slug):
    """The partnership's focus areas in their order; their keys are what the `focus_area`
    filters and fields take."""
    partnership = partnership_for(request, slug, visitors=True)
    return selectors.focus_area_list(partnership=partnership)
