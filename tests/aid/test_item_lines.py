"""Item lines of the need and offer forms: "Add a line" fetches one empty line (htmx) for the
form's line count, asked by the same people as the form; without JavaScript, "Remove" and
"Add a line" send the form to be shown again, and the plain form still posts its lines."""

import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid.models import LINES_MAX, Need
from pobratym.partnerships.models import Role
from tests.aid.page_factories import DONOR, need_form
from tests.aid.shipment_factories import pledge_make, shipment_plan

pytestmark = pytest.mark.django_db


def _url(name, world, query=""):
    return reverse(f"aid:{name}", args=[world.partnership.slug]) + query


def test_a_new_line_is_the_next_index_and_raises_the_line_count(world, client_of):
    response = client_of(world.receiver).get(_url("need_line", world, "?lines-TOTAL_FORMS=4"))

    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="lines-4-item"' in text
    assert "autofocus" in text
    assert "Item line 5" in text
    assert 'name="remove_line" value="4"' in text
    assert 'id="id_lines-TOTAL_FORMS" hx-swap-oob="true"' in text
    assert 'name="lines-TOTAL_FORMS" value="5"' in text
    assert "<html" not in text


def test_an_offer_line_for_a_need_offers_the_needs_lines(world, cast, client_of):
    donor = cast[(Role.STAFF, DONOR)]
    query = f"?need={world.need.pk}&lines-TOTAL_FORMS=2"

    response = client_of(donor).get(_url("offer_line", world, query))

    text = response.content.decode()
    assert 'name="lines-2-need_line"' in text
    assert f'value="{world.need.lines.first().pk}"' in text


@pytest.mark.parametrize("count", ["", "x", "-1", "²", str(LINES_MAX)])
def test_no_line_beyond_the_limit_or_for_a_count_that_is_not_a_number(world, client_of, count):
    response = client_of(world.receiver).get(
        _url("need_line", world, f"?lines-TOTAL_FORMS={count}")
    )

    assert response.status_code == 400


def test_a_partner_gets_no_need_line(world, cast, client_of):
    response = client_of(cast[(Role.PARTNER, DONOR)]).get(
        _url("need_line", world, "?lines-TOTAL_FORMS=1")
    )

    assert response.status_code in (403, 404)


def _lines(*items):
    data = {"lines-TOTAL_FORMS": str(len(items)), "lines-INITIAL_FORMS": "0"}
    for number, item in enumerate(items):
        filled = {"item": item, "quantity": "1", "unit": "piece"} if item else {}
        for name in ("item", "quantity", "unit", "specification"):
            data[f"lines-{number}-{name}"] = filled.get(name, "")
    return data


def test_remove_without_javascript_shows_the_form_again_without_that_line(world, client_of):
    data = {**need_form(title="Three items"), **_lines("Tent", "Stove", "Lamp")}
    data["remove_line"] = "1"

    response = client_of(world.receiver).post(_url("need_create", world), data)

    assert response.status_code == 200
    lines = response.context["lines"]
    assert [form["item"].value() for form in lines.forms] == ["Tent", "Lamp"]
    assert response.context["form"]["title"].value() == "Three items"
    assert not Need.objects.filter(title="Three items").exists()


def test_removing_the_only_line_leaves_one_empty_line(world, client_of):
    data = {**need_form(title="One item"), **_lines("Tent"), "remove_line": "0"}

    response = client_of(world.receiver).post(_url("need_create", world), data)

    lines = response.context["lines"]
    assert lines.total_form_count() == 1
    assert not lines.forms[0]["item"].value()


def test_the_plain_form_posts_its_lines_and_leaves_out_empty_ones(world, client_of):
    page = client_of(world.receiver).get(_url("need_create", world)).content.decode()
    assert "vendor/htmx/htmx.min.js" in page
    data = {**need_form(title="Plain form"), **_lines("Tent", "", "Lamp", "")}

    response = client_of(world.receiver).post(_url("need_create", world), data)

    assert response.status_code == 302
    need = Need.objects.get(title="Plain form")
    assert sorted(need.lines.values_list("item", flat=True)) == ["Lamp", "Tent"]


def test_htmx_is_loaded_only_on_pages_with_item_lines(world, client_of):
    client = client_of(world.receiver)

    detail = client.get(reverse("aid:need_detail", args=[world.partnership.slug, world.need.pk]))

    assert "vendor/htmx" not in detail.content.decode()


# A package's packing lines on the shipment page: the same mechanism, the lines sent to
# package_add (its "Remove" too, as the page's own address is the shipment's).


def _shipment_url(name, partnership, shipment, query=""):
    return reverse(f"aid:{name}", args=[partnership.slug, shipment.pk]) + query


def _packing(*lines):
    """A package form with `lines` of (pledge, quantity), None for an empty line."""
    data = {
        "kind": "pallet",
        "gross_weight": "300",
        "idempotency_key": str(uuid.uuid4()),
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
    }
    for number, line in enumerate(lines):
        pledge, quantity = line or ("", "")
        data[f"lines-{number}-pledge"] = getattr(pledge, "pk", pledge)
        data[f"lines-{number}-quantity"] = quantity
    return data


@pytest.fixture
def packing(partnership, team):
    """A planned shipment of the sending side and two confirmed pledges still to load."""
    shipment = shipment_plan(partnership, team["sender"])
    tents = pledge_make(partnership, team, item="Tent", quantity=Decimal(10), unit="piece")
    stoves = pledge_make(partnership, team, item="Stove", quantity=Decimal(4), unit="piece")
    return shipment, tents, stoves


def test_a_packing_line_offers_the_pledges_still_to_load(partnership, team, packing, client_of):
    shipment, tents, stoves = packing
    url = _shipment_url("packing_line", partnership, shipment, "?lines-TOTAL_FORMS=3")

    response = client_of(team["sender"]).get(url)

    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="lines-3-pledge"' in text and "autofocus" in text
    assert f'<option value="{tents.pk}">Tent from Klinikum Dortmund (10 pieces not yet' in text
    assert f'value="{stoves.pk}"' in text
    assert f'hx-post="{_shipment_url("package_add", partnership, shipment)}"' in text
    assert 'name="lines-TOTAL_FORMS" value="4"' in text


def test_the_receiving_side_gets_no_packing_line(partnership, team, packing, client_of):
    shipment, _tents, _stoves = packing
    url = _shipment_url("packing_line", partnership, shipment, "?lines-TOTAL_FORMS=1")

    assert client_of(team["receiver"]).get(url).status_code in (403, 404)


def test_the_shipment_page_shows_the_package_form_with_packing_lines(
    partnership, team, packing, client_of
):
    shipment, tents, _stoves = packing

    response = client_of(team["sender"]).get(
        _shipment_url("shipment_detail", partnership, shipment)
    )

    page = response.content.decode()
    assert "vendor/htmx/htmx.min.js" in page
    assert 'name="lines-0-pledge"' in page and f'value="{tents.pk}"' in page
    assert _shipment_url("packing_line", partnership, shipment) in page


def test_a_package_is_added_with_its_lines_once_and_empty_lines_left_out(
    partnership, team, packing, client_of
):
    shipment, tents, stoves = packing
    client = client_of(team["sender"])
    data = _packing((tents, "6"), None, (stoves, "4"))

    for _attempt in range(2):
        response = client.post(_shipment_url("package_add", partnership, shipment), data)
        assert response.status_code == 302

    package = shipment.packages.get()
    assert sorted(package.lines.values_list("pledge__offer_line__item", "quantity")) == [
        ("Stove", Decimal(4)),
        ("Tent", Decimal(6)),
    ]
    page = client.get(_shipment_url("shipment_detail", partnership, shipment))
    assert [(p.pk, p.remaining) for p in page.context["loadable"]] == [(tents.pk, Decimal(4))]


def test_a_package_without_lines_is_still_added_empty(partnership, team, packing, client_of):
    shipment, _tents, _stoves = packing

    response = client_of(team["sender"]).post(
        _shipment_url("package_add", partnership, shipment), _packing(None, None)
    )

    assert response.status_code == 302
    assert not shipment.packages.get().lines.exists()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("tents", "11")], "Only 10 pieces of this pledge are not yet loaded."),
        ([("tents", "1"), ("tents", "2")], "Each pledge can be packed only once into a package."),
        ([("tents", "")], "This field is required."),
    ],
    ids=["more than pledged", "twice", "no quantity"],
)
def test_a_wrong_packing_line_adds_no_package(
    partnership, team, packing, client_of, lines, message
):
    shipment, tents, _stoves = packing
    data = _packing(*((tents, quantity) for _name, quantity in lines))
    data["kind"] = "box"

    response = client_of(team["sender"]).post(
        _shipment_url("package_add", partnership, shipment), data
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["package_form"]["kind"].value() == "box"
    assert not shipment.packages.exists() and not shipment.lines.exists()


def test_remove_without_javascript_shows_the_package_again_and_focuses_the_next_line(
    partnership, team, packing, client_of
):
    shipment, tents, stoves = packing
    data = {**_packing((tents, "1"), (stoves, "2"), None), "remove_line": "0"}

    response = client_of(team["sender"]).post(
        _shipment_url("package_add", partnership, shipment), data
    )

    assert response.status_code == 200
    lines = response.context["lines"]
    assert [form["pledge"].value() for form in lines.forms] == [str(stoves.pk), ""]
    assert response.context["package_form"]["gross_weight"].value() == "300"
    page = response.content.decode()
    assert re.search(r'<select name="lines-0-pledge"[^>]* autofocus', page)
    assert ">Item line removed.</p>" in page
    assert not shipment.packages.exists()


@pytest.mark.parametrize("name", ["need", "package"])
def test_removing_the_last_line_focuses_add_a_line(
    partnership, team, packing, world, client_of, name
):
    if name == "need":
        url, data = _url("need_create", world), {**need_form(), **_lines("Tent", "Stove")}
        client = client_of(world.receiver)
    else:
        shipment, tents, stoves = packing
        url = _shipment_url("package_add", partnership, shipment)
        data, client = _packing((tents, "1"), (stoves, "2")), client_of(team["sender"])

    page = client.post(url, {**data, "remove_line": "1"}).content.decode()

    assert re.search(r'<button type="submit" id="add-line" name="more_lines" autofocus', page)
    assert " autofocus" not in page.split('id="item-lines"')[1].split('id="add-line"')[0]


def test_more_lines_without_javascript_focuses_the_first_new_line(world, client_of):
    data = {**need_form(title="Growing"), **_lines("Tent", "Stove"), "more_lines": "1"}

    page = client_of(world.receiver).post(_url("need_create", world), data).content.decode()

    assert re.search(r'<input type="text" name="lines-2-item"[^>]* autofocus', page)
    assert page.count(" autofocus") == 1
