"""Which offer lines could serve which need lines: the one definition of a match, read by the
need page, the offer page and the API alike.

An offer line matches a need line when both are of the same item (case and spacing ignored)
and unit; the offer is still open or accepted, not expired, with something left; the need is
still pursued, with something not yet pledged; and the offer was made for that need, or freely
by the other side. A pair already pledged to each other is no match: a second pledge would be
refused.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import reader_translations

from ..models import Need, NeedLine, Offer, OfferLine, Pledge
from ..services import OPEN_OFFER_STATUSES
from .needs import _masking, _pledged_for_need_line, _pledged_for_offer_line


@dataclass(frozen=True)
class Match:
    """An offer line (with `remaining` and its offer) that could serve a need line (with
    `outstanding` and its need, blanked as the viewer may see it), and `quantity`, the most
    that can still be pledged: the smaller of the two."""

    offer_line: OfferLine
    need_line: NeedLine
    quantity: Decimal


def _offer_lines_available(partnership_id: int) -> QuerySet:
    today = timezone.localdate()
    return (
        OfferLine.objects.filter(
            offer__partnership_id=partnership_id, offer__status__in=OPEN_OFFER_STATUSES
        )
        .exclude(expires_on__lt=today)
        .annotate(pledged=_pledged_for_offer_line())
        .annotate(remaining=F("quantity") - F("pledged"))
        .filter(remaining__gt=0)
        .select_related("offer__donor")
    )


def _need_lines_open(partnership_id: int) -> QuerySet:
    return (
        NeedLine.objects.filter(need__partnership_id=partnership_id, need__closure="")
        .annotate(pledged=_pledged_for_need_line())
        .annotate(outstanding=F("quantity") - F("pledged"))
        .filter(outstanding__gt=0)
        .select_related("need")
    )


def _fitting(lines: QuerySet) -> Exists:
    return Exists(lines.filter(item_key=OuterRef("item_key"), unit=OuterRef("unit")))


def _by_fit(lines) -> dict:
    fits = defaultdict(list)
    for line in lines:
        fits[line.item_key, line.unit].append(line)
    return fits


def match_list(*, viewer, need: Need | None = None, offer: Offer | None = None) -> list[Match]:
    """The matches of a need's lines (offers in the order they were made) or of an offer's
    lines (needs by the date they are needed by); members only. The lines of the other side
    come with their translations into the reader's language (an offer's matches: the need
    lines and needs too). At most four queries however many lines (an offer's: six): the offer
    lines, the need lines, the pledges already made and the translations."""
    record = need if need is not None else offer
    membership = None if record is None else membership_of(viewer, record)
    if membership is None:
        return []
    if need is not None and need.closure:
        return []
    if offer is not None and offer.status not in OPEN_OFFER_STATUSES:
        return []
    offer_lines = _offer_lines_available(record.partnership_id)
    need_lines = _need_lines_open(record.partnership_id)
    if need is not None:
        offer_lines = offer_lines.filter(
            Q(offer__need=need) | (Q(offer__need__isnull=True) & ~Q(offer__side=need.side_id))
        )
        need_lines = need_lines.filter(need=need)
        pledges = Pledge.objects.filter(need_line__need=need)
    else:
        offer_lines = offer_lines.filter(offer=offer)
        need_lines = need_lines.filter(
            Q(need=offer.need_id) if offer.need_id else ~Q(need__side=offer.side_id)
        ).prefetch_related(reader_translations(), reader_translations("need"))
        pledges = Pledge.objects.filter(offer_line__offer=offer)
    offer_lines, need_lines = (
        offer_lines.filter(_fitting(need_lines)).order_by("offer__created_at", "pk"),
        need_lines.filter(_fitting(offer_lines)).order_by("need__needed_by", "pk"),
    )
    # Read whether or not anything fits, so the page makes as many queries with much aid as
    # with little.
    offer_lines = list(offer_lines.prefetch_related(reader_translations()))
    need_lines._iterable_class = _masking(membership, need_of=lambda line: line.need)
    need_lines = list(need_lines)
    pledged = set(pledges.values_list("offer_line_id", "need_line_id"))
    if need is not None:
        fits = _by_fit(need_lines)
        pairs = [(line, fit) for line in offer_lines for fit in fits[line.item_key, line.unit]]
    else:
        fits = _by_fit(offer_lines)
        pairs = [(fit, line) for line in need_lines for fit in fits[line.item_key, line.unit]]
    return [
        Match(
            offer_line=offer_line,
            need_line=need_line,
            quantity=min(offer_line.remaining, need_line.outstanding),
        )
        for offer_line, need_line in pairs
        if (offer_line.pk, need_line.pk) not in pledged
    ]
