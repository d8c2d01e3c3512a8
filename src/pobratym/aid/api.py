"""The aid part of the API: open data for anyone, and needs, offers and pledges for members.

Member endpoints live under `/partnerships/{slug}/aid/`; people outside the partnership get 404
as if it did not exist. Creating a need or an offer requires an `Idempotency-Key` header (a
UUID chosen by the client): the same key sent again by the same person answers the record made
the first time, with 200 instead of 201, and creates nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from pobratym.core.errors import DomainError, Stale
from pobratym.core.idempotency import created_status, idempotency_key_of
from pobratym.core.inputs import CursorPagination, Id, Slug
from pobratym.core.spreadsheets import csv_stream
from pobratym.directory.models import Organisation
from pobratym.partnerships.access import partnership_for
from pobratym.partnerships.models import Partnership

from . import selectors, services
from .hxl import hxl_text, public_needs
from .models import Need
from .schemas import (
    ErrorOut,
    InvalidOut,
    MatchOut,
    NeedChangeIn,
    NeedDetailOut,
    NeedFilters,
    NeedIn,
    NeedOut,
    OfferDetailOut,
    OfferFilters,
    OfferIn,
    OfferOut,
    PledgeIn,
    PledgeOut,
    PublishIn,
    ShipmentDetailOut,
    ShipmentFilters,
    ShipmentOut,
    StaleOut,
)

router = Router(tags=["aid"])

VIEW = "aid.view_need"
PAGE_LIMIT = 100
BASE = "/{slug}/aid"
IdempotencyKey = Header(None, alias="Idempotency-Key", description="A UUID chosen by the client.")
# Error bodies, documented: 400 a malformed filter or cursor, 401 signed out, 404 not a member
# or no such record (for a visitor: not public), 422 a malformed address.
READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: InvalidOut}
# 400 a broken business rule (its `code` says which), 403 a role that may not do this, 409 a
# conflict: the record was already ended or decided (`need_ended`, `offer_decided`).
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}
# The `already_pledged` conflict of `pledge_confirm`, and the quantity checks a retry trips
# first when the earlier call took everything that was left.


@router.get("/{slug}/aid.hxl.csv", auth=None, url_name="aid_hxl")
def aid_hxl(request, slug: Slug):
    """The partnership's public needs, one row per item line, as HXL-tagged CSV. A partnership
    without public needs is not found: the address tells nobody it exists (decision 0002)."""
    has_public_needs = Exists(Need.objects.filter(partnership=OuterRef("pk"), public=True))
    partnership = Partnership.objects.filter(has_public_needs, slug=slug).first()
    if partnership is None:
        raise Http404
    needs = public_needs(partnership=partnership)
    return csv_stream(f"{partnership.slug}-aid.hxl.csv", hxl_text(needs))


# --- helpers ---


def _need(request, partnership, need_id: int):
    return selectors.need_detail(viewer=request.user, need_id=need_id, partnership=partnership)


def _fields(data: dict) -> dict:
    """Enum members as their plain values, as models store them."""
    return {name: getattr(value, "value", value) for name, value in data.items()}


def _offer(request, partnership, offer_id: int):
    return selectors.offer_detail(viewer=request.user, partnership=partnership, offer_id=offer_id)


# --- needs ---


@router.get(f"{BASE}/needs", response={200: list[NeedOut], **READ}, url_name="aid_need_list")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def need_list(request, slug: Slug, filters: Query[NeedFilters]):
    """The partnership's needs with their computed status, in the order they last changed (as
    every list: page on with `next`); a visitor reads the public ones, never their exact
    address or critical-infrastructure mark."""
    partnership = partnership_for(request, slug, VIEW, visitors=True)
    return selectors.need_list(
        viewer=request.user, partnership=partnership, filters=_fields(filters.model_dump())
    )


@router.get(
    f"{BASE}/needs/{{need_id}}", response={200: NeedDetailOut, **READ}, url_name="aid_need_detail"
)
def need_detail(request, slug: Slug, need_id: Id):
    """One need with its item lines and their coverage; a visitor reads a public one only."""
    return _need(request, partnership_for(request, slug, VIEW, visitors=True), need_id)


@router.post(
    f"{BASE}/needs",
    response={201: NeedDetailOut, 200: NeedDetailOut, **WRITE},
    url_name="aid_need_create",
)
def need_create(request, slug: Slug, payload: NeedIn, idempotency_key: str | None = IdempotencyKey):
    """Post a need for your own side (coordinators and staff). 201 when made; 200 with the
    same need when the Idempotency-Key was used before by you (the body is then ignored)."""
    partnership = partnership_for(request, slug, VIEW)
    key = idempotency_key_of(idempotency_key)
    data = payload.model_dump()
    lines = [_fields(line) for line in data.pop("lines")]
    need = services.need_create(
        partnership=partnership, by=request.user, lines=lines, idempotency_key=key, **_fields(data)
    )
    return Status(created_status(need), _need(request, partnership, need.pk))


def _need_action(request, slug: str, need_id: int, action, **options):
    partnership = partnership_for(request, slug, VIEW)
    action(need=_need(request, partnership, need_id), by=request.user, **options)
    return _need(request, partnership, need_id)


NEED_ACTION = {"response": {200: NeedDetailOut, **WRITE}}
SENSITIVE = ("address", "critical_infrastructure")


@router.patch(
    f"{BASE}/needs/{{need_id}}",
    response={200: NeedDetailOut, **WRITE, 409: StaleOut | ErrorOut},
    url_name="aid_need_change",
)
def need_change(request, slug: Slug, need_id: Id, payload: NeedChangeIn):
    """Correct a need (coordinators and staff of its side), from the `revision` you read:
    fields left out stay as they are. 409 `stale_revision` when someone changed it since,
    with `current`; read it, merge, and send again with its revision."""
    partnership = partnership_for(request, slug, VIEW)
    need = _need(request, partnership, need_id)
    data = _fields(payload.model_dump(exclude_unset=True))
    if not need.sensitive_shown and set(data) & set(SENSITIVE):
        raise PermissionDenied("aid.view_sensitive")
    try:
        services.need_update(need=need, by=request.user, **data)
    except Stale as error:
        if not need.sensitive_shown:
            error.fields = tuple(name for name in error.fields if name not in SENSITIVE)
        raise
    return _need(request, partnership, need_id)


@router.post(f"{BASE}/needs/{{need_id}}/close", **NEED_ACTION, url_name="aid_need_close")
def need_close(request, slug: Slug, need_id: Id):
    """End a need as served (coordinators and staff of its side)."""
    return _need_action(request, slug, need_id, services.need_close)


@router.post(f"{BASE}/needs/{{need_id}}/cancel", **NEED_ACTION, url_name="aid_need_cancel")
def need_cancel(request, slug: Slug, need_id: Id):
    """Withdraw a need (coordinators and staff of its side); pledges stay on record."""
    return _need_action(request, slug, need_id, services.need_cancel)


@router.post(f"{BASE}/needs/{{need_id}}/publish", **NEED_ACTION, url_name="aid_need_publish")
def need_publish(request, slug: Slug, need_id: Id, payload: PublishIn):
    """With `{"public": true}` show a need in public and open data, with `{"public": false}`
    withdraw it from there (coordinators of its side). Sensitive fields are never published."""
    return _need_action(request, slug, need_id, services.need_publish, public=payload.public)


@router.get(
    f"{BASE}/needs/{{need_id}}/matches",
    response={200: list[MatchOut], **READ},
    url_name="aid_need_matches",
)
def need_matches(request, slug: Slug, need_id: Id):
    """Offer lines that could serve a line of the need, each with the line it fits: same item
    and unit, something left on both, not yet pledged to each other."""
    need = _need(request, partnership_for(request, slug, VIEW), need_id)
    return selectors.match_list(viewer=request.user, need=need)


# --- offers ---


@router.get(f"{BASE}/offers", response={200: list[OfferOut], **READ}, url_name="aid_offer_list")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def offer_list(request, slug: Slug, filters: Query[OfferFilters]):
    """The partnership's offers with their lines, in the order they last changed."""
    partnership = partnership_for(request, slug, VIEW)
    offers = selectors.offer_list(viewer=request.user, partnership=partnership)
    offers = offers.prefetch_related("lines")
    if filters.status:
        offers = offers.filter(status=filters.status.value)
    if filters.need_id:
        offers = offers.filter(need_id=filters.need_id)
    return offers


@router.get(
    f"{BASE}/offers/{{offer_id}}",
    response={200: OfferDetailOut, **READ},
    url_name="aid_offer_detail",
)
def offer_detail(request, slug: Slug, offer_id: Id):
    """One offer with its lines and how much of each is pledged."""
    return _offer(request, partnership_for(request, slug, VIEW), offer_id)


def _offer_lines(data: dict, need) -> list[dict]:
    """Lines with `need_line_id` turned into one of the need's lines, or a clear 400."""
    lines_of_need = {line.pk: line for line in need.coverage} if need else {}
    lines = []
    for line in data:
        line = _fields(line)
        need_line_id = line.pop("need_line_id")
        if need_line_id is not None:
            if need_line_id not in lines_of_need:
                raise DomainError(
                    "other_need",
                    _("An offer line can only answer a line of the need it offers for."),
                )
            line["need_line"] = lines_of_need[need_line_id]
        lines.append(line)
    return lines


@router.post(
    f"{BASE}/offers",
    response={201: OfferDetailOut, 200: OfferDetailOut, **WRITE},
    url_name="aid_offer_create",
)
def offer_create(
    request, slug: str, payload: OfferIn, idempotency_key: str | None = IdempotencyKey
):
    """Offer items for a need (`need_id`) or freely, from your own side (coordinators, staff,
    partner organisations). 201 when made; 200 with the same offer when the Idempotency-Key
    was used before by you (the body is then ignored)."""
    partnership = partnership_for(request, slug, VIEW)
    key = idempotency_key_of(idempotency_key)
    data = payload.model_dump()
    need = None
    if (need_id := data.pop("need_id")) is not None:
        try:
            need = _need(request, partnership, need_id)
        except Http404 as error:
            raise DomainError("unknown_need", _("There is no such need here.")) from error
    lines = _offer_lines(data.pop("lines"), need)
    donor = None
    if (donor_id := data.pop("donor_id")) is not None:
        donor = Organisation.objects.filter(pk=donor_id).first()
        if donor is None:
            raise DomainError("unknown_donor", _("There is no such organisation here."))
    data = _fields(data)
    offer = services.offer_create(
        partnership=partnership,
        by=request.user,
        lines=lines,
        idempotency_key=key,
        need=need,
        donor=donor,
        donor_name=data.pop("donor"),
        donor_kind=data.pop("donor_kind") or "",
        **data,
    )
    return Status(created_status(offer), _offer(request, partnership, offer.pk))


def _offer_action(request, slug: str, offer_id: int, action):
    partnership = partnership_for(request, slug, VIEW)
    action(offer=_offer(request, partnership, offer_id), by=request.user)
    return _offer(request, partnership, offer_id)


OFFER_ACTION = {"response": {200: OfferDetailOut, **WRITE}}


@router.post(f"{BASE}/offers/{{offer_id}}/accept", **OFFER_ACTION, url_name="aid_offer_accept")
def offer_accept(request, slug: Slug, offer_id: Id):
    """Accept an offer (coordinators of the receiving side); its lines can then be pledged."""
    return _offer_action(request, slug, offer_id, services.offer_accept)


@router.post(f"{BASE}/offers/{{offer_id}}/decline", **OFFER_ACTION, url_name="aid_offer_decline")
def offer_decline(request, slug: Slug, offer_id: Id):
    """Decline an offer (coordinators of the receiving side)."""
    return _offer_action(request, slug, offer_id, services.offer_decline)


# --- pledges ---


@router.post(
    f"{BASE}/pledges",
    response={201: PledgeOut, 200: PledgeOut, **WRITE},
    url_name="aid_pledge_confirm",
)
def pledge_confirm(request, slug: Slug, payload: PledgeIn):
    """Confirm that `quantity` of an offer line serves a need line (coordinators of the
    receiving side). 201 when confirmed; 404 when either line is not of this partnership.

    Retrying is safe: an offer line is pledged to a need line at most once, so when that pair
    is already pledged with the same quantity the answer is 200 with the existing pledge;
    with another quantity it is 409 `already_pledged` (no second pledge either way)."""
    partnership = partnership_for(request, slug, VIEW)
    offer_line, need_line = selectors.pledge_lines(
        viewer=request.user,
        partnership=partnership,
        offer_line_id=payload.offer_line_id,
        need_line_id=payload.need_line_id,
    )
    pledge = services.pledge_confirm(
        offer_line=offer_line, need_line=need_line, quantity=payload.quantity, by=request.user
    )
    return Status(created_status(pledge), pledge)


# --- shipments (members only: a shipment carries no public mark, decision 0023) ---


@router.get(
    f"{BASE}/shipments", response={200: list[ShipmentOut], **READ}, url_name="aid_shipment_list"
)
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def shipment_list(request, slug: Slug, filters: Query[ShipmentFilters]):
    """The partnership's shipments in the order they last changed, each with its status,
    packages, weight and volume; filtered by `status`."""
    partnership = partnership_for(request, slug, "aid.view_shipment")
    return selectors.shipment_list(
        viewer=request.user, partnership=partnership, filters=_fields(filters.model_dump())
    )


@router.get(
    f"{BASE}/shipments/{{shipment_id}}",
    response={200: ShipmentDetailOut, **READ},
    url_name="aid_shipment_detail",
)
def shipment_detail(request, slug: Slug, shipment_id: Id):
    """One shipment with its stages (each status it reached, when) and its loaded lines (the
    need and the item each serves)."""
    partnership = partnership_for(request, slug, "aid.view_shipment")
    return selectors.shipment_detail(
        viewer=request.user, partnership=partnership, shipment_id=shipment_id
    )
