"""Issue 10, finding 9, in aid: what a need or an offer may carry is bounded and checked where it
comes in — NUL characters in API text (PostgreSQL refused them with a 500), ids beyond range,
the number of item lines, the length of a specification and of free text — on the pages as a
form error, in the API as a 422 `invalid`, and nothing is saved."""

import uuid

import pytest
from django.urls import reverse

from pobratym.aid.models import LINES_MAX, SPECIFICATION_MAX_LENGTH, Need, NeedLine, Offer, Pledge
from pobratym.core.inputs import ID_MAX, TEXT_MAX_LENGTH
from tests.aid.page_factories import need_form, offer_form
from tests.aid.test_api import base, need_body, offer_body, post

pytestmark = pytest.mark.django_db

NUL = "Bandage\x00"
BEYOND = ID_MAX + 1
LINE = {"item": "Bandage", "quantity": "1", "unit": "box"}


def _invalid(response) -> list[dict]:
    """The errors of a 422 `invalid` answer."""
    assert response.status_code == 422, response.content[:300]
    assert response.json()["code"] == "invalid"
    return response.json()["errors"]


# --- the API ---


@pytest.mark.parametrize(
    "body",
    [
        need_body(title=NUL),
        need_body(description=NUL),
        need_body(institution=NUL),
        need_body(area=NUL),
        need_body(address=NUL),
        need_body(lines=[{**LINE, "item": NUL}]),
        need_body(lines=[{**LINE, "specification": NUL}]),
    ],
    ids=["title", "description", "institution", "area", "address", "item", "specification"],
)
def test_a_need_with_a_nul_character_in_any_text_is_refused(world, client_of, body):
    response = post(
        client_of(world.receiver), f"{base(world.partnership)}/needs", body, uuid.uuid4()
    )

    errors = _invalid(response)
    assert [error["type"] for error in errors] == ["nul_character"]
    assert "NUL" in errors[0]["msg"]
    assert Need.objects.count() == 1  # the world's own


@pytest.mark.parametrize(
    "body",
    [
        offer_body(donor=NUL),
        offer_body(note=NUL),
        offer_body(lines=[{**LINE, "item": NUL}]),
    ],
    ids=["donor", "note", "item"],
)
def test_an_offer_with_a_nul_character_in_any_text_is_refused(world, client_of, body):
    response = post(client_of(world.donor), f"{base(world.partnership)}/offers", body, uuid.uuid4())

    assert [error["type"] for error in _invalid(response)] == ["nul_character"]
    assert Offer.objects.count() == 1


def test_the_nul_message_is_in_the_persons_language(world, client_of):
    world.receiver.language = "uk"
    world.receiver.save(update_fields=["language"])
    body = need_body(title=NUL)

    response = post(
        client_of(world.receiver), f"{base(world.partnership)}/needs", body, uuid.uuid4()
    )

    assert _invalid(response)[0]["msg"] == "Текст не повинен містити символів NUL."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (need_body(lines=[LINE] * (LINES_MAX + 1)), "lines"),
        (
            need_body(lines=[{**LINE, "specification": "x" * (SPECIFICATION_MAX_LENGTH + 1)}]),
            "specification",
        ),
        (need_body(description="x" * (TEXT_MAX_LENGTH + 1)), "description"),
    ],
    ids=["lines", "specification", "description"],
)
def test_a_need_beyond_its_bounds_is_refused(world, client_of, body, field):
    response = post(
        client_of(world.receiver), f"{base(world.partnership)}/needs", body, uuid.uuid4()
    )

    assert [error["loc"][-1] for error in _invalid(response)] == [field]
    assert Need.objects.count() == 1


def test_a_specification_at_its_bound_is_taken(world, client_of):
    line = {**LINE, "specification": "x" * SPECIFICATION_MAX_LENGTH}
    body = need_body(lines=[line])

    response = post(
        client_of(world.receiver), f"{base(world.partnership)}/needs", body, uuid.uuid4()
    )

    assert response.status_code == 201
    assert NeedLine.objects.filter(specification=line["specification"]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (offer_body(lines=[LINE] * (LINES_MAX + 1)), "lines"),
        (offer_body(note="x" * (TEXT_MAX_LENGTH + 1)), "note"),
        (offer_body(need_id=BEYOND), "need_id"),
        (offer_body(lines=[{**LINE, "need_line_id": BEYOND}]), "need_line_id"),
    ],
    ids=["lines", "note", "need", "need line"],
)
def test_an_offer_beyond_its_bounds_is_refused(world, client_of, body, field):
    response = post(client_of(world.donor), f"{base(world.partnership)}/offers", body, uuid.uuid4())

    assert [error["loc"][-1] for error in _invalid(response)] == [field]
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("field", ["offer_line_id", "need_line_id"])
def test_a_pledge_with_an_id_beyond_range_is_refused(world, client_of, field):
    body = {
        "offer_line_id": world.offer.lines.get().pk,
        "need_line_id": world.need.lines.get().pk,
        "quantity": "1",
        field: BEYOND,
    }

    response = post(client_of(world.receiver), f"{base(world.partnership)}/pledges", body)

    assert [error["loc"][-1] for error in _invalid(response)] == [field]
    assert Pledge.objects.count() == 0


# --- the pages ---


def _create_need(world, client_of, data):
    url = reverse("aid:need_create", args=[world.partnership.slug])
    return client_of(world.receiver).post(url, data)


def test_a_need_form_with_a_too_long_specification_is_a_400(world, client_of):
    line = {**LINE, "specification": "x" * (SPECIFICATION_MAX_LENGTH + 1)}

    response = _create_need(world, client_of, need_form(lines=[line]))

    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert Need.objects.count() == 1


def test_a_need_form_with_a_too_long_description_is_a_400(world, client_of):
    response = _create_need(world, client_of, need_form(description="x" * (TEXT_MAX_LENGTH + 1)))

    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode()
    assert Need.objects.count() == 1


def test_a_need_form_with_too_many_lines_is_a_400(world, client_of):
    response = _create_need(world, client_of, need_form(lines=[LINE] * (LINES_MAX + 1)))

    assert response.status_code == 400
    assert f"Please submit at most {LINES_MAX} forms" in response.content.decode()
    assert Need.objects.count() == 1


def test_an_offer_form_with_a_too_long_note_is_a_400(world, client_of):
    url = reverse("aid:offer_create", args=[world.partnership.slug])

    response = client_of(world.donor).post(url, offer_form(note="x" * (TEXT_MAX_LENGTH + 1)))

    assert response.status_code == 400
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("need_id", ["²", str(BEYOND), "9" * 20, "-1"])
def test_an_offer_for_a_malformed_need_is_not_found(world, client_of, need_id):
    url = reverse("aid:offer_create", args=[world.partnership.slug])

    assert client_of(world.donor).get(url, {"need": need_id}).status_code == 404


@pytest.mark.parametrize("field", ["offer_line", "need_line"])
def test_a_pledge_form_with_an_id_beyond_range_is_a_400(world, client_of, field):
    data = {
        "offer_line": world.offer.lines.get().pk,
        "need_line": world.need.lines.get().pk,
        "quantity": "1",
        field: str(BEYOND),
    }
    url = reverse("aid:pledge_confirm", args=[world.partnership.slug])

    response = client_of(world.receiver).post(url, data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Pledge.objects.count() == 0
