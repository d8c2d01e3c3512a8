"""Personal API tokens: made on the person's own page (the secret shown once, only its SHA-256
kept, a form sent twice makes one token), used as `Authorization: Bearer` instead of a session,
limited to reading or to one partnership, noted when used at most once a minute, and revoked
for good; every refusal a `{code, message}` in the caller's language, never a 500."""

import hashlib
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from pobratym.partnerships import services
from pobratym.partnerships.api_tokens import api_token_create, api_token_revoke
from pobratym.partnerships.models import ApiToken
from pobratym.projects.models import Project
from tests.exchanges.factories import event_add

pytestmark = pytest.mark.django_db

PAGE = reverse("partnerships:api_tokens")


def token_for(person, scope="read", partnership=None, name="Report script") -> str:
    return api_token_create(
        by=person, name=name, scope=scope, partnership=partnership, idempotency_key=uuid.uuid4()
    )[1]


def bearer(secret: str, **headers) -> Client:
    """A program: no session, no cookies, only the token."""
    return Client(headers={"Authorization": f"Bearer {secret}", **headers})


def project_body() -> dict:
    return {"title": "Bürgerportal", "lead_side": 1, "language": "de"}


def post_project(client, partnership):
    return client.post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        project_body(),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )


def test_a_token_is_made_on_the_page_and_shown_once(staff, partnership, client_of):
    client = client_of(staff)
    form = {"idempotency_key": str(uuid.uuid4()), "name": "Monatsbericht", "scope": "read"}

    made = client.post(PAGE, {**form, "partnership": partnership.pk})

    assert made.status_code == 201
    secret = made.context["secret"]
    assert len(secret) >= 40 and secret in made.text
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (token.user, token.scope, token.partnership) == (staff, "read", partnership)
    assert token.history.count() == 1
    listed = client.get(PAGE)
    assert "Monatsbericht" in listed.text and secret not in listed.text
    again = client.post(PAGE, {**form, "partnership": partnership.pk})
    assert again.status_code == 200 and again.context["secret"] == ""
    assert ApiToken.objects.count() == 1


def test_the_account_page_links_to_the_tokens(staff, client_of):
    assert PAGE in client_of(staff).get(reverse("profile")).text


def test_a_token_without_a_name_or_for_a_partnership_elsewhere_is_refused_at_its_field(
    staff, other_partnership, client_of
):
    client = client_of(staff)
    unnamed = client.post(PAGE, {"name": " ", "scope": "read"})
    assert unnamed.status_code == 400 and unnamed.context["form"].errors["name"]
    elsewhere = client.post(
        PAGE, {"name": "Skript", "scope": "write", "partnership": other_partnership.pk}
    )
    assert elsewhere.status_code == 400 and elsewhere.context["form"].errors["partnership"]
    unknown = client.post(PAGE, {"name": "Skript", "scope": "admin"})
    assert unknown.status_code == 400 and unknown.context["form"].errors["scope"]
    assert not ApiToken.objects.exists()


def test_a_program_reads_as_the_tokens_person(staff, partnership):
    program = bearer(token_for(staff))

    listed = program.get("/api/v1/partnerships/")

    assert listed.status_code == 200
    assert [item["slug"] for item in listed.json()] == [partnership.slug]
    assert program.get(f"/api/v1/partnerships/{partnership.slug}/projects").status_code == 200


def test_use_is_noted_at_most_once_a_minute(staff):
    program = bearer(token_for(staff))
    program.get("/api/v1/partnerships/")
    first = ApiToken.objects.get().last_used_at
    assert first is not None

    program.get("/api/v1/partnerships/")
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    program.get("/api/v1/partnerships/")
    assert ApiToken.objects.get().last_used_at > first


def test_a_read_only_token_changes_nothing(staff, partnership):
    refused = post_project(bearer(token_for(staff, scope="read")), partnership)

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden" and refused.json()["message"]
    assert not Project.objects.exists()
    patched = bearer(token_for(staff)).patch(
        f"/api/v1/partnerships/{partnership.slug}/aid/needs/1", {}, content_type="application/json"
    )
    assert patched.status_code == 403 and patched.json()["code"] == "forbidden"


def test_a_read_and_write_token_adds_without_a_session_or_csrf(staff, partnership):
    made = post_project(bearer(token_for(staff, scope="write")), partnership)

    assert made.status_code == 201
    assert Project.objects.get().created_by == staff


def test_a_token_for_one_partnership_finds_no_other(staff, partnership, other_partnership):
    services.membership_add(side=other_partnership.sides.get(position=1), user=staff, role="staff")
    event_add(partnership, staff, title="Here")
    event_add(other_partnership, staff, title="There")
    program = bearer(token_for(staff, scope="write", partnership=partnership))

    assert [p["slug"] for p in program.get("/api/v1/partnerships/").json()] == [partnership.slug]
    assert [e["title"] for e in program.get("/api/v1/events").json()["items"]] == ["Here"]
    for path in ("", "/projects", "/plans", "/aid/needs", "/threads"):
        assert program.get(f"/api/v1/partnerships/{partnership.slug}{path}").status_code == 200
        elsewhere = program.get(f"/api/v1/partnerships/{other_partnership.slug}{path}")
        assert elsewhere.status_code == 404 and elsewhere.json()["code"] == "not_found"
    assert post_project(program, other_partnership).status_code == 404
    assert not Project.objects.exists()
    everywhere = bearer(token_for(staff))
    assert len(everywhere.get("/api/v1/partnerships/").json()) == 2


@pytest.mark.parametrize("language", ["de", "uk"])
def test_an_unknown_or_revoked_token_is_refused_in_the_callers_language(staff, language):
    secret = token_for(staff)
    api_token_revoke(token=ApiToken.objects.get(), by=staff)
    with translation.override(language):
        message = gettext("This API token is unknown or was revoked.")

    for program in (bearer(secret), bearer("made-up"), bearer("x" * 5000)):
        refused = program.get("/api/v1/partnerships/", headers={"Accept-Language": language})
        assert refused.status_code == 401
        assert refused.json() == {"code": "unauthenticated", "message": message}


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "bearer   "]
)
def test_a_malformed_authorization_header_is_a_401(header):
    refused = Client().get("/api/v1/partnerships/", headers={"Authorization": header})
    assert refused.status_code == 401
    assert set(refused.json()) == {"code", "message"}


def test_a_change_without_a_session_or_token_is_asked_to_sign_in(partnership):
    """A program or visitor that sends no session cookie has no session to forge: it is told
    to sign in (401), not to reload a page as a browser whose CSRF token is missing."""
    program = Client(enforce_csrf_checks=True)
    refused = program.post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        {"title": "Bürgerportal", "lead_side": 1, "language": "de"},
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated"
    assert not Project.objects.exists()


def test_a_person_no_longer_active_opens_nothing(staff):
    program = bearer(token_for(staff))
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    assert program.get("/api/v1/partnerships/").status_code == 401


def test_revoking_asks_first_then_the_token_opens_nothing(staff, client_of):
    secret = token_for(staff)
    token = ApiToken.objects.get()
    address = reverse("partnerships:api_token_revoke", args=[token.pk])
    client = client_of(staff)

    asked = client.get(address)
    assert asked.status_code == 200 and ApiToken.objects.get().revoked_at is None
    assert client.post(address).status_code == 302

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.count() == 2
    assert bearer(secret).get("/api/v1/partnerships/").status_code == 401
    assert client.post(address).status_code == 302  # again: nothing changes
    assert ApiToken.objects.get().revoked_at == token.revoked_at


def test_nobody_revokes_or_sees_another_persons_token(staff, coordinator, client_of):
    token_for(staff, name="Geheimes Skript")
    token = ApiToken.objects.get()
    other = client_of(coordinator)
    address = reverse("partnerships:api_token_revoke", args=[token.pk])
    assert other.get(address).status_code == 404
    assert other.post(address).status_code == 404
    assert "Geheimes Skript" not in other.get(PAGE).text
    assert ApiToken.objects.get().revoked_at is None


def test_the_page_keeps_its_number_of_queries(
    staff, partnership, client_of, django_assert_max_num_queries
):
    client = client_of(staff)
    token_for(staff, partnership=partnership)
    client.get(PAGE)
    with django_assert_max_num_queries(30) as few:
        client.get(PAGE)
    for number in range(5):
        token_for(staff, partnership=partnership, name=f"Skript {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Skript 4" in client.get(PAGE).text


def test_a_token_answers_in_its_persons_language(staff, partnership):
    staff.language = "uk"
    staff.save(update_fields=["language"])
    with translation.override("uk"):
        message = gettext("Not found.")
    missing = bearer(token_for(staff)).get(f"/api/v1/partnerships/{partnership.slug}/projects/999")
    assert missing.json() == {"code": "not_found", "message": message}
