"""The public pages as a visitor reads them: the start page's cards, a partnership's portal in
three languages with its alternates and link previews, the sitemap, the news feed and a news
photo; and the members' news pages."""

import re
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from pobratym.projects import services as projects
from pobratym.translation.services import translation_save
from tests.agreements.factories import agreement_in_force, people
from tests.conversations.factories import png_upload
from tests.factories import partnership_create
from tests.portal.factories import news_add
from tests.projects.conftest import project_add
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def portal(partnership, language="en") -> str:
    return f"/{language}/p/{partnership.slug}/"


def test_a_visitor_finds_each_partnership_as_a_card_leading_to_its_portal(partnership):
    page = Client().get("/de/").content.decode()
    assert f'href="/de/p/{partnership.slug}/"' in page
    assert Client().get(f"/de/p/{partnership.slug}/").status_code == 200


def test_a_partnership_that_is_not_active_has_no_portal(db):
    proposed = partnership_create(status="proposed")
    assert Client().get(portal(proposed)).status_code == 404
    assert Client().get("/en/p/no-such-partnership/").status_code == 404


@pytest.mark.parametrize(
    ("language", "locale"), [("de", "de_DE"), ("uk", "uk_UA"), ("en", "en_GB")]
)
def test_the_portal_names_its_alternates_and_its_link_preview(partnership, language, locale):
    page = Client().get(portal(partnership, language)).content.decode()
    for code in ("de", "uk", "en"):
        address = f"http://testserver/{code}/p/{partnership.slug}/"
        assert f'<link rel="alternate" hreflang="{code}" href="{address}">' in page
    assert f'hreflang="x-default" href="http://testserver/en/p/{partnership.slug}/"' in page
    assert f'<meta property="og:locale" content="{locale}">' in page
    assert '<meta property="og:title"' in page
    assert 'type="application/atom+xml" title="' in page
    assert f'<html lang="{language}"' in page


def test_the_portal_tells_the_story_and_the_progress_of_public_projects(partnership, coordinator1):
    team = people(partnership)
    agreement_in_force(partnership, team, title="Solidarity partnership")
    project = project_add(partnership, coordinator1, title="Citizen services", public=True)
    for day, done in ((date(2026, 3, 1), True), (date(2026, 9, 1), False)):
        milestone = projects.milestone_add(
            project=project, by=coordinator1, idempotency_key=uuid.uuid4(), title="M", due_on=day
        )
        if done:
            projects.milestone_complete(milestone=milestone, by=coordinator1)
    page = Client().get(portal(partnership)).content.decode()
    assert "Solidarity partnership – In force" in page
    assert "Citizen services" in page
    assert "1 of 2 milestones done" in page
    assert "January 2026 to December 2026" in page
    # Ukrainian puts the months after a day, "з" and "до" in the genitive.
    in_ukrainian = Client().get(portal(partnership, "uk")).content.decode()
    assert "з січня 2026 до грудня 2026" in in_ukrainian
    assert not re.search(r"\b\d{1,2} [А-ЯІЇЄҐ][а-яіїєґ]+ \d{4}", in_ukrainian)  # "4 Жовтень 2026"
    assert re.search(r"\b\d{1,2} [а-яіїєґ]+ \d{4}", in_ukrainian)  # "4 жовтня 2026"


def test_news_reads_in_the_readers_language(partnership, coordinator1):
    post = news_add(partnership, coordinator1, title="Generatoren angekommen", language="de")
    translation_save(
        record=post,
        field="title",
        language="uk",
        text="Генератори прибули",
        by=coordinator1,
        revision=None,
    )
    assert "Генератори прибули" in Client().get(portal(partnership, "uk")).content.decode()
    assert "Generatoren angekommen" in Client().get(portal(partnership, "de")).content.decode()


def test_the_sitemap_lists_every_portal_in_every_language_with_alternates(partnership):
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    for code in ("de", "uk", "en"):
        assert f"<loc>http://testserver/{code}/p/{partnership.slug}/</loc>" in text
        assert f"<loc>http://testserver/{code}/</loc>" in text
    assert 'hreflang="x-default"' in text


def test_the_news_feed_is_atom_in_the_addresss_language(partnership, coordinator1):
    news_add(partnership, coordinator1, title="Generators arrived")
    response = Client().get(f"/uk/p/{partnership.slug}/news.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Generators arrived"]


def test_a_news_photo_is_public_like_its_post(partnership, coordinator1):
    post = news_add(partnership, coordinator1, photo=png_upload())
    response = Client().get(f"/en/p/{partnership.slug}/news/{post.pk}/photo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert f'src="/en/p/{partnership.slug}/news/{post.pk}/photo/"' in (
        Client().get(portal(partnership)).content.decode()
    )


# --- the members' news pages ---


def test_a_coordinator_publishes_a_post_through_the_form_once(partnership, coordinator1, client_of):
    client = client_of(coordinator1)
    address = f"/en/partnerships/{partnership.slug}/news/new/"
    key = client.get(address).context["form"]["idempotency_key"].value()
    data = {"idempotency_key": key, "title": "School laptops", "body": "Thirty laptops."}
    for _ in range(2):
        response = client.post(address, data)
        assert response.status_code == 302
    assert partnership.news.get().title == "School laptops"
    assert (
        "School laptops"
        in client.get(f"/en/partnerships/{partnership.slug}/news/").content.decode()
    )


def test_a_post_dated_in_the_future_is_refused_at_its_field(partnership, coordinator1, client_of):
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = client_of(coordinator1).post(
        f"/en/partnerships/{partnership.slug}/news/new/",
        {"title": "T", "body": "B", "posted_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["posted_on"] == [
        "A news post cannot be dated in the future."
    ]
    assert not partnership.news.exists()


def test_a_stale_correction_shows_what_changed_meanwhile(partnership, coordinator1, client_of):
    post = news_add(partnership, coordinator1, title="First")
    address = f"/en/partnerships/{partnership.slug}/news/{post.pk}/edit/"
    data = {"revision": 1, "title": "Mine", "body": post.body, "posted_on": post.posted_on}
    client = client_of(coordinator1)
    assert client.post(address, {**data, "title": "Theirs"}).status_code == 302
    response = client.post(address, data)
    assert response.status_code == 409
    post.refresh_from_db()
    assert post.title == "Theirs"


def test_a_photo_caption_reads_in_the_readers_language(partnership, coordinator1):
    post = news_add(
        partnership,
        coordinator1,
        photo=png_upload(),
        photo_caption="Die Pumpstation",
        language="de",
    )
    translation_save(
        record=post,
        field="photo_caption",
        language="uk",
        text="Насосна станція",
        by=coordinator1,
        revision=None,
    )
    page = Client().get(portal(partnership, "uk")).content.decode()
    assert 'alt="Насосна станція"' in page


def test_the_offices_translate_a_post_on_the_one_translation_page(
    partnership, coordinator1, office, client_of
):
    post = news_add(partnership, coordinator1, title="Generatoren angekommen", language="de")
    address = f"/en/translations/portal.newspost/{post.pk}/"
    assert client_of(office).get(address).status_code == 200
    news = client_of(office).get(f"/en/partnerships/{partnership.slug}/news/").content.decode()
    assert address in news


@pytest.mark.remembering
def test_the_portal_is_kept_for_visitors_until_anything_is_written(partnership, coordinator1):
    news_add(partnership, coordinator1, title="Generatoren angekommen", language="de")
    visitor = Client()
    first = visitor.get(portal(partnership, "de")).content.decode()
    with CaptureQueriesContext(connection) as kept:
        again = visitor.get(portal(partnership, "de")).content.decode()
    assert again.count("Generatoren angekommen") == first.count("Generatoren angekommen") == 1
    assert not [query for query in kept if "portal_newspost" in query["sql"]]

    news_add(partnership, coordinator1, title="Schule wieder offen", language="de")
    assert "Schule wieder offen" in visitor.get(portal(partnership, "de")).content.decode()
    in_ukrainian = visitor.get(portal(partnership, "uk")).content.decode()
    assert "Generatoren angekommen" in in_ukrainian
    assert f"/api/v1/partnerships/{partnership.slug}/events.ics?lang=uk" in in_ukrainian


@pytest.mark.remembering
def test_the_sitemap_is_kept_until_anything_is_written(partnership):
    visitor = Client()
    first = visitor.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as kept:
        again = visitor.get("/sitemap.xml")
    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    assert "X-Robots-Tag" in again
    assert not [query for query in kept if "partnerships_partnership" in query["sql"]]

    other = partnership_create(slug="dortmund-lviv")
    assert f"/uk/p/{other.slug}/</loc>" in visitor.get("/sitemap.xml").content.decode()


@pytest.mark.remembering
def test_the_start_page_is_kept_for_visitors_until_anything_is_written(partnership):
    visitor = Client()
    assert f'href="/uk/p/{partnership.slug}/"' in visitor.get("/uk/").content.decode()
    with CaptureQueriesContext(connection) as kept:
        visitor.get("/uk/")
    assert not [query for query in kept if "partnerships_partnership" in query["sql"]]

    other = partnership_create(slug="dortmund-lviv")
    assert f'href="/uk/p/{other.slug}/"' in visitor.get("/uk/").content.decode()


def test_the_members_news_list_keeps_its_number_of_queries(
    partnership, cast, client_of, django_assert_max_num_queries
):
    """Posts written in German by coordinators of both sides, one of them translated into
    English by a person: the reader's title, its translation note and the author per post."""
    from django.urls import reverse

    from pobratym.partnerships.models import Role

    def posts(count, first=0):
        for number in range(first, first + count):
            author = cast[(Role.COORDINATOR, 1 + number % 2)]
            post = news_add(
                partnership,
                author,
                title=f"Generatoren {number}",
                body="Die Wasserwerke haben zwei Generatoren erhalten.",
                language="de",
            )
            translation_save(
                record=post,
                field="title",
                language="en",
                text=f"Generators {number}",
                by=author,
                revision=None,
            )

    posts(1)
    page = page_keeps_its_queries(
        client_of(cast[(Role.STAFF, 1)]),
        reverse("portal:news_list", args=[partnership.slug]),
        lambda: posts(5, first=1),
        django_assert_max_num_queries,
    )
    assert len(page.context["posts"]) == 6
    assert "Generators 5" in page.text
