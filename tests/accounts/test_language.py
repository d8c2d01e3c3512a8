"""Which language a person sees: the URL, their saved choice, then the browser."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_root_sends_visitor_to_browser_language():
    response = Client().get("/", headers={"accept-language": "uk,en;q=0.5"})

    assert response.status_code == 302
    assert response["Location"].startswith("/uk/")


def test_root_sends_visitor_with_unknown_browser_language_to_english():
    response = Client().get("/", headers={"accept-language": "fr"})
    assert response["Location"].startswith("/en/")


def test_root_sends_signed_in_person_to_saved_language(client_of):
    person = UserFactory(language="de")

    response = client_of(person).get("/", headers={"accept-language": "uk"})

    assert response["Location"] == "/de/"


def test_language_in_the_url_beats_the_saved_one(client_of):
    person = UserFactory(language="de")

    response = client_of(person).get("/uk/partnerships/")

    assert response.status_code == 200
    assert '<html lang="uk">' in response.content.decode()


def test_switching_language_remembers_it_and_opens_same_page_in_it(partnership, staff, client_of):
    response = client_of(staff).post(
        "/i18n/setlang/",
        {"language": "uk", "next": f"/en/partnerships/{partnership.slug}/members/"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/uk/partnerships/{partnership.slug}/members/"
    staff.refresh_from_db()
    assert staff.language == "uk"


def test_switched_language_is_used_on_next_visit_to_root(client_of):
    person = UserFactory(language="en")
    client = client_of(person)

    client.post("/i18n/setlang/", {"language": "de", "next": "/en/partnerships/"})

    assert client.get("/")["Location"] == "/de/"


@pytest.mark.parametrize("language", ["xx", "", "../de"])
def test_switching_to_unknown_language_is_refused(client_of, language):
    person = UserFactory(language="en")

    response = client_of(person).post(
        "/i18n/setlang/", {"language": language, "next": "/en/partnerships/"}
    )

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.language == "en"


def test_visitor_switches_language_for_the_visit():
    client = Client()

    response = client.post("/i18n/setlang/", {"language": "de", "next": "/en/accounts/login/"})

    assert response["Location"] == "/de/accounts/login/"
    assert client.get("/")["Location"].startswith("/de/")


def test_switching_language_does_not_redirect_to_another_site(client_of):
    response = client_of(UserFactory()).post(
        "/i18n/setlang/", {"language": "uk", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.get("Location", "")


def test_language_switch_is_only_a_post(client_of):
    assert client_of(UserFactory()).get("/i18n/setlang/?language=uk").status_code == 405
