"""Offers and pledges as the offer and need pages show them."""

from collections.abc import Mapping

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import matching, reader_translations

from ..models import (
    Need,
    NeedLine,
    Offer,
    OfferLine,
    Pledge,
)
from .needs import _decimal, _pledged_for_offer_line, _sum


def offer_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's offers, newest first, with `line_count`, `total_value` (EUR) and the
    need each answers (with its translations into the reader's language); members only
    (nothing for anyone else), narrowed by `filters` (`q`, `status`). Only the need's title
    is meant for display: it is not blanked."""
    if membership_of(viewer, partnership) is None:
        return Offer.objects.none()
    filters = filters or {}
    offers = Offer.objects.filter(partnership=partnership)
    if status := filters.get("status"):
        offers = offers.filter(status=status)
    if words := (filters.get("q") or "").strip():
        offers = offers.filter(_offer_with_words(words))
    lines = OfferLine.objects.filter(offer=OuterRef("pk"))
    count = lines.order_by().values("offer").annotate(total=Count("pk")).values("total")[:1]
    return (
        offers.select_related("side__city", "need", "donor")
        .prefetch_related(reader_translations("need"))
        .annotate(
            line_count=Coalesce(Subquery(count), 0),
            total_value=_decimal(_sum(lines, "offer", "estimated_value")),
        )
        .order_by("-created_at", "-pk")
    )


def _offer_with_words(words: str) -> Q:
    """Offers whose donor, note, items or need's title contain `words`, in any language."""
    in_lines = OfferLine.objects.filter(matching(OfferLine, ("item",), words), offer=OuterRef("pk"))
    in_need = Need.objects.filter(matching(Need, ("title",), words), pk=OuterRef("need_id"))
    donors = Organisation.objects.filter(
        matching(Organisation, ("name",), words), pk=OuterRef("donor_id")
    )
    return (
        Q(Exists(donors))
        | matching(Offer, ("note",), words)
        | Q(Exists(in_lines))
        | Q(Exists(in_need))
    )


def offer_detail(*, viewer, partnership: Partnership, offer_id: int) -> Offer:
    """One offer with `line_rows`: its lines with `pledged` and `remaining`; 404 for an offer
    the viewer may not see. The offer, its lines and the need lines they answer come with
    their translations into the reader's language."""
    offer = (
        offer_list(viewer=viewer, partnership=partnership)
        .select_related("created_by", "decided_by")
        .prefetch_related(reader_translations(), reader_translations("donor"))
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    offer.line_rows = list(
        OfferLine.objects.filter(offer=offer)
        .annotate(pledged=_pledged_for_offer_line())
        .annotate(remaining=F("quantity") - F("pledged"))
        .select_related("need_line")
        .prefetch_related(reader_translations(), reader_translations("need_line"))
        .order_by("pk")
    )
    return offer


def pledge_list(*, viewer, need: Need | None = None, offer: Offer | None = None) -> QuerySet:
    """The pledges to a need's lines or from an offer's lines, oldest first, with the
    translations into the reader's language of what the page shows of the other side: a
    need's page the offer lines, an offer's page the need lines and needs; members only."""
    record = need if need is not None else offer
    if record is None or membership_of(viewer, record) is None:
        return Pledge.objects.none()
    if need is not None:
        pledges = Pledge.objects.filter(need_line__need=need)
        shown = ("offer_line",)
    else:
        pledges = Pledge.objects.filter(offer_line__offer=offer)
        shown = ("need_line", "need_line__need")
    pledges = pledges.prefetch_related(*(reader_translations(path) for path in shown))
    return pledges.select_related(
        "offer_line__offer__donor", "need_line__need", "confirmed_by"
    ).order_by("confirmed_at", "pk")


def pledge_lines(
    *, viewer, partnership: Partnership, offer_line_id: int, need_line_id: int
) -> tuple[OfferLine, NeedLine]:
    """The offer line and need line a pledge would join, both of this partnership; 404 if
    either is not, or the viewer is not a member."""
    if membership_of(viewer, partnership) is None:
        raise Http404
    offer_line = (
        OfferLine.objects.filter(pk=offer_line_id, offer__partnership=partnership)
        .select_related("offer__donor")
        .prefetch_related(reader_translations())
        .first()
    )
    need_line = (
        NeedLine.objects.filter(pk=need_line_id, need__partnership=partnership)
        .select_related("need")
        .prefetch_related(reader_translations(), reader_translations("need"))
        .first()
    )
    if offer_line is None or need_line is None:
        raise Http404
    return offer_line, need_line
