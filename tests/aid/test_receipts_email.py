"""When a goods received note is recorded, the worker e-mails the sending side's office
through a real SMTP server, each reader in their own language and time zone, with every
line and discrepancy and a link to the note, and nothing sensitive of the need."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from pobratym.aid.tasks import receipt_notify_task
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from tests import smtp
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.factories import member_create

pytestmark = pytest.mark.django_db
smtp_inbox = smtp.smtp_inbox  # the real SMTP server, a fixture


@pytest.fixture
def people(partnership):
    return {
        "dortmund": member_create(
            partnership, Role.COORDINATOR, 1, language="de", time_zone="Europe/Berlin"
        ).user,
        "dortmund_staff": member_create(
            partnership, Role.STAFF, 1, language="uk", time_zone="Europe/Kyiv"
        ).user,
        "partner": member_create(partnership, Role.PARTNER, 1, language="de").user,
        "gone": member_create(partnership, Role.STAFF, 1, language="de", is_active=False).user,
        "zhytomyr": member_create(partnership, Role.COORDINATOR, 2, language="uk").user,
    }


@pytest.fixture
def shipment(partnership, people):
    return shipment_in_transit(
        partnership,
        people["dortmund_staff"],
        people["zhytomyr"],
        count=2,
        reference="CMR-4711",
        critical_infrastructure=True,
    )


def _in(language, time_zone, value, format_name):
    with translation.override(language), timezone.override(time_zone):
        if hasattr(value, "tzinfo"):
            value = timezone.localtime(value)
        return date_format(value, format_name)


def test_the_sending_office_hears_in_its_own_language_and_time_zone(
    people,
    shipment,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    run_worker,
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = receipt_make(
            shipment, people["zhytomyr"], quantities=["70", "55.5"], states=["intact", "damaged"]
        )
    run_worker()

    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    recipients = {m["X-Envelope-To"] for m in smtp_inbox.messages}
    assert recipients == {people["dortmund"].email, people["dortmund_staff"].email}

    for person, language, zone, box in [
        ("dortmund", "de", "Europe/Berlin", ("Kartons", "Kartons")),
        ("dortmund_staff", "uk", "Europe/Kyiv", ("коробки", "коробок")),
    ]:
        [mail] = smtp_inbox.to(people[person].email)
        body = smtp_inbox.text(mail)
        assert "CMR-4711" in mail["Subject"]
        assert receipt.number in body
        assert receipt.received_by in body
        assert _in(language, zone, receipt.received_on, "DATE_FORMAT") in body
        assert _in(language, zone, receipt.created_at, "DATE_FORMAT") in body
        assert zone not in body, "the time names its city, not the tz database's zone"
        fraction, many = box
        assert f"55,5 {fraction}" in body, "numbers and units as the reader writes them"
        assert f"70 {many}" in body
        with translation.override(language):
            path = reverse(
                "aid:receipt_detail", kwargs={"slug": "alpha-beta", "shipment_id": shipment.pk}
            )
        assert f"http://127.0.0.1:8000{path}" in body
        assert f"/{language}/" in path
        for line in receipt.lines.all():
            assert line.shipment_line.pledge.offer_line.item in body


def _notify(receipt, run_worker) -> None:
    receipt_notify_task.enqueue(receipt.pk)
    run_worker()


def test_the_e_mail_holds_nothing_sensitive(people, shipment, smtp_inbox, settings, run_worker):
    settings.POBRATYM_BASE_URL = "https://pobratym.example.org/"
    receipt = receipt_make(shipment, people["zhytomyr"], quantities=["60", "0"])
    _notify(receipt, run_worker)
    sent = [address for mail in smtp_inbox.messages for address in mail["To"].split(", ")]
    assert sorted(sent) == sorted([people["dortmund"].email, people["dortmund_staff"].email])
    for mail in smtp_inbox.messages:
        body = smtp_inbox.text(mail)
        assert "Velyka Berdychivska" not in body
        assert "critical" not in body.casefold()
        assert "https://pobratym.example.org/" in body


def test_the_e_mail_goes_once_even_when_the_task_runs_again(
    people, shipment, smtp_inbox, run_worker
):
    receipt = receipt_make(shipment, people["zhytomyr"])
    _notify(receipt, run_worker)
    _notify(receipt, run_worker)
    assert len(smtp_inbox.messages) == 2


def test_a_line_break_in_the_reference_does_not_stop_the_e_mail(
    partnership, people, smtp_inbox, run_worker
):
    shipment = shipment_in_transit(
        partnership, people["dortmund"], people["zhytomyr"], reference="CMR-1\r\nBcc: x@example.org"
    )
    _notify(receipt_make(shipment, people["zhytomyr"]), run_worker)
    [mail, _other] = smtp_inbox.messages
    assert "CMR-1 Bcc: x@example.org" in mail["Subject"]
    assert not smtp_inbox.to("x@example.org")


def test_a_refused_note_queues_no_e_mail(
    people,
    shipment,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    run_worker,
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DomainError),
    ):
        receipt_make(shipment, people["zhytomyr"], quantities=[60, -1])
    assert callbacks == []
    run_worker()
    assert not DBTaskResult.objects.exists()
    assert smtp_inbox.messages == []


def test_a_reader_without_a_saved_language_gets_the_site_language(
    partnership, people, shipment, smtp_inbox, run_worker
):
    quiet = member_create(partnership, Role.STAFF, 1, language="").user
    _notify(receipt_make(shipment, people["zhytomyr"]), run_worker)
    [mail] = smtp_inbox.to(quiet.email)
    assert "/en/partnerships/" in smtp_inbox.text(mail)
