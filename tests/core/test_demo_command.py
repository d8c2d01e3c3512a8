"""`pobratym demo`: the demo partnership Dortmund–Zhytomyr, loaded as often as wanted."""

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.agreements.demo import load_letters
from pobratym.agreements.models import Letter
from pobratym.aid.models import GoodsReceivedNote, Need, Offer, ReceiptLine, Shipment
from pobratym.aid.selectors import need_list
from pobratym.conversations.models import Thread
from pobratym.directory.models import Contact, Organisation
from pobratym.exchanges.models import Event, FollowUp, Participant
from pobratym.exchanges.models import Invitation as EventInvitation
from pobratym.exchanges.selectors.participants import public_participant_counts
from pobratym.partnerships import demo, demo_code
from pobratym.partnerships.models import Membership, Partnership
from pobratym.partnerships.work import work_for
from pobratym.portal.models import NewsPost
from pobratym.projects import selectors as plan_selectors
from pobratym.projects.models import BudgetLine, Measure, Milestone, Project, WorkPlan
from pobratym.translation.models import Translatable, TranslationKind
from pobratym.translation.selectors import shown, translations_of

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _translatable_models() -> list[type[Translatable]]:
    return [model for model in apps.get_models() if issubclass(model, Translatable)]


def _counts() -> dict[str, int]:
    """Rows of each of the platform's models (their change histories aside) and of the
    accounts' addresses and authenticators."""
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("pobratym.") and not model.__name__.startswith("Historical")
    ]
    return {
        model._meta.label: model._base_manager.count()
        for model in (*models, EmailAddress, Authenticator)
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
        assert after_first["translation.Translation"] > 0
        assert after_first["partnerships.Partnership"] == 1
        assert after_first["partnerships.City"] == 2
        assert after_first["accounts.User"] == 10
        assert after_first["partnerships.Membership"] == 10
        assert after_first["partnerships.FocusArea"] == 9

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

    # What each part of the platform adds to the demo (that a second run adds nothing is
    # test_demo_twice_creates_the_same_rows_even_on_another_day, over every model).

    def test_demo_aid_tells_the_whole_story(self):
        assert Need.objects.count() == 4 and Shipment.objects.count() == 2
        assert GoodsReceivedNote.objects.count() == 1

        partnership = Partnership.objects.get(slug=demo.SLUG)
        coordinator = partnership.memberships.get(
            user__email="coordinator.zhytomyr@example.org"
        ).user
        statuses = {
            need.institution_type: need.status
            for need in need_list(viewer=coordinator, partnership=partnership)
        }
        assert statuses == {
            "hospital": "partly_covered",  # gloves: 120 of 200 pledged
            "utility": "covered",
            "school": "open",
            "civil_protection": "open",
        }
        statuses = dict(Shipment.objects.values_list("reference", "status"))
        assert statuses == {"DO-ZT-2026-014": "receipt_confirmed", "": "packing"}
        damaged = ReceiptLine.objects.exclude(state="intact").get()
        assert damaged.shipment_line.pledge.offer_line.offer.donor.name.startswith("Klinikum")
        assert Need.objects.filter(critical_infrastructure=True, public=True).count() == 0

    def test_demo_aid_reads_in_each_language_translated_by_the_coordinators(self):
        need = Need.objects.get(institution_type="hospital")
        german = shown(need, "title", "de")
        assert german.text == "Verbandmaterial für das Städtische Krankenhaus Nr. 1"
        assert german.original_language == "uk"
        assert german.translation.translated_by.email == "coordinator.dortmund@example.org"
        english = shown(need.lines.get(item__startswith="Рукавички"), "item", "en")
        assert english.text == "Surgical gloves, size 7.5"
        assert english.translation.translated_by.email == "coordinator.zhytomyr@example.org"
        fire_engine = shown(Offer.objects.get(donor__name__startswith="Feuerwehr"), "note", "uk")
        assert fire_engine.text == "Вживаний, перевірений; з оснащенням."
        assert fire_engine.translation.translated_by.email == "coordinator.zhytomyr@example.org"
        damaged = ReceiptLine.objects.exclude(state="intact").get()
        assert shown(damaged, "remark", "de").text == "8 Kartons sind beim Umladen nass geworden."

    def test_demo_directory_has_organisations_of_both_cities_and_contacts_with_consent(self):
        # Eight of the directory's own; aid adds the fire brigade (a donor) and the haulier (a
        # carrier), the events one contact (a participant).
        assert (Organisation.objects.count(), Contact.objects.count()) == (10, 5)
        assert set(Organisation.objects.values_list("side__position", flat=True)) == {1, 2}
        assert not Contact.objects.filter(consent_on__isnull=True).exists()
        rada = Organisation.objects.get(kind="administration", language="uk")
        assert shown(rada, "name", "de").text.startswith("Stadtrat Schytomyr")

    def test_demo_events_in_their_hosts_language_with_the_other_two(self):
        assert Event.objects.count() >= 5
        kinds = set(Event.objects.values_list("kind", flat=True))
        assert {"delegation", "online", "youth", "culture", "expert_exchange"} <= kinds
        visit = Event.objects.get(kind="delegation")
        assert visit.language == "uk" and visit.time_zone == "Europe/Kyiv"
        assert visit.host_side.position == 2 and visit.visiting_side.position == 1
        assert shown(visit, "title", "de").text == "Delegationsbesuch aus Dortmund in Schytomyr"
        assert shown(visit, "title", "en").text == "Dortmund delegation visit to Zhytomyr"
        past = Event.objects.get(kind="expert_exchange")
        assert past.outcomes and shown(past, "outcomes", "uk").text.startswith("Для житомирського")
        task = FollowUp.objects.get(event=past)
        assert task.done_at is None and task.owner.email == "coordinator.dortmund@example.org"

    def test_demo_events_have_their_people(self):
        assert (Participant.objects.count(), EventInvitation.objects.count()) == (5, 4)
        head = Participant.objects.get(event__kind="delegation", role="head")
        assert head.contact.name == "Anna Becker"
        replies = sorted(EventInvitation.objects.values_list("reply", flat=True))
        assert replies == ["", "maybe", "yes", "yes"]
        minor = Participant.objects.get(minor=True)
        assert minor.event.kind == "youth" and minor.guardian_name == "Ірина Бондаренко"
        youth = minor.event
        assert youth.public
        counts = public_participant_counts(event_ids=[youth.pk])[youth.pk]
        assert (counts.total, counts.minors) == (2, 1)

    def test_demo_projects_in_every_language(self):
        areas = set(Project.objects.values_list("focus_area__key", flat=True))
        assert {
            "reconstruction",
            "digitalisation",
            "urban-planning-heritage",
            "economy-innovation",
            "science",
        } <= areas
        assert Milestone.objects.exists() and BudgetLine.objects.exists()
        water = Project.objects.get(focus_area__key="reconstruction")
        assert water.humanitarian and water.public
        assert water.needs.filter(sector="energy").exists()
        assert water.roles.filter(role="lead", organisation__side=water.lead_side).exists()
        assert water.budget_lines.filter(currency="UAH", rate__isnull=False).exists()
        assert shown(water, "title", "de").text == "Wiederaufbau der Wasserversorgung in Schytomyr"
        assert shown(water.milestones.first(), "title", "en").text
        assert shown(water.updates.get(), "body", "de").text.startswith("Die Begutachtung")

    def test_demo_work_plans_one_approved_and_one_awaiting_zhytomyr(self):
        assert (WorkPlan.objects.count(), Measure.objects.count()) == (2, 12)
        earlier, later = WorkPlan.objects.order_by("starts_on")
        assert shown(earlier, "title", "de").text == "Planung 2023 / 2024"
        assert shown(earlier, "title", "uk").text == "Планування 2023 / 2024"
        assert plan_selectors.state_of(earlier).code == "approved"
        assert plan_selectors.state_of(later).code == "proposed"
        assert [a.side.position for a in later.versions.get().approvals.all()] == [1]
        areas = set(
            Measure.objects.filter(version__plan=earlier).values_list("focus_area__key", flat=True)
        )
        assert {"humanitarian-aid", "reconstruction", "digitalisation", "science"} <= areas
        water = Measure.objects.get(version__plan=earlier, focus_area__key="reconstruction")
        assert water.projects.exists() and water.events.exists() and water.needs.exists()
        assert shown(water, "title", "en").text == "Reconstruction: a reliable water supply"
        twinning = Measure.objects.get(version__plan=later, position=1)
        assert shown(twinning, "title", "uk").text.startswith("Перетворення на партнерство міст")

        zhytomyr = User.objects.get(email=demo.demo_email("coordinator", "zhytomyr"))
        dortmund = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
        [item] = [item for item in work_for(zhytomyr) if "/plans/" in item.url]
        assert str(item.kind) == "Approve the work plan"
        assert not [item for item in work_for(dortmund) if "/plans/" in item.url]

    def test_demo_founding_letter_is_registered_once_in_each_office(self):
        load_letters(Partnership.objects.get(slug=demo.SLUG))  # again: nothing new

        founding = Letter.objects.get(registration_number="31/1915")
        assert founding.side.city.name_en == "Zhytomyr"
        assert founding.direction == Letter.Direction.OUTGOING
        kyiv = ZoneInfo("Europe/Kyiv")
        assert founding.registered_at == datetime(2022, 6, 3, 14, 53, tzinfo=kyiv)
        assert (founding.file_index, founding.language) == ("0.01-30", "uk")
        assert founding.subject.startswith("Пропозиція укласти угоду про побратимство")
        incoming = Letter.objects.get(direction=Letter.Direction.INCOMING)
        assert incoming.side.city.name_en == "Dortmund"
        assert "erfunden" in incoming.summary
        assert Letter.objects.count() == 2

    def test_demo_thread_in_two_languages_translated_by_people(self):
        thread = Thread.objects.get()
        assert thread.attached_to.partnership.slug == demo.SLUG
        assert thread.messages.count() == 3
        assert {m.language for m in thread.messages.all()} == {"de", "uk"}
        # Each message by people in the two languages it was not written in, once.
        translated = thread.messages.filter(translations__kind="human")
        assert translated.count() == 6
        assert translated.distinct().count() == 3

    def test_demo_news_reads_on_the_portal_in_every_language(self):
        assert NewsPost.objects.count() == 3
        assert set(NewsPost.objects.values_list("language", flat=True)) == {"de", "uk"}
        expected = {
            "de": "Stromerzeuger für die Wasserwerke sind in Schytomyr angekommen",
            "uk": "Генератори для водоканалу прибули до Житомира",
            "en": "Generators for the water utility arrived in Zhytomyr",
        }
        for language, title in expected.items():
            response = Client().get(f"/{language}/p/{demo.SLUG}/")
            assert response.status_code == 200
            assert title in response.content.decode()


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
