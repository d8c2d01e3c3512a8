"""Participants from a spreadsheet (XLSX or CSV), all or nothing, with every problem by row
and column; people named by e-mail or by name and organisation; the export reads back."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from pobratym.core.spreadsheets import Refused
from pobratym.exchanges.models import Participant
from pobratym.exchanges.services.participants import event_days
from pobratym.exchanges.spreadsheets import participant_import, participant_template
from pobratym.partnerships.models import Role
from tests.downloads import body
from tests.exchanges import people

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
anna, taras = people.anna, people.taras
HEADER = "E-mail address,Name of the person,Organisation,Role,Arrives on,Departs on,Under 18 at the event,Guardian,Guardian's consent given on,How the guardian gave consent"  # noqa: E501


def _csv(*lines) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.csv", "\n".join([HEADER, *lines]).encode(), "text/csv")


def test_a_csv_list_adds_everyone_named_by_email_or_by_name_and_organisation(
    event, anna, taras, office
):
    first, _last = event_days(event)
    consent = timezone.localdate() - timedelta(days=9)
    result = participant_import(
        event=event,
        by=office,
        upload=_csv(
            f"ANNA@example.org,,,head of delegation,{first},{first + timedelta(days=2)},no,,,",
            f",Тарас Мельник,Гімназія № 23,,,,так,Olena Kovalenko,{consent},written",
        ),
    )
    assert (result.added, result.already) == (2, 0)
    added = {p.contact.name: p for p in Participant.objects.filter(event=event)}
    assert added["Anna Becker"].role == "head"
    assert added["Тарас Мельник"].minor and added["Тарас Мельник"].role == "participant"
    assert added["Тарас Мельник"].guardian_name == "Olena Kovalenko"


def test_a_list_with_bad_rows_imports_nobody_and_names_every_problem(event, anna, taras, office):
    first, _last = event_days(event)
    with pytest.raises(Refused) as refused:
        participant_import(
            event=event,
            by=office,
            upload=_csv(
                "anna@example.org,,,,,,,,,",
                "nobody@example.org,,,,,,,,,",
                ",Тарас Мельник,,,,,,,,",
                "taras@example.org,,,,,,yes,,,",  # a minor without consent
                f"anna@example.org,,,speaker,{first},{first - timedelta(days=1)},,,,",
            ),
        )
    problems = {(problem.row, problem.column) for problem in refused.value.problems}
    assert problems == {
        (3, "E-mail address"),
        (4, "E-mail address"),
        (5, "Guardian"),
        (6, "E-mail address"),  # Anna twice
    }
    assert not Participant.objects.exists()


def test_people_on_the_list_already_are_left_and_the_same_file_adds_nobody_twice(
    event, anna, taras, office
):
    people.participant_make(event, anna, office, role="speaker")
    upload = _csv("anna@example.org,,,,,,,,,", "taras@example.org,,,,,,,,,")
    first = participant_import(event=event, by=office, upload=upload)
    again = participant_import(event=event, by=office, upload=upload)
    assert (first.added, first.already) == (1, 1)
    assert (again.added, again.already) == (0, 2)
    assert Participant.objects.get(contact=anna).role == "speaker"
    assert Participant.objects.count() == 2


def test_the_template_and_the_export_read_back_as_an_import(
    event, partnership, anna, taras, office, client_of
):
    template = load_workbook(io.BytesIO(participant_template()))
    assert template.worksheets[0]["A1"].value == "E-mail address"
    people.participant_make(event, anna, office, role="head")
    people.participant_make(event, taras, office, **people.minor_fields())
    address = reverse("exchanges:participant_export", args=[partnership.slug, event.pk])
    response = client_of(office).get(address)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"

    other = people.event_add(partnership, office, title="Second encounter")
    upload = SimpleUploadedFile("export.xlsx", body(response))
    result = participant_import(event=other, by=office, upload=upload)
    assert result.added == 2
    copied = Participant.objects.get(event=other, contact=taras)
    assert copied.minor and copied.guardian_name == "Olena Kovalenko"

    as_csv = client_of(office).get(address, {"format": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "Тарас Мельник" in body(as_csv).decode("utf-8-sig")


def test_only_those_who_see_contacts_export_and_the_offices_import(
    event, partnership, cast, client_of
):
    export = reverse("exchanges:participant_export", args=[partnership.slug, event.pk])
    upload = reverse("exchanges:participant_import", args=[partnership.slug, event.pk])
    partner = client_of(cast[(Role.PARTNER, 1)])
    assert partner.get(export).status_code == 403
    assert partner.get(upload).status_code == 403
    assert client_of(cast[(Role.STAFF, 2)]).get(upload).status_code == 200


def test_the_import_page_shows_the_problems_and_saves_nothing(
    event, partnership, anna, office, client_of
):
    address = reverse("exchanges:participant_import", args=[partnership.slug, event.pk])
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["anna@example.org", None, None, "dancer"])
    out = io.BytesIO()
    book.save(out)
    response = client_of(office).post(
        address, {"file": SimpleUploadedFile("people.xlsx", out.getvalue())}
    )
    assert response.status_code == 400
    assert "“dancer” is not in the list" in response.content.decode()
    assert not Participant.objects.exists()
