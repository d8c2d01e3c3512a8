"""`pobratym demo`: the demo partnership Dortmund–Zhytomyr, loaded as often as wanted."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from pobratym.accounts.models import User
from pobratym.partnerships import demo
from pobratym.partnerships.models import City, FocusArea, Invitation, Membership, Partnership

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, City, Partnership, Membership, FocusArea, Invitation, Authenticator)
    }


def test_demo_twice_creates_the_same_rows():
    call_command("demo", stdout=StringIO())
    after_first = _counts()

    call_command("demo", stdout=StringIO())

    assert _counts() == after_first
    assert after_first["Partnership"] == 1
    assert after_first["City"] == 2
    assert after_first["User"] == 10
    assert after_first["Membership"] == 10
    assert after_first["FocusArea"] == 9


def test_demo_accounts_exist_with_their_roles_and_languages():
    call_command("demo", stdout=StringIO())

    coordinator = User.objects.get(email="coordinator.dortmund@example.org")
    assert coordinator.language == "de"
    assert coordinator.check_password(demo.PASSWORD)
    membership = Membership.objects.get(user=coordinator)
    assert (membership.role, membership.side.city.name_en) == ("coordinator", "Dortmund")
    zhytomyr = Membership.objects.get(user__email="signatory.zhytomyr@example.org")
    assert (zhytomyr.user.language, zhytomyr.side.city.name_uk) == ("uk", "Житомир")


def test_demo_partnership_has_the_nine_focus_areas_in_order():
    call_command("demo", stdout=StringIO())

    partnership = Partnership.objects.get(slug=demo.SLUG)
    keys = list(partnership.focus_areas.order_by("position").values_list("key", flat=True))
    assert keys == [key for key, *_ in demo.FOCUS_AREAS]
    assert len(keys) == 9
    assert partnership.focus_areas.get(key="humanitarian-aid").name_de == "Humanitäre Hilfe"


def test_demo_leaders_have_two_factors_and_others_do_not():
    call_command("demo", stdout=StringIO())

    with_totp = set(Authenticator.objects.filter(type="totp").values_list("user__email", flat=True))
    assert with_totp == {
        demo.demo_email(role, city)
        for city in ("dortmund", "zhytomyr")
        for role in ("coordinator", "signatory")
    }


def test_demo_prints_the_accounts():
    out = StringIO()
    call_command("demo", stdout=out)

    assert "coordinator.dortmund@example.org" in out.getvalue()
    assert demo.PASSWORD in out.getvalue()


def test_demo_code_prints_a_six_digit_code_and_loads_nothing():
    out = StringIO()
    call_command("demo", "--code", stdout=out)

    assert out.getvalue().strip().isdigit()
    assert len(out.getvalue().strip()) == 6
    assert not Partnership.objects.exists()


def test_demo_is_refused_with_production_settings(settings):
    settings.POBRATYM_DEMO = False

    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())

    assert not User.objects.exists()


def test_demo_coordinator_can_open_the_demo_dashboard(client_of):
    call_command("demo", stdout=StringIO())
    coordinator = User.objects.get(email="coordinator.dortmund@example.org")

    response = client_of(coordinator).get(f"/de/partnerships/{demo.SLUG}/")

    assert response.status_code == 200
    assert "Schytomyr" in response.content.decode()
    assert "Humanitäre Hilfe" in response.content.decode()
