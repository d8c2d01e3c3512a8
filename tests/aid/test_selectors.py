"""What the aid selectors show: the computed status, coverage per line, blanked sensitive
fields, matching both ways, and a constant number of queries however many needs there are."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone

from pobratym.aid import selectors, services
from pobratym.aid.models import NeedStatus
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create

pytestmark = pytest.mark.django_db


TWO_LINES = [
    {"item": "Bandage", "quantity": Decimal(10), "unit": "box"},
    {"item": "Saline", "quantity": Decimal(4), "unit": "l"},
]


def _status(viewer, partnership, need):
    return selectors.need_list(viewer=viewer, partnership=partnership).get(pk=need.pk).status


def _pledge(offer, need_line, quantity, by):
    return services.pledge_confirm(
        offer_line=offer.lines.get(), need_line=need_line, quantity=Decimal(quantity), by=by
    )


def test_status_goes_from_open_to_partly_covered_to_covered(partnership, receiver, donor):
    need = need_post(partnership, receiver, lines=TWO_LINES)
    bandage, saline = need.lines.order_by("pk")
    assert _status(receiver, partnership, need) == NeedStatus.OPEN
    bandages = offer_make(
        partnership, donor, lines=[{"item": "bandage", "quantity": 30, "unit": "box"}]
    )
    _pledge(bandages, bandage, 10, receiver)
    # One line fully pledged, the other not at all: partly covered, not covered.
    assert _status(receiver, partnership, need) == NeedStatus.PARTLY_COVERED
    salines = offer_make(partnership, donor, lines=[{"item": "SALINE", "quantity": 4, "unit": "l"}])
    _pledge(salines, saline, 3, receiver)
    assert _status(receiver, partnership, need) == NeedStatus.PARTLY_COVERED
    more = offer_make(partnership, donor, lines=[{"item": "saline", "quantity": 1, "unit": "l"}])
    _pledge(more, saline, 1, receiver)
    assert _status(receiver, partnership, need) == NeedStatus.COVERED
    listed = selectors.need_list(viewer=receiver, partnership=partnership).get(pk=need.pk)
    assert (listed.requested, listed.pledged) == (Decimal(14), Decimal(14))


def test_closed_and_cancelled_are_decisions_that_win_over_sums(partnership, receiver):
    closed = services.need_close(need=need_post(partnership, receiver), by=receiver)
    cancelled = services.need_cancel(need=need_post(partnership, receiver), by=receiver)
    assert _status(receiver, partnership, closed) == NeedStatus.CLOSED
    assert _status(receiver, partnership, cancelled) == NeedStatus.CANCELLED
    open_only = selectors.need_list(
        viewer=receiver, partnership=partnership, filters={"status": "open"}
    )
    assert not open_only.exists()


def test_filters_narrow_the_list(partnership, receiver):
    health = need_post(partnership, receiver, sector="health", priority="urgent")
    need_post(partnership, receiver, sector="shelter", kind="goods", priority="low")
    found = selectors.need_list(
        viewer=receiver, partnership=partnership, filters={"sector": "health", "kind": ""}
    )
    assert list(found) == [health]
    by_priority = selectors.need_list(viewer=receiver, partnership=partnership)
    assert [need.priority for need in by_priority] == ["urgent", "low"]


def test_coverage_per_line_shows_requested_pledged_and_outstanding(partnership, receiver, donor):
    need = need_post(partnership, receiver, lines=TWO_LINES)
    offer = offer_make(partnership, donor, need=need)
    _pledge(offer, need.lines.order_by("pk")[0], 6, receiver)
    coverage = selectors.need_line_coverage(viewer=receiver, need=need)
    assert [(c.quantity, c.pledged, c.outstanding) for c in coverage] == [
        (Decimal(10), Decimal(6), Decimal(4)),
        (Decimal(4), Decimal(0), Decimal(4)),
    ]
    detail = selectors.need_detail(viewer=receiver, partnership=partnership, need_id=need.pk)
    assert [c.pledged for c in detail.coverage] == [Decimal(6), Decimal(0)]


@pytest.mark.parametrize(
    ("role", "position", "sees"),
    [
        (Role.COORDINATOR, 2, True),  # receiving side
        (Role.STAFF, 2, True),
        (Role.COORDINATOR, 1, True),  # donor side: plans the transport
        (Role.STAFF, 1, False),
        (Role.SIGNATORY, 2, False),
        (Role.PARTNER, 2, False),
        (Role.OBSERVER, 2, False),
    ],
)
def test_sensitive_fields_are_blanked_for_those_who_may_not_see_them(
    partnership, receiver, role, position, sees
):
    need = need_post(partnership, receiver, critical_infrastructure=True)
    viewer = member_create(partnership, role, position=position).user
    listed = selectors.need_list(viewer=viewer, partnership=partnership)
    paged = Paginator(listed, 10).page(1).object_list
    detail = selectors.need_detail(viewer=viewer, partnership=partnership, need_id=need.pk)
    for shown in (listed.get(pk=need.pk), paged[0], detail):
        assert shown.sensitive_shown is sees
        assert shown.address == ("vul. Velyka Berdychivska 1" if sees else "")
        assert shown.critical_infrastructure is (True if sees else None)
    assert viewer.has_perm("aid.view_sensitive", need) is sees


def test_outsiders_see_only_public_needs_and_never_their_address(partnership, receiver, outsider):
    hidden = need_post(partnership, receiver)
    public = services.need_publish(need=need_post(partnership, receiver), by=receiver, public=True)
    for viewer in (outsider, AnonymousUser()):
        needs = list(selectors.need_list(viewer=viewer, partnership=partnership))
        assert needs == [public]
        assert needs[0].address == ""
        with pytest.raises(Http404):
            selectors.need_detail(viewer=viewer, partnership=partnership, need_id=hidden.pk)


def test_matching_finds_offers_by_item_and_unit_and_needs_by_offer(partnership, receiver, donor):
    need = need_post(
        partnership,
        receiver,
        lines=[{"item": "Генератор  5 кВт", "quantity": 2, "unit": "piece"}],
    )
    fits = offer_make(
        partnership, donor, lines=[{"item": "генератор 5 квт", "quantity": 3, "unit": "piece"}]
    )
    offer_make(
        partnership, donor, lines=[{"item": "генератор 5 квт", "quantity": 3, "unit": "set"}]
    )
    offer_make(partnership, donor, lines=[{"item": "Generator", "quantity": 3, "unit": "piece"}])
    declined = offer_make(
        partnership, donor, lines=[{"item": "генератор 5 квт", "quantity": 1, "unit": "piece"}]
    )
    services.offer_decline(offer=declined, by=receiver)
    [match] = selectors.match_list(viewer=receiver, need=need)
    assert match.offer_line.offer == fits and match.offer_line.remaining == 3
    assert match.need_line == need.lines.get() and match.quantity == 2
    assert [m.need_line.need for m in selectors.match_list(viewer=donor, offer=fits)] == [need]
    # Once the need is fully pledged, neither side suggests the other any more.
    _pledge(fits, need.lines.get(), 2, receiver)
    assert selectors.match_list(viewer=donor, offer=fits) == []
    assert selectors.match_list(viewer=receiver, need=need) == []


def _pairs(matches) -> set:
    return {(match.offer_line.pk, match.need_line.pk, match.quantity) for match in matches}


def test_a_need_and_an_offer_see_the_same_matches(partnership, receiver, donor):
    """The need page and the offer page read one definition: every line of a need fits, an
    expired offer line or a pair already pledged does not, nor a free offer of the need's own
    side."""
    box = {"item": "Bandage", "unit": "box"}
    need = need_post(partnership, receiver, lines=[{**box, "quantity": 5}, {**box, "quantity": 7}])
    first, second = need.lines.order_by("pk")
    yesterday = timezone.localdate() - timedelta(days=1)
    offer = offer_make(
        partnership,
        donor,
        lines=[{**box, "quantity": 4}, {**box, "quantity": 9, "expires_on": yesterday}],
    )
    fresh, expired = offer.lines.order_by("pk")
    pledged = offer_make(partnership, donor, lines=[{**box, "quantity": 6}])
    _pledge(pledged, first, 1, receiver)
    offer_make(partnership, receiver, lines=[{**box, "quantity": 3}])  # the need's own side

    from_need = selectors.match_list(viewer=receiver, need=need)
    from_offers = [
        *selectors.match_list(viewer=donor, offer=offer),
        *selectors.match_list(viewer=donor, offer=pledged),
    ]

    only = pledged.lines.get()
    assert _pairs(from_need) == _pairs(from_offers)
    assert _pairs(from_need) == {
        (fresh.pk, first.pk, Decimal(4)),
        (fresh.pk, second.pk, Decimal(4)),
        (only.pk, second.pk, Decimal(5)),
    }
    assert expired.pk not in {match.offer_line.pk for match in from_need}


def test_matching_blanks_what_a_donor_may_not_see(partnership, receiver, donor):
    need_post(partnership, receiver)
    offer = offer_make(partnership, donor)
    [match] = selectors.match_list(viewer=donor, offer=offer)
    assert match.need_line.need.address == "" and match.need_line.need.sensitive_shown is False


def test_matching_is_for_members_only(partnership, receiver, donor, outsider):
    need = need_post(partnership, receiver)
    offer = offer_make(partnership, donor)
    assert selectors.match_list(viewer=outsider, need=need) == []
    assert selectors.match_list(viewer=outsider, offer=offer) == []


def test_matching_reads_the_same_queries_however_many_lines(
    partnership, receiver, donor, django_assert_num_queries
):
    lines = [{"item": f"Item {n}", "quantity": 5, "unit": "box"} for n in range(8)]
    need = need_post(partnership, receiver, lines=lines)
    offer = offer_make(partnership, donor, lines=lines)
    selectors.match_list(viewer=receiver, need=need)  # the membership, cached from here on

    # Offer lines, need lines, pledges made, and the translations of the other side's lines
    # (of an offer's matches: need lines and needs).
    with django_assert_num_queries(4):
        assert len(selectors.match_list(viewer=receiver, need=need)) == 8
    with django_assert_num_queries(6):
        assert len(selectors.match_list(viewer=receiver, offer=offer)) == 8


def _needs_with_pledges(partnership, receiver, donor, count):
    offer = offer_make(
        partnership, donor, lines=[{"item": "Bandage", "quantity": 1000, "unit": "box"}]
    )
    for number in range(count):
        need = need_post(partnership, receiver, lines=TWO_LINES, title=f"Need {number}")
        _pledge(offer, need.lines.order_by("pk")[0], 1, receiver)


@pytest.mark.parametrize("count", [1, 12])
def test_need_list_makes_the_same_queries_for_few_and_many(
    partnership, receiver, donor, django_assert_num_queries, count
):
    _needs_with_pledges(partnership, receiver, donor, count)
    viewer = member_create(partnership, Role.OBSERVER, position=1).user
    # The viewer's membership, the paginator's count, one page of needs, their translations.
    with django_assert_num_queries(4):
        page = Paginator(selectors.need_list(viewer=viewer, partnership=partnership), 10).page(1)
        rows = [(n.title, n.status, n.side.city.name, n.address) for n in page.object_list]
    assert len(rows) == min(count, 10)
    assert {status for _title, status, _city, _address in rows} == {NeedStatus.PARTLY_COVERED}
