"""The offer pages over HTTP: who gets which page, making offers freely or for a need, bad
input, deciding, matching needs with pledges confirmed from the offer's page, and a constant
number of queries."""

import uuid
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from pobratym.aid import services
from pobratym.aid.models import Offer, OfferLine, Pledge
from pobratym.partnerships.models import Role
from tests.access import Page, http_check
from tests.aid.factories import need_post, offer_make
from tests.aid.page_factories import DONOR, RECEIVING, offer_form, world_make
from tests.aid.test_rules import RULES

pytestmark = pytest.mark.django_db


def _url(name, query=lambda w: ""):
    return lambda w: reverse(f"aid:{name}", args=[w.partnership.slug]) + query(w)


def _offer_url(name):
    return lambda w: reverse(f"aid:{name}", args=[w.partnership.slug, w.offer.pk])


def _for_need(w):
    return f"?need={w.need.pk}"


READERS = RULES["aid.view_need"][1]
DONORS = RULES["aid.add_offer"][1]
DECIDERS = RULES["aid.decide_offer"][1]

PAGES = [
    Page("list", _url("offer_list"), READERS),
    Page("detail", _offer_url("offer_detail"), READERS),
    Page("make an offer", _url("offer_create"), DONORS),
    Page("offer for a need", _url("offer_create", _for_need), DONORS),
    Page(
        "make an offer (post)",
        _url("offer_create"),
        DONORS,
        method="post",
        data=lambda w, person: offer_form(),
        success=302,
    ),
    Page(
        "accept (post)",
        _offer_url("offer_decide"),
        DECIDERS,
        method="post",
        data={"decision": "accept"},
        success=302,
    ),
]


def _offers_written() -> tuple[int, int, int]:
    return Offer.history.count(), OfferLine.objects.count(), Pledge.objects.count()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, world, cast):
    http_check(page, world, cast, unchanged=_offers_written)


def test_refused_decision_changes_nothing(world, cast, client_of):
    url = reverse("aid:offer_decide", args=[world.partnership.slug, world.offer.pk])
    for cell in ((Role.COORDINATOR, DONOR), (Role.STAFF, RECEIVING)):
        assert client_of(cast[cell]).post(url, {"decision": "decline"}).status_code == 403

    world.offer.refresh_from_db()
    assert world.offer.status == Offer.Status.OPEN


def test_free_offer_is_made_with_its_lines(world, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug])
    lines = [
        {
            "item": "Insulin pens",
            "quantity": "200",
            "unit": "piece",
            "condition": "new",
            "estimated_value": "1500.50",
            "expires_on": "2027-06-30",
        }
    ]

    response = client_of(world.donor).post(
        url, offer_form(lines=lines, donor_name="Apotheke Mitte")
    )

    offer = Offer.objects.get(donor__name="Apotheke Mitte")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "aid:offer_detail", args=[world.partnership.slug, offer.pk]
    )
    line = offer.lines.get()
    assert (line.item, line.quantity, line.estimated_value) == (
        "Insulin pens",
        Decimal(200),
        Decimal("1500.50"),
    )
    assert str(line.expires_on) == "2027-06-30"
    assert offer.need is None and offer.side.position == DONOR


def test_offer_for_a_need_starts_with_what_is_outstanding(world, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug]) + f"?need={world.need.pk}"

    lines = client_of(world.donor).get(url).context["lines"]

    first = lines.forms[0]
    assert first["item"].value() == "Bandage"
    assert first["quantity"].value() == Decimal(100)
    assert first["need_line"].value() == str(world.need.lines.get().pk)


def test_offer_for_a_need_answers_its_line(world, client_of):
    need_line = world.need.lines.get()
    url = reverse("aid:offer_create", args=[world.partnership.slug]) + f"?need={world.need.pk}"
    lines = [{"item": "Bandage", "quantity": "40", "unit": "box", "need_line": str(need_line.pk)}]

    response = client_of(world.donor).post(url, offer_form(lines=lines, donor_name="DRK Dortmund"))

    offer = Offer.objects.get(donor__name="DRK Dortmund")
    assert response.status_code == 302
    assert offer.need == world.need
    assert offer.lines.get().need_line == need_line


def test_offer_line_in_another_unit_than_its_need_line_is_a_400(world, client_of):
    need_line = world.need.lines.get()
    url = reverse("aid:offer_create", args=[world.partnership.slug]) + f"?need={world.need.pk}"
    lines = [{"item": "Bandage", "quantity": "4", "unit": "kg", "need_line": str(need_line.pk)}]

    response = client_of(world.donor).post(url, offer_form(lines=lines, donor_name="Wrong unit"))

    assert response.status_code == 400
    assert "The unit must be the same as the need's." in unescape(response.content.decode())
    assert not Offer.objects.filter(donor__name="Wrong unit").exists()


@pytest.mark.parametrize("need_id", ["abc", "999999"])
def test_offer_for_an_unknown_need_is_not_found(world, need_id, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug]) + f"?need={need_id}"

    assert client_of(world.donor).get(url).status_code == 404


def test_offer_for_a_need_of_another_partnership_is_not_found(world, client_of):
    other = world_make()
    url = reverse("aid:offer_create", args=[world.partnership.slug]) + f"?need={other.need.pk}"

    assert client_of(world.donor).get(url).status_code == 404


BAD = [
    ({"quantity": "0"}, "greater than or equal to 0.001"),
    ({"quantity": "ten"}, "Enter a number"),
    ({"unit": "bucket"}, "Select a valid choice"),
    ({"estimated_value": "-3"}, "greater than or equal to 0"),
    ({"expires_on": "2027-13-01"}, "Enter a valid date"),
    ({"condition": "broken"}, "Select a valid choice"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_offer_line_is_a_400_and_nothing_is_offered(world, change, message, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug])
    line = {"item": "bandage", "quantity": "5", "unit": "box", "condition": "new", **change}

    response = client_of(world.donor).post(url, offer_form(lines=[line], donor_name="Bad"))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Offer.objects.filter(donor__name="Bad").exists()


def test_offer_without_lines_or_donor_is_a_400(world, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug])
    data = offer_form(donor_name="", donor_kind="alien")
    for name in ("item", "quantity", "unit"):
        data[f"lines-0-{name}"] = ""

    response = client_of(world.donor).post(url, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Add at least one item line." in html
    assert "Choose the donor from the directory or enter the name of a new one." in html
    assert "Select a valid choice" in html
    assert Offer.objects.count() == 1


def test_offer_form_sent_twice_makes_one_offer(world, client_of):
    client = client_of(world.donor)
    url = reverse("aid:offer_create", args=[world.partnership.slug])
    data = offer_form(key=uuid.uuid4(), donor_name="Twice")

    first, second = client.post(url, data), client.post(url, data)

    assert first["Location"] == second["Location"]
    assert Offer.objects.filter(donor__name="Twice").count() == 1
    assert OfferLine.objects.filter(offer__donor__name="Twice").count() == 1


def test_more_lines_keeps_the_offer_and_adds_empty_lines(world, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug])
    data = {**offer_form(donor_name="Growing"), "more_lines": "1"}

    response = client_of(world.donor).post(url, data)

    assert response.status_code == 200
    assert response.context["lines"].total_form_count() == 1 + 3
    assert response.context["form"]["donor_name"].value() == "Growing"
    assert not Offer.objects.filter(donor__name="Growing").exists()


@pytest.mark.parametrize(("decision", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_receiving_coordinator_decides_a_free_offer(world, decision, status, client_of):
    url = reverse("aid:offer_decide", args=[world.partnership.slug, world.offer.pk])

    response = client_of(world.receiver).post(url, {"decision": decision})

    world.offer.refresh_from_db()
    assert response.status_code == 302
    assert world.offer.status == status


def test_deciding_twice_says_it_was_decided_and_keeps_the_first_decision(world, client_of):
    url = reverse("aid:offer_decide", args=[world.partnership.slug, world.offer.pk])
    client = client_of(world.receiver)

    client.post(url, {"decision": "decline"})
    response = client.post(url, {"decision": "accept"}, follow=True)

    world.offer.refresh_from_db()
    assert world.offer.status == Offer.Status.DECLINED
    assert "This offer has already been decided." in response.content.decode()


def test_unknown_decision_changes_nothing(world, client_of):
    url = reverse("aid:offer_decide", args=[world.partnership.slug, world.offer.pk])

    response = client_of(world.receiver).post(url, {"decision": "maybe"}, follow=True)

    world.offer.refresh_from_db()
    assert world.offer.status == Offer.Status.OPEN
    assert "Choose to accept or to decline the offer." in response.content.decode()


def _detail(world):
    return reverse("aid:offer_detail", args=[world.partnership.slug, world.offer.pk])


def test_confirming_a_matching_need_from_the_offer_page(world, client_of):
    client = client_of(world.receiver)
    [match] = client.get(_detail(world)).context["matches"]
    form = match["form"]
    data = {name: form[name].value() for name in form.fields}
    assert Decimal(data["quantity"]) == Decimal(60)

    response = client.post(reverse("aid:pledge_confirm", args=[world.partnership.slug]), data)

    assert response["Location"] == _detail(world)
    pledge = Pledge.objects.get()
    assert (pledge.quantity, pledge.need_line.need) == (Decimal(60), world.need)
    page = client.get(_detail(world))
    assert page.context["matches"] == []  # all of the offer is pledged
    assert "pledged: 60 of 60" in page.content.decode()


def test_donor_sees_matches_but_no_pledge_form_nor_sensitive_marks(world, client_of):

    page = client_of(world.donor).get(_detail(world))

    [match] = page.context["matches"]
    assert match["form"] is None
    html = page.content.decode()
    assert world.need.title in html
    assert "critical infrastructure" not in html.lower()


def test_receiving_coordinator_sees_the_critical_infrastructure_mark(world, client_of):

    html = client_of(world.receiver).get(_detail(world)).content.decode()

    assert "critical infrastructure" in html.lower()


# Session, person, two-factor checks, partnership, sides, membership, unread messages, My
# work's count in the top bar (the person's memberships and one count), and the page's own
# reads: the same for 1 offer or 13, 1 line or 10.
LIST_QUERIES = 14  # with the translations of the needs offered for
# Three of the page's reads are its matches: offer lines, need lines, pledges. Eight are
# translations into the reader's language: of the offer, its donor (an organisation of the
# directory) and its lines (and of the need lines they answer: none for this free offer); of
# the pledges' need lines and needs; of the matches' offer lines, need lines and needs.
DETAIL_QUERIES = 25


@pytest.mark.parametrize("offers", [0, 12])
def test_list_queries_do_not_grow_with_the_offers(
    world, offers, client_of, django_assert_max_num_queries
):
    for _number in range(offers):
        offer_make(world.partnership, world.donor, need=world.need)
    url = reverse("aid:offer_list", args=[world.partnership.slug])
    client = client_of(world.receiver)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url)

    assert len(response.context["page"]) == offers + 1


@pytest.mark.parametrize("size", [1, 10])
def test_detail_queries_do_not_grow_with_lines_and_matches(
    world, size, client_of, django_assert_max_num_queries
):
    items = [{"item": f"Item {n}", "quantity": Decimal(10), "unit": "box"} for n in range(size)]
    need = need_post(world.partnership, world.receiver, lines=items)
    need_post(world.partnership, world.receiver, lines=items)
    offer = offer_make(
        world.partnership,
        world.donor,
        lines=[{"item": f"Item {n}", "quantity": Decimal(8), "unit": "box"} for n in range(size)],
    )
    for offer_line, need_line in zip(offer.lines.all(), need.lines.all(), strict=True):
        services.pledge_confirm(
            offer_line=offer_line, need_line=need_line, quantity=Decimal(1), by=world.receiver
        )
    url = reverse("aid:offer_detail", args=[world.partnership.slug, offer.pk])
    client = client_of(world.receiver)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url)

    assert len(response.context["pledges"]) == size
    # Each item matches a line of both needs; the pairs already pledged drop out.
    assert len(response.context["matches"]) == size
