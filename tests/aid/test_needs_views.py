"""The need pages over HTTP: who gets which page, what each role sees of sensitive details,
posting a need once however often the form is sent, bad input, a constant number of queries,
and confirming a pledge from the need's page."""

import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid import services
from pobratym.aid.models import Need, NeedLine, Pledge
from pobratym.partnerships.models import Role
from tests.access import Page, http_check
from tests.aid.factories import need_post, offer_make
from tests.aid.page_factories import ADDRESS, DONOR, RECEIVING, need_form, world_make
from tests.aid.test_rules import RULES
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def _url(name, *extra):
    return lambda w: reverse(f"aid:{name}", args=[w.partnership.slug, *extra])


def _need_url(name):
    return lambda w: reverse(f"aid:{name}", args=[w.partnership.slug, w.need.pk])


def _pledge(w, person):
    return {
        "offer_line": w.offer.lines.get().pk,
        "need_line": w.need.lines.get().pk,
        "quantity": "10",
        "next": reverse("aid:need_detail", args=[w.partnership.slug, w.need.pk]),
    }


READERS = RULES["aid.view_need"][1]
OFFICE = RULES["aid.add_need"][1]
RECEIVING_OFFICE = RULES["aid.change_need"][1]
RECEIVING_COORDINATOR = RULES["aid.publish_need"][1]
PLEDGE_CONFIRMERS = RULES["aid.confirm_pledge"][1]

PAGES = [
    Page("list", _url("need_list"), READERS),
    Page("detail", _need_url("need_detail"), READERS),
    Page("post a need", _url("need_create"), OFFICE),
    Page(
        "post a need (post)",
        _url("need_create"),
        OFFICE,
        method="post",
        data=lambda w, person: need_form(),
        success=302,
    ),
    Page("edit", _need_url("need_edit"), RECEIVING_OFFICE),
    Page(
        "edit (post)",
        _need_url("need_edit"),
        RECEIVING_OFFICE,
        method="post",
        data=lambda w, person: need_form(title="Dressings and gauze"),
        success=302,
    ),
    Page(
        "publish (post)",
        _need_url("need_publish"),
        RECEIVING_COORDINATOR,
        method="post",
        data={"public": "1"},
        success=302,
    ),
    Page("close", _need_url("need_close"), RECEIVING_OFFICE),
    Page("close (post)", _need_url("need_close"), RECEIVING_OFFICE, method="post", success=302),
    Page("cancel (post)", _need_url("need_cancel"), RECEIVING_OFFICE, method="post", success=302),
    Page(
        "confirm pledge (post)",
        _url("pledge_confirm"),
        PLEDGE_CONFIRMERS,
        method="post",
        data=_pledge,
        success=302,
    ),
]


def _needs_written() -> int:
    return Need.history.count() + NeedLine.objects.count() + Pledge.objects.count()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, world, cast):
    http_check(page, world, cast, unchanged=_needs_written)


def test_anonymous_visitor_is_sent_to_login_even_for_a_public_need(world):
    # Even a public need's pages are for signed-in members; the public reads open data.
    services.need_publish(need=world.need, by=world.receiver, public=True)

    for page in PAGES:
        response = page.ask(world)

        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("account_login")), page


def test_need_of_another_partnership_is_not_found_through_ones_own(world, client_of):
    other = world_make()

    url = reverse("aid:need_detail", args=[world.partnership.slug, other.need.pk])

    assert client_of(world.receiver).get(url).status_code == 404


SEES_SENSITIVE = [
    (Role.COORDINATOR, RECEIVING, True),
    (Role.COORDINATOR, DONOR, True),
    (Role.STAFF, RECEIVING, True),
    (Role.STAFF, DONOR, False),
    (Role.PARTNER, RECEIVING, False),
    (Role.PARTNER, DONOR, False),
    (Role.OBSERVER, RECEIVING, False),
    (Role.SIGNATORY, DONOR, False),
]


@pytest.mark.parametrize("page", ["need_list", "need_detail"])
def test_address_and_critical_infrastructure_only_for_those_who_deliver(
    page, world, cast, client_of
):
    args = [world.partnership.slug] + ([world.need.pk] if page == "need_detail" else [])
    for role, side, sees in SEES_SENSITIVE:
        html = client_of(cast[(role, side)]).get(reverse(f"aid:{page}", args=args)).content
        html = html.decode()

        assert world.need.title in html, (role, side)
        assert (ADDRESS in html) is sees, (role, side)
        assert ("critical infrastructure" in html.lower()) is sees, (role, side)


def test_list_filters_by_status_and_sector(client_of):
    world = world_make(title="Dressings")
    need_post(world.partnership, world.receiver, title="Generators", sector="energy")
    url = reverse("aid:need_list", args=[world.partnership.slug])

    html = client_of(world.receiver).get(url, {"sector": "energy", "status": "open"}).content

    assert b"Generators" in html
    assert b"Dressings" not in html


def test_unknown_filter_value_is_a_400_not_a_500(world, client_of):
    url = reverse("aid:need_list", args=[world.partnership.slug])

    response = client_of(world.receiver).get(url, {"priority": "extreme"})

    assert response.status_code == 400
    assert b"Select a valid choice" in response.content


def test_posted_need_has_its_lines_and_the_poster_lands_on_it(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    lines = [
        {"item": "Generator 5 kW", "quantity": "2", "unit": "piece"},
        {"item": "Diesel", "quantity": "400", "unit": "l", "specification": "in canisters"},
    ]

    response = client_of(world.receiver).post(url, need_form(lines=lines, title="Power"))

    need = Need.objects.get(title="Power")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "aid:need_detail", args=[world.partnership.slug, need.pk]
    )
    assert [(line.item, line.quantity, line.unit) for line in need.lines.all()] == [
        ("Generator 5 kW", Decimal(2), "piece"),
        ("Diesel", Decimal(400), "l"),
    ]
    assert need.side.position == RECEIVING


def test_need_form_sent_twice_posts_one_need(world, client_of):
    client = client_of(world.receiver)
    url = reverse("aid:need_create", args=[world.partnership.slug])
    data = need_form(key=uuid.uuid4(), title="Blankets")

    first, second = client.post(url, data), client.post(url, data)

    assert Need.objects.filter(title="Blankets").count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert NeedLine.objects.filter(need__title="Blankets").count() == 1


def test_form_shown_first_carries_a_fresh_key(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])

    first = client_of(world.receiver).get(url).context["form"]["idempotency_key"].value()
    second = client_of(world.receiver).get(url).context["form"]["idempotency_key"].value()

    assert first != second
    uuid.UUID(str(first))


BAD_LINES = [
    ({"item": "Bandage", "quantity": "-5", "unit": "box"}, "greater than or equal to 0.001"),
    ({"item": "Bandage", "quantity": "many", "unit": "box"}, "Enter a number"),
    ({"item": "Bandage", "quantity": "5", "unit": "barrel"}, "Select a valid choice"),
    ({"item": "", "quantity": "5", "unit": "box"}, "This field is required"),
    ({"item": "", "quantity": "", "unit": ""}, "Add at least one item line."),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_bad_line_is_a_400_with_the_reason_and_nothing_is_posted(world, line, message, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    before = Need.objects.count()

    response = client_of(world.receiver).post(url, need_form(lines=[line], title="Bad"))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Need.objects.count() == before


def test_missing_title_and_bad_date_are_a_400(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    data = need_form(title="", needed_by="31.02.2027", kind="spaceship")

    response = client_of(world.receiver).post(url, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required" in html
    assert "Enter a valid date" in html
    assert "Select a valid choice" in html
    assert Need.objects.count() == 1


def test_errors_are_in_the_persons_language(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    german = url.replace("/en/", "/de/", 1)

    response = client_of(world.receiver).post(german, need_form(title=""))

    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()


def test_more_lines_shows_what_was_typed_with_more_empty_lines_and_posts_nothing(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    data = need_form(title="Many items")
    data["more_lines"] = "1"

    response = client_of(world.receiver).post(url, data)

    assert response.status_code == 200
    lines = response.context["lines"]
    assert lines.total_form_count() == 1 + 3
    assert lines.forms[0]["item"].value() == "Bandage"
    assert response.context["form"]["title"].value() == "Many items"
    assert str(response.context["form"]["idempotency_key"].value()) == data["idempotency_key"]
    assert b"errorlist" not in response.content
    assert Need.objects.count() == 1


def test_lines_added_with_more_lines_are_posted(world, client_of):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    data = need_form(title="Six items")
    data.update({"lines-TOTAL_FORMS": "6", "lines-INITIAL_FORMS": "1"})
    for number in range(1, 6):
        data.update(
            {
                f"lines-{number}-item": f"Item {number}",
                f"lines-{number}-quantity": "1",
                f"lines-{number}-unit": "piece",
            }
        )

    response = client_of(world.receiver).post(url, data)

    assert response.status_code == 302
    assert Need.objects.get(title="Six items").lines.count() == 6


def test_edit_corrects_the_need(world, client_of):
    url = reverse("aid:need_edit", args=[world.partnership.slug, world.need.pk])
    data = need_form(title="Dressings and gauze", priority="urgent", address="vul. Kyivska 2")

    response = client_of(world.receiver).post(url, data)

    world.need.refresh_from_db()
    assert response.status_code == 302
    assert (world.need.title, world.need.priority) == ("Dressings and gauze", "urgent")
    assert world.need.address == "vul. Kyivska 2"


def test_edit_with_bad_input_is_a_400_and_changes_nothing(world, client_of):
    url = reverse("aid:need_edit", args=[world.partnership.slug, world.need.pk])

    response = client_of(world.receiver).post(url, need_form(title="", priority="extreme"))

    world.need.refresh_from_db()
    assert response.status_code == 400
    assert world.need.title == "Dressings for the city hospital"


def test_ended_need_cannot_be_ended_again_and_says_why(world, client_of):
    client = client_of(world.receiver)
    close = reverse("aid:need_close", args=[world.partnership.slug, world.need.pk])
    cancel = reverse("aid:need_cancel", args=[world.partnership.slug, world.need.pk])

    assert client.post(close).status_code == 302
    response = client.post(cancel)

    world.need.refresh_from_db()
    assert response.status_code == 409
    assert "This need is closed or cancelled." in response.content.decode()
    assert world.need.closure == "closed"


def test_publish_and_withdraw(world, client_of):
    url = reverse("aid:need_publish", args=[world.partnership.slug, world.need.pk])
    client = client_of(world.receiver)

    client.post(url, {"public": "1"})
    world.need.refresh_from_db()
    assert world.need.public
    client.post(url, {"public": "0"})
    world.need.refresh_from_db()
    assert not world.need.public


@pytest.mark.parametrize("data", [{}, {"public": "yes"}, {"Public": "1"}])
def test_publish_without_an_explicit_choice_changes_nothing(world, client_of, data):
    url = reverse("aid:need_publish", args=[world.partnership.slug, world.need.pk])

    response = client_of(world.receiver).post(url, data)

    assert response.status_code == 400
    assert "Say whether the need should be public" in response.content.decode()
    world.need.refresh_from_db()
    assert not world.need.public


def _detail(world):
    return reverse("aid:need_detail", args=[world.partnership.slug, world.need.pk])


def test_confirming_a_suggested_offer_updates_the_coverage(world, client_of):
    client = client_of(world.receiver)
    page = client.get(_detail(world))
    [suggestion] = page.context["suggestions"]
    form = suggestion["form"]
    assert form.initial["quantity"] == Decimal(60)  # all of the offer, less than the need
    data = {name: form[name].value() for name in form.fields}

    response = client.post(reverse("aid:pledge_confirm", args=[world.partnership.slug]), data)

    assert response.status_code == 302
    assert response["Location"] == _detail(world)
    html = client.get(_detail(world)).content.decode()
    assert "pledged: 60 of 100" in html
    assert "Klinikum Dortmund" in html
    line = client.get(_detail(world)).context["lines"][0]
    assert (line.pledged, line.outstanding) == (Decimal(60), Decimal(40))


def test_pledge_form_sent_twice_pledges_once_and_says_so(world, client_of):
    client = client_of(world.receiver)
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])
    data = {
        "offer_line": world.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": "30",
        "next": _detail(world),
    }

    client.post(url, data)
    again = client.post(url, data, follow=True)
    other = client.post(url, {**data, "quantity": "20"}, follow=True)

    assert again.status_code == 200 and "The pledge was confirmed." in again.content.decode()
    assert "This offer line is already pledged to this need line: 30" in other.content.decode()
    assert list(Pledge.objects.values_list("quantity", flat=True)) == [30]


def test_pledge_beyond_the_offer_is_a_400_with_the_reason(world, client_of):
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])
    data = {
        "offer_line": world.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": "61",
    }

    response = client_of(world.receiver).post(url, data)

    assert response.status_code == 400
    assert "Only 60 boxes of this offer are still available." in response.content.decode()
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize("quantity", ["", "-1", "lots"])
def test_bad_pledge_quantity_is_a_400(world, quantity, client_of):
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])
    data = {
        "offer_line": world.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": quantity,
    }

    assert client_of(world.receiver).post(url, data).status_code == 400
    assert Pledge.objects.count() == 0


def test_pledge_with_lines_of_another_partnership_is_not_found(world, client_of):
    other = world_make()
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])
    data = {
        "offer_line": other.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": "1",
    }

    assert client_of(world.receiver).post(url, data).status_code == 404


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_pledge_never_sends_the_person_to_another_site(world, target, client_of):
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])
    data = {
        "offer_line": world.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": "1",
        "next": target,
    }

    response = client_of(world.receiver).post(url, data)

    assert response["Location"] == _detail(world)


def _grow(world, needs: int, pledges: bool = True) -> None:
    """More needs with several lines each, offers and pledges for them."""
    for number in range(needs):
        need = need_post(
            world.partnership,
            world.receiver,
            title=f"Need {number}",
            lines=[
                {"item": "Bandage", "quantity": Decimal(10), "unit": "box"},
                {"item": f"Thing {number}", "quantity": Decimal(3), "unit": "piece"},
            ],
        )
        offer = offer_make(world.partnership, world.donor)
        if pledges:
            services.pledge_confirm(
                offer_line=offer.lines.get(),
                need_line=need.lines.order_by("pk").first(),
                quantity=Decimal(5),
                by=world.receiver,
            )


# Session, person, two-factor checks, partnership, sides, membership, unread messages, My
# work's count in the top bar (the person's memberships and one count), and the page's own
# reads: the same for 1 need or 13, 1 line or 12.
LIST_QUERIES = 14  # with the translations of the list
# Three of the page's reads are its matches: offer lines, need lines, pledges.
# With the translations of the need and its lines, and of the offer lines pledged and matching,
# and the sections other parts add (partnerships.related): the projects it serves, one read.
DETAIL_QUERIES = 23


@pytest.mark.parametrize("needs", [0, 12])
def test_list_queries_do_not_grow_with_the_needs(
    world, needs, client_of, django_assert_max_num_queries
):
    _grow(world, needs)
    client = client_of(world.receiver)
    url = reverse("aid:need_list", args=[world.partnership.slug])

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url, {"sector": "health"})

    assert response.status_code == 200
    assert len(response.context["page"]) == needs + 1


@pytest.mark.parametrize("lines", [1, 12])
def test_detail_queries_do_not_grow_with_lines_pledges_and_offers(
    world, lines, client_of, django_assert_max_num_queries
):
    items = [{"item": f"Item {n}", "quantity": Decimal(9), "unit": "box"} for n in range(lines)]
    need = need_post(world.partnership, world.receiver, lines=items)
    for line in need.lines.all():
        offer = offer_make(
            world.partnership,
            world.donor,
            lines=[{"item": line.item, "quantity": Decimal(5), "unit": "box"}],
        )
        offer_make(
            world.partnership,
            world.donor,
            lines=[{"item": line.item, "quantity": Decimal(5), "unit": "box"}],
        )
        services.pledge_confirm(
            offer_line=offer.lines.get(), need_line=line, quantity=Decimal(2), by=world.receiver
        )
    client = client_of(world.receiver)
    url = reverse("aid:need_detail", args=[world.partnership.slug, need.pk])

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url)

    assert len(response.context["pledges"]) == lines
    # Two offers per line; the one already pledged to the line is not suggested again.
    assert len(response.context["suggestions"]) == lines


def test_humanitarian_aid_link_in_the_partnership_menu(world, client_of):
    dashboard = reverse("partnerships:dashboard", args=[world.partnership.slug])
    observer = member_create(world.partnership, Role.OBSERVER, position=DONOR).user

    html = client_of(observer).get(dashboard).content.decode()

    assert reverse("aid:need_list", args=[world.partnership.slug]) in html
    assert "Humanitarian aid" in html


def test_list_links_to_spreadsheets_and_the_other_aid_pages(world, client_of):
    slug = world.partnership.slug
    observer = member_create(world.partnership, Role.OBSERVER, position=DONOR).user
    url = reverse("aid:need_list", args=[slug])

    office = client_of(world.receiver).get(url).content.decode()
    looking = client_of(observer).get(url).content.decode()

    for name in ("need_export", "need_hxl", "offer_list", "shipment_list", "dashboard"):
        assert reverse(f"aid:{name}", args=[slug]) in office
        assert reverse(f"aid:{name}", args=[slug]) in looking
    for name in ("need_import", "need_create"):
        assert reverse(f"aid:{name}", args=[slug]) in office
        assert reverse(f"aid:{name}", args=[slug]) not in looking


@pytest.mark.parametrize(
    "page", ["need_list", "need_create", "need_detail", "need_edit", "offer_create", "offer_list"]
)
def test_pages_have_no_inline_code_and_every_field_has_a_label(world, page, client_of):
    args = [world.partnership.slug]
    if page in ("need_detail", "need_edit"):
        args.append(world.need.pk)

    html = client_of(world.receiver).get(reverse(f"aid:{page}", args=args)).content.decode()

    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # only scripts from files
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)
    fields = re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html
    )
    assert fields
    for field in fields:
        assert f'for="{field}"' in html, field
