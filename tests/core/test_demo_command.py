"""`pobratym demo`: the demo partnership Dortmund–Zhytomyr, loaded as often as wanted."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships import demo, demo_code
from pobratym.partnerships.models import City, FocusArea, Invitation, Membership, Partnership
from pobratym.translation.models import Translatable, Translation, TranslationKind
from pobratym.translation.selectors import translations_of

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _translatable_models() -> list[type[Translatable]]:
    return [model for model in apps.get_models() if issubclass(model, Translatable)]


def _counts() -> dict[str, int]:
    models = (User, City, Partnership, Membership, FocusArea, Invitation, Authenticator)
    return {
        model.__name__: model.objects.count()
        for model in (*models, Translation, *_translatable_models())
    }


@pytest.fixture(scope="class")
def demo_loaded(django_db_setup, django_db_blocker):
    """`pobratym demo` run once for the class, in a transaction that stays open while the
    class runs; each test's own transaction is a savepoint inside it, rolled back after the
    test, so every test starts from what a first load leaves (a load takes seconds).
    The command's output is the fixture's value."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo_loaded")
class TestOneLoad:
    """What one `pobratym demo` leaves, and what a second run changes (nothing). The class's
    tests share the first load (demo_loaded), each rolled back to it; the tests after the
    class see an empty database again."""

    def test_demo_twice_creates_the_same_rows_even_on_another_day(self, monkeypatch):
        after_first = _counts()
        # The demo's dates count from the day it runs; a second run the next day changes nothing.
        tomorrow = timezone.now() + timedelta(days=1)
        monkeypatch.setattr(timezone, "now", lambda: tomorrow)

        call_command("demo", stdout=StringIO())

        assert _counts() == after_first
        assert after_first["Translation"] > 0
        assert after_first["Partnership"] == 1
        assert after_first["City"] == 2
        assert after_first["User"] == 10
        assert after_first["Membership"] == 10
        assert after_first["FocusArea"] == 9

    def test_demo_records_read_in_every_language_translated_by_a_coordinator(self):
        """Every text of every translatable demo record exists in each language: the original,
        or a person's translation of exactly that wording, by a demo coordinator (the demo runs
        without a translation service)."""
        missing, checked = [], 0
        for model in _translatable_models():
            records = list(model.objects.all())
            found = translations_of(records)
            for record in records:
                if record.language not in LANGUAGES:
                    missing.append(f"{model._meta.label} {record.pk}: no original language")
                for field in record.translatable_fields:
                    original = record.original(field)
                    if not original.strip():
                        continue
                    for language in set(LANGUAGES) - {record.language}:
                        checked += 1
                        translation = found.get((model._meta.label, record.pk, field, language))
                        if not (
                            translation is not None
                            and translation.kind == TranslationKind.HUMAN
                            and not translation.is_stale(original)
                            and translation.translated_by.email.startswith("coordinator.")
                        ):
                            missing.append(f"{model._meta.label} {record.pk} {field} ({language})")

        assert missing == []
        assert checked > 50

    def test_demo_accounts_exist_with_their_roles_and_languages(self):
        coordinator = User.objects.get(email="coordinator.dortmund@example.org")
        assert coordinator.language == "de"
        assert coordinator.check_password(demo.PASSWORD)
        membership = Membership.objects.get(user=coordinator)
        assert (membership.role, membership.side.city.name_en) == ("coordinator", "Dortmund")
        zhytomyr = Membership.objects.get(user__email="signatory.zhytomyr@example.org")
        assert (zhytomyr.user.language, zhytomyr.side.city.name_uk) == ("uk", "Житомир")

    def test_demo_partnership_has_the_nine_focus_areas_in_order(self):
        partnership = Partnership.objects.get(slug=demo.SLUG)
        keys = list(partnership.focus_areas.order_by("position").values_list("key", flat=True))
        assert keys == [key for key, *_ in demo.FOCUS_AREAS]
        assert len(keys) == 9
        assert partnership.focus_areas.get(key="humanitarian-aid").name_de == "Humanitäre Hilfe"

    def test_demo_leaders_have_two_factors_and_others_do_not(self):
        with_totp = set(
            Authenticator.objects.filter(type="totp").values_list("user__email", flat=True)
        )
        assert with_totp == {
            demo.demo_email(role, city)
            for city in ("dortmund", "zhytomyr")
            for role in ("coordinator", "signatory")
        }

    def test_demo_prints_the_accounts(self, demo_loaded):
        assert "coordinator.dortmund@example.org" in demo_loaded
        assert demo.PASSWORD in demo_loaded

    def test_demo_coordinator_can_open_the_demo_dashboard(self, client_of):
        coordinator = User.objects.get(email="coordinator.dortmund@example.org")

        response = client_of(coordinator).get(f"/de/partnerships/{demo.SLUG}/")

        assert response.status_code == 200
        assert "Schytomyr" in response.content.decode()
        assert "Humanitäre Hilfe" in response.content.decode()

    def test_demo_leaders_have_recovery_codes_that_a_second_run_keeps(self):
        seeds = dict(
            Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES).values_list(
                "user__email", "data"
            )
        )

        call_command("demo", stdout=StringIO())

        assert set(seeds) == {
            demo.demo_email(role, city)
            for city in ("dortmund", "zhytomyr")
            for role in ("coordinator", "signatory")
        }
        again = Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES)
        assert dict(again.values_list("user__email", "data")) == seeds

    def test_demo_addresses_are_verified_and_primary(self):
        addresses = EmailAddress.objects.filter(user__email__endswith="@example.org")
        assert addresses.count() == User.objects.count() == 10
        assert all(address.verified and address.primary for address in addresses)
        assert all(address.email == address.user.email for address in addresses)


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


@pytest.mark.parametrize("at", [0, 59, 1_111_111_109, 1_234_567_890, 2_000_000_000])
def test_demo_code_without_django_is_the_code_allauth_accepts(at):
    expected = format_hotp_value(hotp_value(demo.TOTP_SECRET, at // TOTP_PERIOD))
    assert demo_code.current_code(at=at) == expected


def test_demo_code_answers_without_the_database(tmp_path):
    """`demo --code` answers at once, while the demo is still loading: it reads no database
    (here one that cannot be opened)."""
    command = Path(sys.executable).with_name("pobratym")
    result = subprocess.run(
        [str(command), "demo", "--code"],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pobratym.config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'pobratym.sqlite3'}",
        },
    )

    assert result.stdout.strip() in {
        demo_code.current_code(at=time.time() + shift) for shift in (-30, 0)
    }
