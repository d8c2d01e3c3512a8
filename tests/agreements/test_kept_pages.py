"""The letters register and its search, a letter's page, the agreements list, an agreement's
page and a version's page are rendered once and kept until anything is written
(core.changes.remembered_body), per person and session: as production runs, not as the other
tests do (`remembering`)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pobratym.agreements.services import letters as services
from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.agreements.factories import agreement_draft
from tests.agreements.letter_factories import letter_register

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]

TOKEN = re.compile(r'name="(?:csrfmiddlewaretoken|[\w-]*idempotency_key)" value="[\w-]+"')


def _page(client, url) -> tuple[str, list[str]]:
    """The page's text without its form tokens and keys, and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode()), [q["sql"] for q in queries]


def _read(queries, table: str) -> list[str]:
    return [sql for sql in queries if f'FROM "{table}"' in sql]


@pytest.fixture
def cast(partnership) -> Cast:
    return Cast(partnership)


@pytest.fixture
def registrar(cast):
    return cast[(Role.COORDINATOR, 1)]


@pytest.fixture
def agreement(partnership, registrar):
    return agreement_draft(partnership, registrar)


@pytest.fixture
def letter(partnership, registrar, agreement):
    return letter_register(
        partnership, registrar, agreement=agreement, subject="Einladung zum Stadtfest 4711"
    )


def test_every_page_is_read_once_while_nothing_is_written(
    client_of, registrar, partnership, agreement, letter
):
    slug = partnership.slug
    pages = {
        reverse("agreements:letter_list", args=[slug]): "agreements_letter",
        reverse("agreements:letter_list", args=[slug]) + "?q=Stadtfest": "agreements_letter",
        reverse("agreements:letter_detail", args=[slug, letter.pk]): "agreements_letter",
        reverse("agreements:list", args=[slug]): "agreements_agreement",
        reverse("agreements:detail", args=[slug, agreement.pk]): "agreements_agreement",
        reverse("agreements:version", args=[slug, agreement.pk, 1]): "agreements_version",
    }
    client = client_of(registrar)
    client.get(next(iter(pages)))  # the session gets its CSRF secret
    for url, table in pages.items():
        first, queries = _page(client, url)
        assert _read(queries, table), url
        again, queries = _page(client, url)
        assert again == first, url
        assert not _read(queries, table), url


def test_the_titles_are_those_the_pages_had(client_of, registrar, partnership, agreement, letter):
    client = client_of(registrar)
    slug = partnership.slug
    letter_page = reverse("agreements:letter_detail", args=[slug, letter.pk])
    version_page = reverse("agreements:version", args=[slug, agreement.pk, 1])
    client.get(letter_page)

    assert f"<title>Letter {letter.registration_number} · " in _page(client, letter_page)[0]
    assert "<title>Version 1 · Solidarity partnership" in _page(client, version_page)[0]


def test_a_correction_shows_on_the_kept_pages_at_once(
    client_of, registrar, partnership, agreement, letter
):
    client = client_of(registrar)
    search = reverse("agreements:letter_list", args=[partnership.slug]) + "?q=Stadtfest"
    letter_page = reverse("agreements:letter_detail", args=[partnership.slug, letter.pk])
    agreement_page = reverse("agreements:detail", args=[partnership.slug, agreement.pk])
    client.get(search)
    for url in (search, letter_page, agreement_page):
        assert "Einladung zum Stadtfest 4711" in _page(client, url)[0]

    services.letter_update(letter=letter, by=registrar, subject="Einladung zum Chorfest 4711")

    assert "Einladung zum Stadtfest" not in _page(client, search)[0]
    for url in (letter_page, agreement_page):
        text, _queries = _page(client, url)
        assert "Einladung zum Chorfest 4711" in text and "Stadtfest" not in text


def test_letters_kept_on_an_office_s_agreement_page_are_not_shown_to_an_observer(
    client_of, cast, registrar, partnership, agreement, letter
):
    page = reverse("agreements:detail", args=[partnership.slug, agreement.pk])
    office, observer = client_of(registrar), client_of(cast[(Role.OBSERVER, 2)])
    for client in (office, office, observer, observer):
        client.get(page)

    assert "Einladung zum Stadtfest 4711" in _page(office, page)[0]
    seen, queries = _page(observer, page)
    assert "Solidarity partnership" in seen and "4711" not in seen
    assert not _read(queries, "agreements_agreement")  # the observer's own page, kept
    letter_page = reverse("agreements:letter_detail", args=[partnership.slug, letter.pk])
    assert observer.get(letter_page).status_code in (403, 404)
