"""Pages every visitor can reach: the root, the health check, and the error pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/xx/partnerships/", "/en/no-such-page/", "/de/partnerships/x/y/z/", "/nothing"]
)
def test_unknown_address_shows_our_404_page(path):
    response = Client().get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assert "404.html" in [template.name for template in response.templates]
    assert "Traceback" not in page
    assert 'class="site-header"' in page


def test_english_404_page_says_so():
    assert "Page not found" in Client().get("/en/no-such-page/").content.decode()


def test_404_page_of_a_partnership_address_does_not_reveal_it(partnership, other_partnership):
    from tests.factories import member_create

    staff = member_create(partnership, "staff").user
    client = Client()
    client.force_login(staff)

    response = client.get(f"/de/partnerships/{other_partnership.slug}/")

    assert response.status_code == 404
    assert '<html lang="de">' in response.content.decode()
    assert str(other_partnership.sides.first().city.name) not in response.content.decode()


def test_health_check_answers_ok():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_root_answers_only_get():
    assert Client().post("/").status_code == 405


def test_anonymous_visitor_of_the_list_is_sent_to_login():
    response = Client().get("/uk/partnerships/")
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/accounts/login/")
