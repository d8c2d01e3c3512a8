"""The home page of each language: My work for members, a start page for visitors; `/` leads
there, and unknown addresses answer in the address's language."""

import pytest
from django.test import Client

from tests.factories import UserFactory, member_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "Anmelden"), ("uk", "Увійти"), ("en", "Sign in")],
)
def test_visitor_gets_the_start_page_in_the_address_language(partnership, language, text):
    response = Client().get(f"/{language}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in page
    assert text in page
    assert str(partnership) in page  # the city pair of an active partnership


def test_start_page_names_no_partnership_that_is_not_active(db):
    from tests.factories import partnership_create

    proposed = partnership_create(status="proposed")

    assert str(proposed) not in Client().get("/en/").content.decode()


@pytest.mark.parametrize("language", ["de", "uk"])
def test_member_gets_my_work_in_the_address_language(partnership, client_of, language):
    person = member_create(partnership, "observer").user

    response = client_of(person).get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()
    assert "site/my_work.html" in [template.name for template in response.templates]


def test_root_sends_a_visitor_to_the_home_of_their_language():
    response = Client().get("/", headers={"accept-language": "uk"})

    assert response.status_code == 302
    assert response["Location"] == "/uk/"


def test_root_sends_a_member_to_my_work_in_their_saved_language(client_of):
    response = client_of(UserFactory(language="de")).get("/", headers={"accept-language": "uk"})

    assert response["Location"] == "/de/"


def test_unknown_address_answers_in_the_language_of_the_address():
    response = Client().get("/uk/does-not-exist/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="uk"' in page
    assert "Сторінку не знайдено" in page
    assert 'href="/uk/"' in page
