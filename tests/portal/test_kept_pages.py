"""The members' news list is rendered once and kept until anything is written
(core.changes.remembered_body), per person and session: as production runs, not as the other
tests do (`remembering`)."""

import pytest
from django.urls import reverse

from pobratym.portal import services
from tests.kept import kept_read, page_read, read_from
from tests.portal.factories import news_add

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]


@pytest.fixture
def url(partnership):
    return reverse("portal:news_list", args=[partnership.slug])


def test_the_news_list_is_read_once_and_shows_a_correction_at_once(
    client_of, partnership, coordinator1, url
):
    post = news_add(partnership, coordinator1)
    client = client_of(coordinator1)
    client.get(url)  # the session gets its CSRF secret
    _first, rendering = page_read(client, url)
    text, queries = kept_read(client, url)
    assert "Generators arrived in Zhytomyr" in text and "<title>News · " in text
    assert read_from(rendering, "portal_newspost") and not read_from(queries, "portal_newspost")

    services.news_post_update(post=post, by=coordinator1, title="Generators arrived in Lviv")

    text, _queries = page_read(client, url)
    assert "Generators arrived in Lviv" in text and "Zhytomyr" not in text


def test_each_member_is_shown_the_list_rendered_for_them(
    client_of, partnership, coordinator1, office, url
):
    news_add(partnership, coordinator1)
    coordinator, staff = client_of(coordinator1), client_of(office)
    for client in (coordinator, coordinator, staff, staff):
        client.get(url)

    assert "Write a news post" in page_read(coordinator, url)[0]
    seen, queries = page_read(staff, url)
    assert "Generators arrived in Zhytomyr" in seen
    assert "Write a news post" not in seen and "Correct “" not in seen
    assert not read_from(queries, "portal_newspost")  # the staff member's own page, kept


def test_each_page_of_the_list_is_kept_apart(client_of, partnership, coordinator1, url):
    for number in range(26):
        news_add(partnership, coordinator1, title=f"Post number {number:02}")
    client = client_of(coordinator1)
    client.get(url)
    first, _queries = kept_read(client, url)
    second, _queries = kept_read(client, f"{url}?page=2")

    assert "Post number 25" in first and "Post number 00" not in first
    assert "Post number 00" in second and "Post number 25" not in second
