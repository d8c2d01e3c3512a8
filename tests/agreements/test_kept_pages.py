"""The letters register and its search, a letter's page, the agreements list, an agreement's
page, its consolidated text, a version's page and what changed in it are rendered once and
kept until anything is written (core.changes.remembered_body), per person and session: as
production runs, not as the other tests do (`remembering`)."""

import pytest
from django.urls import reverse

from pobratym.agreements.services import agreements
from pobratym.agreements.services import letters as services
from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.agreements.factories import agreement_draft, agreement_in_force, people
from tests.agreements.letter_factories import letter_register
from tests.factories import partnership_create
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]


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
        first, queries = page_read(client, url)
        assert read_from(queries, table), url
        again, queries = page_read(client, url)
        assert again == first, url
        assert not read_from(queries, table), url


def test_the_titles_are_those_the_pages_had(client_of, registrar, partnership, agreement, letter):
    client = client_of(registrar)
    slug = partnership.slug
    letter_page = reverse("agreements:letter_detail", args=[slug, letter.pk])
    version_page = reverse("agreements:version", args=[slug, agreement.pk, 1])
    client.get(letter_page)

    assert f"<title>Letter {letter.registration_number} · " in page_read(client, letter_page)[0]
    assert "<title>Version 1 · Solidarity partnership" in page_read(client, version_page)[0]


def test_a_correction_shows_on_the_kept_pages_at_once(
    client_of, registrar, partnership, agreement, letter
):
    client = client_of(registrar)
    search = reverse("agreements:letter_list", args=[partnership.slug]) + "?q=Stadtfest"
    letter_page = reverse("agreements:letter_detail", args=[partnership.slug, letter.pk])
    agreement_page = reverse("agreements:detail", args=[partnership.slug, agreement.pk])
    client.get(search)
    for url in (search, letter_page, agreement_page):
        assert "Einladung zum Stadtfest 4711" in page_read(client, url)[0]

    services.letter_update(letter=letter, by=registrar, subject="Einladung zum Chorfest 4711")

    assert "Einladung zum Stadtfest" not in page_read(client, search)[0]
    for url in (letter_page, agreement_page):
        text, _queries = page_read(client, url)
        assert "Einladung zum Chorfest 4711" in text and "Stadtfest" not in text


def test_letters_kept_on_an_office_s_agreement_page_are_not_shown_to_an_observer(
    client_of, cast, registrar, partnership, agreement, letter
):
    page = reverse("agreements:detail", args=[partnership.slug, agreement.pk])
    office, observer = client_of(registrar), client_of(cast[(Role.OBSERVER, 2)])
    for client in (office, office, observer, observer):
        client.get(page)

    assert "Einladung zum Stadtfest 4711" in page_read(office, page)[0]
    seen, queries = page_read(observer, page)
    assert "Solidarity partnership" in seen and "4711" not in seen
    assert not read_from(queries, "agreements_agreement")  # the observer's own page, kept
    letter_page = reverse("agreements:letter_detail", args=[partnership.slug, letter.pk])
    assert observer.get(letter_page).status_code in (403, 404)


def test_the_consolidated_text_is_read_once_and_kept_per_language(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    url = reverse("agreements:consolidated", args=[partnership.slug, agreement.pk])
    client = client_of(team["coordinator2"])
    client.get(url)  # the session gets its CSRF secret
    _first, rendering = page_read(client, url)
    ukrainian, queries = kept_read(client, f"{url}?language=uk")
    german, _queries = page_read(client, f"{url}?language=de")

    assert "<title>Consolidated text · Solidarity partnership" in ukrainian
    assert "Міста домовляються про партнерство." in ukrainian
    assert "Die Städte vereinbaren eine Partnerschaft." in german
    assert "Die Städte vereinbaren" not in ukrainian and "Міста" not in german
    assert read_from(rendering, "agreements_agreement")
    assert not read_from(queries, "agreements_agreement")


def test_a_version_s_changes_are_kept_and_show_a_correction_of_the_draft_at_once(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    agreements.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    draft = agreements.version_create(
        agreement=agreement,
        by=team["coordinator1"],
        texts={"de": ("Solidaritätspartnerschaft", "Die Städte vereinbaren eine Freundschaft.")},
    )
    url = reverse("agreements:version_diff", args=[partnership.slug, agreement.pk, 2])
    client = client_of(team["coordinator2"])
    text, queries = kept_read(client, f"{url}?language=de")
    assert "<title>Changes in version 2 · Solidarity partnership" in text
    assert "Freundschaft</ins>" in text and not read_from(queries, "agreements_version")

    agreements.version_update(
        version=draft,
        by=team["coordinator1"],
        texts={"de": ("Solidaritätspartnerschaft", "Die Städte vereinbaren eine Zusammenarbeit.")},
    )

    text, _queries = page_read(client, f"{url}?language=de")
    assert "Zusammenarbeit</ins>" in text and "Freundschaft" not in text
