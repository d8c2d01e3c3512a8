"""A person's own settings page: name and preferred language."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"


def test_person_saves_name_language_and_time_zone(client_of):
    person = UserFactory(language="en")

    response = client_of(person).post(
        PROFILE, {"name": "Olena", "language": "uk", "time_zone": "Europe/Kyiv"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.language, person.time_zone) == ("Olena", "uk", "Europe/Kyiv")


def test_times_are_shown_in_the_person_s_time_zone(partnership, client_of):
    from django.urls import reverse

    from tests.factories import member_create

    kyiv = member_create(partnership, "staff", position=2, time_zone="Europe/Kyiv").user
    berlin = member_create(partnership, "staff", position=1, time_zone="Europe/Berlin").user
    url = reverse("partnerships:history", args=[partnership.slug])

    def first_time(person):
        page = client_of(person).get(url).content.decode()
        return re.search(r'<time datetime="([^"]+)"', page).group(1)

    # The same moment, one hour apart on the wall clock (EET vs CET).
    assert first_time(kyiv).endswith(("+02:00", "+03:00"))
    assert first_time(berlin).endswith(("+01:00", "+02:00"))
    assert first_time(kyiv) != first_time(berlin)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "O" * 201, "language": "de", "time_zone": "Europe/Kyiv"},
        {"name": "Olena", "language": "xx", "time_zone": "Europe/Kyiv"},
        {"name": "Olena", "language": "uk", "time_zone": "Mars/Olympus_Mons"},
    ],
    ids=["name too long", "unknown language", "unknown time zone"],
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


def test_service_refuses_an_unknown_time_zone_and_keeps_the_old_one(db):
    from pobratym.accounts import services
    from pobratym.core.errors import DomainError

    person = UserFactory(time_zone="Europe/Kyiv")
    with pytest.raises(DomainError) as refused:
        services.user_update_profile(
            user=person, name="Olena", language="uk", time_zone="Mars/Olympus_Mons"
        )
    assert refused.value.code == "invalid"
    person.refresh_from_db()
    assert person.time_zone == "Europe/Kyiv"
