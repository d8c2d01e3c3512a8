"""The directory part of the API: organisations for members, contacts for those who may see
them (the offices of both sides). People outside the partnership get 404 as if it did not
exist; members who may not see contacts get 403, as on the pages."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from pobratym.core.inputs import CursorPagination, Id, Slug, Text
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from . import selectors
from .models import ConsentMethod, OrganisationKind, SpokenLanguage

router = Router(tags=["directory"])

PAGE_LIMIT = 100
BASE = "/{slug}/directory"


class ErrorOut(Schema):
    code: str
    message: str


READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# Members who may not see contacts (partner organisations, signatories, observers) get 403.
CONTACTS = {**READ, 403: ErrorOut}


class OrganisationFilters(Schema):
    q: Text | None = Field(None, max_length=200, description="Words in the name or description.")
    kind: OrganisationKind | None = None
    side: int | None = Field(None, ge=1, le=2, description="The city: side 1 or 2.")


class OrganisationOut(Schema):
    id: int
    name: str = Field(description="As written, in `language`.")
    name_in_reader_language: str
    language: str
    kind: OrganisationKind
    side: int = Field(description="Position of the organisation's city: 1 or 2.")
    city: str
    website: str
    focus_areas: list[str] = Field(description="Keys of the partnership's focus areas.")
    contact_count: int
    created_at: datetime

    @staticmethod
    def resolve_name_in_reader_language(organisation) -> str:
        return shown(organisation, "name").text

    @staticmethod
    def resolve_side(organisation) -> int:
        return organisation.side.position

    @staticmethod
    def resolve_city(organisation) -> str:
        return organisation.side.city.name

    @staticmethod
    def resolve_focus_areas(organisation) -> list[str]:
        return [area.key for area in organisation.focus_areas.all()]


class OrganisationDetailOut(OrganisationOut):
    description: str
    has_logo: bool

    @staticmethod
    def resolve_has_logo(organisation) -> bool:
        return bool(organisation.logo)


class ContactOut(Schema):
    id: int
    organisation: int = Field(description="The organisation's id.")
    side: int
    anonymised: bool
    name: str
    function: str
    languages: list[SpokenLanguage]
    email: str
    phone: str
    consent_on: date | None
    consent_purpose: str
    consent_method: ConsentMethod | None
    retain_until: date | None

    @staticmethod
    def resolve_organisation(contact) -> int:
        return contact.organisation_id

    @staticmethod
    def resolve_side(contact) -> int:
        return contact.side.position

    @staticmethod
    def resolve_consent_method(contact):
        return contact.consent_method or None


def _filters(filters: OrganisationFilters, partnership) -> dict:
    data = {name: getattr(value, "value", value) for name, value in filters.model_dump().items()}
    if data.get("side"):
        side = partnership.sides.filter(position=data["side"]).first()
        data["side"] = side.pk if side else -1
    return data


@router.get(
    f"{BASE}/organisations",
    response={200: list[OrganisationOut], **READ},
    url_name="directory_organisation_list",
)
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def organisation_list(request, slug: Slug, filters: Query[OrganisationFilters]):
    """The partnership's organisations, in the order they last changed."""
    partnership = partnership_for(request, slug, "directory.view_organisation")
    return selectors.organisation_list(
        viewer=request.user, partnership=partnership, filters=_filters(filters, partnership)
    )


@router.get(
    f"{BASE}/organisations/{{organisation_id}}",
    response={200: OrganisationDetailOut, **READ},
    url_name="directory_organisation_detail",
)
def organisation_detail(request, slug: Slug, organisation_id: Id):
    """One organisation."""
    partnership = partnership_for(request, slug, "directory.view_organisation")
    return selectors.organisation_detail(
        viewer=request.user, partnership=partnership, organisation_id=organisation_id
    )


@router.get(
    f"{BASE}/contacts",
    response={200: list[ContactOut], **CONTACTS},
    url_name="directory_contact_list",
)
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def contact_list(request, slug: Slug):
    """The partnership's contacts, in the order they last changed; anonymised ones keep their
    place with blank personal fields."""
    partnership = partnership_for(request, slug, "directory.view_contact")
    return selectors.contact_list(viewer=request.user, partnership=partnership)


@router.get(
    f"{BASE}/contacts/{{contact_id}}",
    response={200: ContactOut, **CONTACTS},
    url_name="directory_contact_detail",
)
def contact_detail(request, slug: Slug, contact_id: Id):
    """One contact."""
    partnership = partnership_for(request, slug, "directory.view_contact")
    return selectors.contact_detail(
        viewer=request.user, partnership=partnership, contact_id=contact_id
    )
