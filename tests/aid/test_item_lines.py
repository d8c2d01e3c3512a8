"""Item lines of the need and offer forms: "Add a line" fetches one empty line (htmx) for the
form's line count, asked by the same people as the form; without JavaScript, "Remove" and
"Add a line" send the form to be shown again, and the plain form still posts its lines."""

import pytest
from django.urls import reverse

from pobratym.aid.models import LINES_MAX, Need
from pobratym.partnerships.models import Role
from tests.aid.page_factories import DONOR, need_form

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
