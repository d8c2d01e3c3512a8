"""A person's own settings page: name and preferred language."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"


def test_person_saves_name_and_language(client_of):
    person = UserFactory(language="en")

    response = client_of(person).post(PROFILE, {"name": "Olena", "language": "uk"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.language) == ("Olena", "uk")


@pytest.mark.parametrize(
    "data",
    [{"name": "O" * 201, "language": "de"}, {"name": "Olena", "language": "xx"}],
    ids=["name too long", "unknown language"],
)
def test_bad_settings_show_the_form_again(client_of, data):
    person = UserFactory(name="Before", language="en")

    response = client_of(person).post(PROFILE, data)

    assert response.status_code == 400
    assert response.context["form"].errors
    person.refresh_from_db()
    assert (person.name, person.language) == ("Before", "en")


def test_profile_needs_signing_in():
    response = Client().get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
