"""The members' aid API: who may read and do what, retried requests, bad input, hidden
sensitive details, and a constant number of queries."""

import json
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pobratym.aid import services
from pobratym.aid.models import Need, NeedLine, Offer, OfferLine, Pledge
from pobratym.partnerships.models import Role
from tests.access import Page, http_check
from tests.aid.factories import need_fields, need_post, offer_make
from tests.aid.page_factories import ADDRESS
from tests.aid.test_rules import RULES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/aid"


def post(client, path, body=None, key=None):
    headers = {"Idempotency-Key": str(key)} if key else {}
    return client.post(path, body or {}, content_type="application/json", headers=headers)


def need_body(**fields) -> dict:
    return {
        **need_fields(critical_infrastructure=True),
        "lines": [{"item": "Bandage", "quantity": "100", "unit": "box"}],
        **fields,
    }


def offer_body(**fields) -> dict:
    return {
        "donor": "Klinikum Dortmund",
        "donor_kind": "municipal_subsidiary",
        "lines": [{"item": "bandage", "quantity": "60", "unit": "box", "estimated_value": "120"}],
        **fields,
    }


def read_paths(partnership, need, offer) -> list[str]:
    url = base(partnership)
    return [
        f"{url}/needs",
        f"{url}/needs/{need.pk}",
        f"{url}/needs/{need.pk}/matches",
        f"{url}/offers",
        f"{url}/offers/{offer.pk}",
    ]


# --- who may read and act: a few representative people per endpoint (the full grid is in
# test_rules.py); refusals are 403 `forbidden` and change nothing, people outside the
# partnership get 404 `not_found`, anonymous callers 401 `unauthenticated` when they change
# something; reading, they find the public needs only (`/needs`) and nothing else (404) ---

READERS = RULES["aid.view_need"][1]
OFFICE = RULES["aid.add_need"][1]
RECEIVING_OFFICE = RULES["aid.change_need"][1]
DONORS = RULES["aid.add_offer"][1]


def _endpoint(name, path, holders, **options):
    return Page(name, lambda w: f"{base(w.partnership)}{path(w)}", holders, **options)


def _action(name, path, holders, body=None, success=200, key=False):
    return _endpoint(
        name,
        path,
        holders,
        method="post",
        json=True,
        data=body,
        success=success,
        headers=(lambda w: {"Idempotency-Key": str(uuid.uuid4())}) if key else None,
    )


def _pledge_body(w, person):
    return {
        "offer_line_id": w.offer.lines.get().pk,
        "need_line_id": w.need.lines.get().pk,
        "quantity": "60",
    }


READ = [
    _endpoint("needs", lambda w: "/needs", READERS),
    _endpoint("need", lambda w: f"/needs/{w.need.pk}", READERS),
    _endpoint("matches", lambda w: f"/needs/{w.need.pk}/matches", READERS),
    _endpoint("offers", lambda w: "/offers", READERS),
    _endpoint("offer", lambda w: f"/offers/{w.offer.pk}", READERS),
]
ACT = [
    _action("post a need", lambda w: "/needs", OFFICE, need_body(), 201, key=True),
    _action("close", lambda w: f"/needs/{w.need.pk}/close", RECEIVING_OFFICE),
    _action("cancel", lambda w: f"/needs/{w.need.pk}/cancel", RECEIVING_OFFICE),
    _action(
        "publish",
        lambda w: f"/needs/{w.need.pk}/publish",
        RULES["aid.publish_need"][1],
        {"public": True},
    ),
    _action("make an offer", lambda w: "/offers", DONORS, offer_body(), 201, key=True),
    _action("accept", lambda w: f"/offers/{w.offer.pk}/accept", RULES["aid.decide_offer"][1]),
    _action("decline", lambda w: f"/offers/{w.offer.pk}/decline", RULES["aid.decide_offer"][1]),
    _action("pledge", lambda w: "/pledges", RULES["aid.confirm_pledge"][1], _pledge_body, 201),
]


def _records() -> tuple:
    """Every need, offer and pledge as it stands: what a refused call must leave alone."""
    return (
        list(Need.objects.order_by("pk").values_list("closure", "public")),
        list(Offer.objects.order_by("pk").values_list("status", flat=True)),
        Pledge.objects.count(),
    )


def _api_check(page, world, cast, anonymous: int = 401) -> dict:
    responses = http_check(page, world, cast, unchanged=_records, anonymous=anonymous)
    for who, response in responses.items():
        expected = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}
        if response.status_code in expected:
            assert response.json()["code"] == expected[response.status_code], (page, who)
    return responses


@pytest.mark.parametrize("page", READ, ids=str)
def test_members_of_either_side_read_needs_offers_and_matches(page, world, cast):
    # A visitor reads the list of public needs (none here) and finds no other record.
    _api_check(page, world, cast, anonymous=200 if page.name == "needs" else 404)


@pytest.mark.parametrize("page", ACT, ids=str)
def test_who_may_act_by_role_and_side(page, world, cast):
    _api_check(page, world, cast)


def test_outsiders_are_told_nothing_exists(partnership, need, offer, outsider, client_of):
    client = client_of(outsider)
    for path in read_paths(partnership, need, offer):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"code": "not_found", "message": "Not found."}
    assert client_of(UserFactory()).get(f"{base(partnership)}/needs").status_code == 404


def test_unknown_partnership_and_records_of_another_are_not_found(
    partnership, other_partnership, need, offer, outsider, client_of
):
    client = client_of(outsider)
    assert client.get("/api/v1/partnerships/nothing-here/aid/needs").status_code == 404
    # A member of the other partnership asks for this one's records through their own.
    assert client.get(f"{base(other_partnership)}/needs/{need.pk}").status_code == 404
    assert client.get(f"{base(other_partnership)}/offers/{offer.pk}").status_code == 404
    assert client.get(f"{base(other_partnership)}/needs").json() == {
        "items": [],
        "count": 0,
        "next": None,
    }


def test_coordinators_and_staff_post_needs_for_their_own_side(partnership, cast, client_of):
    for side in (1, 2):
        person = cast[(Role.STAFF, side)]
        response = post(client_of(person), f"{base(partnership)}/needs", need_body(), uuid.uuid4())
        assert response.status_code == 201
        assert response.json()["side"] == side


@pytest.mark.parametrize(("action", "closure"), [("close", "closed"), ("cancel", "cancelled")])
def test_the_receiving_office_ends_a_need(need, receiver, client_of, action, closure):
    response = post(client_of(receiver), f"{base(need.partnership)}/needs/{need.pk}/{action}")

    need.refresh_from_db()
    assert response.json()["status"] == need.closure == closure


def test_only_a_coordinator_of_the_receiving_side_publishes(partnership, need, cast, client_of):
    url = f"{base(partnership)}/needs/{need.pk}/publish"
    client = client_of(cast[(Role.COORDINATOR, 2)])

    assert post(client, url, {"public": True}).json()["public"] is True
    assert Need.objects.get().public is True
    withdrawn = post(client, url, {"public": False})

    assert withdrawn.json()["public"] is False
    assert Need.objects.get().public is False


@pytest.mark.parametrize(("action", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_a_coordinator_of_the_receiving_side_decides_a_free_offer(
    partnership, offer, receiver, client_of, action, status
):
    response = post(client_of(receiver), f"{base(partnership)}/offers/{offer.pk}/{action}")

    offer.refresh_from_db()
    assert response.json()["status"] == offer.status == status


# --- the records as they come back ---


def test_need_detail_shows_lines_with_coverage(partnership, need, offer, receiver, client_of):
    line = need.lines.get()
    services.pledge_confirm(
        offer_line=offer.lines.get(), need_line=line, quantity=Decimal(60), by=receiver
    )

    body = client_of(receiver).get(f"{base(partnership)}/needs/{need.pk}").json()

    assert body["status"] == "partly_covered"
    assert body["side"] == 2
    [row] = body["lines"]
    assert row["id"] == line.pk
    amounts = ("requested", "pledged", "shipped", "received", "outstanding")
    assert [Decimal(row[name]) for name in amounts] == [100, 60, 0, 0, 40]


def test_needs_are_filtered_and_paginated(partnership, receiver, client_of):
    for priority in ("low", "urgent", "urgent"):
        need_post(partnership, receiver, priority=priority, sector="health")
    need_post(partnership, receiver, priority="urgent", sector="shelter", kind="equipment")
    url = f"{base(partnership)}/needs"
    client = client_of(receiver)

    urgent = client.get(url, {"priority": "urgent", "sector": "health"}).json()
    first = client.get(url, {"limit": 3}).json()
    rest = client.get(url, {"limit": 3, "cursor": first["next"]}).json()

    assert urgent["count"] == 2
    assert {item["priority"] for item in urgent["items"]} == {"urgent"}
    # In the order they last changed, three and then the fourth.
    assert (first["count"], rest["count"], rest["next"]) == (4, 4, None)
    assert [item["priority"] for item in first["items"] + rest["items"]] == [
        "low",
        "urgent",
        "urgent",
        "urgent",
    ]
    assert [item["sector"] for item in rest["items"]] == ["shelter"]
    Need.objects.filter(priority="low").update(needed_by=date(2026, 5, 4))
    may = client.get(url, {"from": "2026-05-01", "to": "2026-05-31"}).json()
    assert [item["priority"] for item in may["items"]] == ["low"]
    assert client.get(url, {"from": "2026-05-05"}).json()["count"] == 0
    assert client.get(url, {"status": "covered"}).json()["count"] == 0
    assert client.get(url, {"kind": "equipment"}).json()["count"] == 1


def test_unknown_filter_values_are_refused_saying_what_is_wrong(partnership, receiver, client_of):
    response = client_of(receiver).get(
        f"{base(partnership)}/needs",
        {"status": "lost", "limit": "0"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message"} and body["code"] == "invalid_parameter"
    assert body["message"].startswith("“status” takes one of open, partly_covered, ")
    assert "“limit” takes a whole number within its range." in body["message"]
    in_ukrainian = client_of(receiver).get(
        f"{base(partnership)}/needs", {"status": "lost"}, headers={"Accept-Language": "uk"}
    )
    assert " or " not in in_ukrainian.json()["message"]  # pydantic's English list is not kept


def test_matches_name_the_offer_line_and_the_need_line_it_fits(
    partnership, need, offer, receiver, client_of
):
    response = client_of(receiver).get(f"{base(partnership)}/needs/{need.pk}/matches")

    [match] = response.json()
    assert match["offer_id"] == offer.pk
    assert match["offer_line_id"] == offer.lines.get().pk
    assert match["need_line_id"] == need.lines.get().pk
    assert Decimal(match["remaining"]) == 60


def test_offers_list_with_lines_and_filters(partnership, need, donor, client_of):
    offer_make(partnership, donor)
    answering = offer_make(partnership, donor, need=need)
    url = f"{base(partnership)}/offers"
    client = client_of(donor)

    everything = client.get(url).json()
    for_need = client.get(url, {"need_id": need.pk}).json()

    assert everything["count"] == 2
    assert everything["items"][0]["lines"][0]["unit"] == "box"
    assert [item["id"] for item in for_need["items"]] == [answering.pk]
    assert client.get(url, {"status": "declined"}).json()["count"] == 0


def test_offer_detail_shows_what_is_pledged_of_each_line(
    partnership, need, offer, receiver, client_of
):
    services.pledge_confirm(
        offer_line=offer.lines.get(), need_line=need.lines.get(), quantity=Decimal(45), by=receiver
    )

    body = client_of(receiver).get(f"{base(partnership)}/offers/{offer.pk}").json()

    [line] = body["lines"]
    assert body["status"] == "accepted"
    assert body["side"] == 1
    assert [Decimal(line[name]) for name in ("quantity", "pledged", "remaining")] == [60, 45, 15]


# --- retried requests ---


@pytest.mark.parametrize(("path", "body"), [("needs", need_body()), ("offers", offer_body())])
def test_a_retried_post_returns_the_first_record(partnership, staff, client_of, path, body):
    client = client_of(staff)
    key = uuid.uuid4()
    url = f"{base(partnership)}/{path}"

    first = post(client, url, body, key)
    again = post(client, url, body, key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Need.objects.count() + Offer.objects.count() == 1
    assert NeedLine.objects.count() + OfferLine.objects.count() == 1
    assert post(client, url, body, uuid.uuid4()).status_code == 201


def test_an_idempotency_key_belongs_to_the_person_who_sent_it(
    partnership, staff, coordinator, client_of
):
    key = uuid.uuid4()
    url = f"{base(partnership)}/needs"

    mine = post(client_of(staff), url, need_body(), key)
    theirs = post(client_of(coordinator), url, need_body(), key)

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]


def test_an_offer_answers_lines_of_its_need(partnership, need, donor, client_of):
    line = {"item": "bandage", "quantity": "5", "unit": "box", "need_line_id": need.lines.get().pk}

    response = post(
        client_of(donor),
        f"{base(partnership)}/offers",
        offer_body(need_id=need.pk, lines=[line]),
        uuid.uuid4(),
    )

    assert response.status_code == 201
    assert response.json()["need_id"] == need.pk
    assert response.json()["lines"][0]["need_line_id"] == need.lines.get().pk


@pytest.mark.parametrize("path", ["needs", "offers"])
@pytest.mark.parametrize(
    ("key", "code"),
    [(None, "idempotency_key_missing"), ("not-a-uuid", "idempotency_key_invalid")],
)
def test_posts_without_a_usable_idempotency_key_are_refused(
    partnership, staff, client_of, path, key, code
):
    body = need_body() if path == "needs" else offer_body()
    response = post(client_of(staff), f"{base(partnership)}/{path}", body, key)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "Idempotency-Key" in response.json()["message"]
    assert Need.objects.count() + Offer.objects.count() == 0


def test_a_retried_pledge_answers_the_existing_one(partnership, need, offer, receiver, client_of):
    url = f"{base(partnership)}/pledges"
    body = {
        "offer_line_id": offer.lines.get().pk,
        "need_line_id": need.lines.get().pk,
        "quantity": "60",
    }
    client = client_of(receiver)

    first = post(client, url, body)
    again = post(client, url, body)
    other = post(client, url, {**body, "quantity": "30"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 409
    assert other.json() == {
        "code": "already_pledged",
        "message": "This offer line is already pledged to this need line: 60 boxes.",
    }
    assert Pledge.objects.get().quantity == 60


# --- bad input ---


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [{"item": "Bandage", "quantity": "-5", "unit": "box"}],
        [{"item": "Bandage", "quantity": "0", "unit": "box"}],
        [{"item": "Bandage", "quantity": "ten", "unit": "box"}],
        [{"item": "Bandage", "quantity": "5", "unit": "barrel"}],
        [{"item": "", "quantity": "5", "unit": "box"}],
    ],
)
def test_bad_need_lines_are_refused_and_nothing_is_saved(partnership, staff, client_of, lines):
    response = post(
        client_of(staff), f"{base(partnership)}/needs", need_body(lines=lines), uuid.uuid4()
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert Need.objects.count() == NeedLine.objects.count() == 0


def test_a_need_with_an_unknown_kind_is_refused(partnership, staff, client_of):
    response = post(
        client_of(staff), f"{base(partnership)}/needs", need_body(kind="weapons"), uuid.uuid4()
    )
    assert response.status_code == 422
    assert Need.objects.count() == 0


@pytest.mark.parametrize(
    "line",
    [
        {"item": "bandage", "quantity": "-1", "unit": "box"},
        {"item": "bandage", "quantity": "1", "unit": "crate"},
        {"item": "bandage", "quantity": "1", "unit": "box", "estimated_value": "-3"},
    ],
)
def test_bad_offer_lines_are_refused_and_nothing_is_saved(partnership, staff, client_of, line):
    response = post(
        client_of(staff), f"{base(partnership)}/offers", offer_body(lines=[line]), uuid.uuid4()
    )
    assert response.status_code == 422
    assert Offer.objects.count() == OfferLine.objects.count() == 0


def test_an_offer_line_in_another_unit_than_its_need_line_saves_nothing(
    partnership, need, donor, client_of
):
    line = {
        "item": "bandage",
        "quantity": "5",
        "unit": "piece",
        "need_line_id": need.lines.get().pk,
    }
    body = offer_body(need_id=need.pk, lines=[line])

    response = post(client_of(donor), f"{base(partnership)}/offers", body, uuid.uuid4())

    assert response.status_code == 400
    assert response.json()["code"] == "unit_mismatch"
    assert Offer.objects.count() == OfferLine.objects.count() == 0


def test_an_offer_for_a_line_of_another_need_or_an_unknown_need_is_refused(
    partnership, need, receiver, donor, client_of
):
    other = need_post(partnership, receiver)
    url = f"{base(partnership)}/offers"
    client = client_of(donor)
    line = {"item": "bandage", "quantity": "5", "unit": "box", "need_line_id": other.lines.get().pk}

    wrong_line = post(client, url, offer_body(need_id=need.pk, lines=[line]), uuid.uuid4())
    free_with_line = post(client, url, offer_body(lines=[line]), uuid.uuid4())
    unknown_need = post(client, url, offer_body(need_id=10**6), uuid.uuid4())

    assert [r.json()["code"] for r in (wrong_line, free_with_line, unknown_need)] == [
        "other_need",
        "other_need",
        "unknown_need",
    ]
    assert {r.status_code for r in (wrong_line, free_with_line, unknown_need)} == {400}
    assert Offer.objects.count() == 0


def test_pledging_more_than_needed_negative_or_unknown_lines_is_refused(
    partnership, need, receiver, donor, client_of
):
    big = offer_make(
        partnership, donor, lines=[{"item": "bandage", "quantity": 500, "unit": "box"}]
    )
    url = f"{base(partnership)}/pledges"
    client = client_of(receiver)
    body = {"offer_line_id": big.lines.get().pk, "need_line_id": need.lines.get().pk}

    too_much = post(client, url, {**body, "quantity": "101"})
    negative = post(client, url, {**body, "quantity": "-1"})
    unknown = post(client, url, {**body, "need_line_id": 10**6, "quantity": "1"})

    assert (too_much.status_code, too_much.json()["code"]) == (400, "more_than_needed")
    assert (negative.status_code, negative.json()["code"]) == (422, "invalid")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    assert Pledge.objects.count() == 0


def test_ending_an_ended_need_is_a_conflict(partnership, need, receiver, client_of):
    client = client_of(receiver)
    post(client, f"{base(partnership)}/needs/{need.pk}/cancel")

    response = post(client, f"{base(partnership)}/needs/{need.pk}/close")

    assert response.status_code == 409
    assert response.json() == {"code": "need_ended", "message": "This need is closed or cancelled."}


def test_deciding_a_decided_offer_again_is_a_conflict(partnership, offer, receiver, client_of):
    client = client_of(receiver)
    assert post(client, f"{base(partnership)}/offers/{offer.pk}/decline").status_code == 200

    response = post(client, f"{base(partnership)}/offers/{offer.pk}/accept")

    assert response.status_code == 409
    assert response.json() == {
        "code": "offer_decided",
        "message": "This offer has already been decided.",
    }
    offer.refresh_from_db()
    assert offer.status == "declined"


def test_pledging_a_declined_offer_is_a_conflict(partnership, need, offer, receiver, client_of):
    client = client_of(receiver)
    post(client, f"{base(partnership)}/offers/{offer.pk}/decline")
    body = {
        "offer_line_id": offer.lines.get().pk,
        "need_line_id": need.lines.get().pk,
        "quantity": "10",
    }

    response = post(client, f"{base(partnership)}/pledges", body)

    assert (response.status_code, response.json()["code"]) == (409, "offer_not_open")
    assert not Pledge.objects.exists()


# --- sensitive details ---

SEES_SENSITIVE = {(Role.COORDINATOR, 1), (Role.COORDINATOR, 2), (Role.STAFF, 2)}


def test_address_and_critical_infrastructure_only_for_those_who_deliver(
    partnership, cast, need, client_of
):
    for who, user in cast.everyone().items():
        client = client_of(user)
        listing = client.get(f"{base(partnership)}/needs")
        detail = client.get(f"{base(partnership)}/needs/{need.pk}")
        [row] = listing.json()["items"]
        for body in (row, detail.json()):
            shown = who in SEES_SENSITIVE
            assert body["sensitive_shown"] is shown, who
            assert body["address"] == (ADDRESS if shown else None), who
            assert body["critical_infrastructure"] == (True if shown else None), who
        if who not in SEES_SENSITIVE:
            assert ADDRESS not in listing.content.decode() + detail.content.decode()


def test_partners_and_observers_never_see_the_address(partnership, cast, need, client_of):
    for side in (1, 2):
        for role in (Role.PARTNER, Role.OBSERVER):
            body = client_of(cast[(role, side)]).get(f"{base(partnership)}/needs/{need.pk}")
            assert body.json()["address"] is None
            assert "Berdychivska" not in body.content.decode()


# --- queries ---


def _grow(partnership, receiver, donor, needs: int, lines: int) -> None:
    """`needs` needs of `lines` lines each, every line half pledged by an offer for the need."""
    items = [{"item": f"Item {n}", "quantity": Decimal(10), "unit": "box"} for n in range(lines)]
    for _number in range(needs):
        need = need_post(partnership, receiver, lines=items)
        offer = offer_make(partnership, donor, need=need, lines=items)
        for offer_line, need_line in zip(
            offer.lines.order_by("pk"), need.lines.order_by("pk"), strict=True
        ):
            services.pledge_confirm(
                offer_line=offer_line, need_line=need_line, quantity=Decimal(5), by=receiver
            )


def _queries(client, url: str) -> int:
    client.get(url)  # what a process reads once (content types) is not the answer's cost
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "path", ["needs", "offers", "needs/{need}", "offers/{offer}", "needs/{need}/matches"]
)
def test_lists_and_details_make_the_same_number_of_queries_as_data_grows(
    partnership, receiver, donor, client_of, path, django_assert_max_num_queries
):
    client = client_of(receiver)

    def newest_url() -> str:
        need, offer = Need.objects.order_by("-pk")[0], Offer.objects.order_by("-pk")[0]
        return f"{base(partnership)}/{path.format(need=need.pk, offer=offer.pk)}"

    _grow(partnership, receiver, donor, needs=1, lines=1)
    few = _queries(client, newest_url())
    # More records for the lists, more lines and pledges for the details.
    _grow(partnership, receiver, donor, needs=6, lines=5)
    url = newest_url()
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200
    assert few <= 16  # with the translations the selectors fetch, and the rate limit's count


# --- the contract and its protection ---


def test_openapi_schema_lists_the_aid_endpoints(partnership, staff, client_of):
    schema = client_of(staff).get("/api/v1/openapi.json").json()
    url = "/api/v1/partnerships/{slug}/aid"
    expected = {
        f"{url}/needs": {"get", "post"},
        f"{url}/needs/{{need_id}}": {"get", "patch"},
        f"{url}/needs/{{need_id}}/close": {"post"},
        f"{url}/needs/{{need_id}}/cancel": {"post"},
        f"{url}/needs/{{need_id}}/publish": {"post"},
        f"{url}/needs/{{need_id}}/matches": {"get"},
        f"{url}/offers": {"get", "post"},
        f"{url}/offers/{{offer_id}}": {"get"},
        f"{url}/offers/{{offer_id}}/accept": {"post"},
        f"{url}/offers/{{offer_id}}/decline": {"post"},
        f"{url}/pledges": {"post"},
    }
    for path, methods in expected.items():
        assert set(schema["paths"][path]) == methods, path
    create = schema["paths"][f"{url}/needs"]["post"]
    assert "Idempotency-Key" in {parameter["name"] for parameter in create["parameters"]}
    assert {"200", "201", "400", "401", "403", "404", "409", "422"} <= set(create["responses"])
    assert "address" not in schema["components"]["schemas"]["NeedLineOut"]["properties"]
    change = schema["paths"][f"{url}/needs/{{need_id}}"]["patch"]
    body = change["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert "revision" in schema["components"]["schemas"][body]["required"]
    assert "StaleOut" in str(change["responses"]["409"])


def test_posts_with_a_session_need_the_csrf_token(partnership, staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    url = f"{base(partnership)}/needs"

    refused = post(client, url, need_body(), uuid.uuid4())
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    accepted = client.post(
        url,
        need_body(),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4()), "X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert accepted.status_code == 201
    assert Need.objects.count() == 1


def test_a_pledge_cannot_accept_an_offer_its_pledger_may_not_decide(
    partnership, cast, offer, client_of
):
    """Issue 10, finding 5: a free offer of the first side is the second side's to decide; the
    first side's coordinator may not accept it by pledging it to a need of their own side."""
    own_coordinator = cast[(Role.COORDINATOR, 1)]
    own_need = need_post(partnership, own_coordinator)
    body = {
        "offer_line_id": offer.lines.get().pk,
        "need_line_id": own_need.lines.get().pk,
        "quantity": "10",
    }
    client = client_of(own_coordinator)
    assert post(client, f"{base(partnership)}/offers/{offer.pk}/accept").status_code == 403

    response = post(client, f"{base(partnership)}/pledges", body)

    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == "open"
    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"Public": False}, {"public": "x"}, {"public": "true"}, {"public": 1}, "x", None],
    ids=["empty", "misspelt", "text", "quoted", "number", "not an object", "no body"],
)
def test_publishing_takes_only_an_explicit_true_or_false(
    partnership, need, receiver, client_of, body
):
    """Issue 10, finding 6: visibility changes only by a validated, explicit value."""
    url = f"{base(partnership)}/needs/{need.pk}/publish"
    client = client_of(receiver)

    if body is None:
        response = client.post(url)
    else:
        response = client.post(url, json.dumps(body), content_type="application/json")

    assert response.status_code in (400, 422)
    assert response.json()["code"] in ("invalid", "error")
    assert Need.objects.get().public is False
