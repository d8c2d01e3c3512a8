"""Contacts lists as spreadsheets over HTTP: an import from XLSX or CSV that adds every person
or none, checks each row as the contact form does and reports each problem by row and column
in the reader's language, never adds anyone twice; and an export of the contacts a member may
see (never an anonymised person's), in the same columns, so it imports again."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pobratym.directory import services
from pobratym.directory.models import Contact
from pobratym.partnerships.models import Role
from tests.aid.spreadsheet_factories import template_filled, template_headers, workbook_bytes
from tests.directory.factories import contact_add, organisation_add
from tests.downloads import body

pytestmark = pytest.mark.django_db

HEADERS = [
    "Organisation",
    "Name of the person",
    "Function",
    "Languages spoken",
    "E-mail address",
    "Phone",
    "Consent given on",
    "Purpose of the consent",
    "How the consent was given",
    "Keep until",
]


def url(name, partnership):
    return reverse(f"directory:{name}", args=[partnership.slug])


def _row(**values):
    today = timezone.localdate()
    row = {
        "Organisation": "Stadtwerke Alpha",
        "Name of the person": "Olena Kovalenko",
        "Function": "Engineer",
        "Languages spoken": "Ukrainian, German",
        "E-mail address": "olena@example.org",
        "Phone": "+380 412 47-00-00",
        "Consent given on": (today - timedelta(days=3)).isoformat(),
        "Purpose of the consent": "Water utility partnership",
        "How the consent was given": "by e-mail",
        "Keep until": (today + timedelta(days=700)).isoformat(),
    }
    row.update(values)
    return row


def _xlsx(rows, headers=HEADERS) -> bytes:
    return workbook_bytes(headers, [[row.get(header) for header in headers] for row in rows])


def _csv(rows, headers=HEADERS, separator=";") -> bytes:
    def cell(value):
        return f'"{value}"' if value is not None else ""

    lines = [separator.join(headers)]
    lines += [separator.join(cell(row.get(header)) for header in headers) for row in rows]
    return "\r\n".join(lines).encode("utf-8-sig")


def _post(client, partnership, data: bytes, name="contacts.xlsx", language="en"):
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    return client.post(
        url("contact_import", partnership).replace("/en/", f"/{language}/", 1), {"file": upload}
    )


def _problems(response) -> set[tuple]:
    return {(p.row, p.column) for p in response.context["problems"]}


def test_a_list_adds_every_person_once_however_often_it_is_sent(
    partnership, organisation, office, client_of
):
    client = client_of(office)
    data = _xlsx([_row(), _row(**{"Name of the person": "Jan Nowak", "E-mail address": ""})])

    first = _post(client, partnership, data)
    assert first.status_code == 302
    olena = Contact.objects.get(name="Olena Kovalenko")
    assert olena.organisation == organisation
    assert olena.languages == ["de", "uk"]
    assert olena.consent_method == "email"
    assert Contact.objects.filter(partnership=partnership).count() == 2

    again = _post(client, partnership, data)
    assert again.status_code == 302
    assert Contact.objects.filter(partnership=partnership).count() == 2
    shown = client.get(again.url)
    assert "had been imported before" in shown.text


def test_a_csv_file_from_a_german_spreadsheet_imports(partnership, organisation, office, client_of):
    response = _post(client_of(office), partnership, _csv([_row()]), name="kontakte.csv")
    assert response.status_code == 302
    assert Contact.objects.get(email="olena@example.org").phone == "+380 412 47-00-00"


def test_a_bad_row_saves_nothing_and_says_where_and_why(
    partnership, organisation, office, client_of
):
    rows = [
        _row(),
        _row(
            **{
                "Name of the person": "Petro",
                "E-mail address": "not an address",
                "Phone": "call me",
            }
        ),
        _row(**{"Name of the person": "Max", "E-mail address": "", "Organisation": "Nowhere"}),
        _row(
            **{
                "Name of the person": "Iryna",
                "E-mail address": "",
                "Consent given on": (timezone.localdate() + timedelta(days=2)).isoformat(),
            }
        ),
    ]
    response = _post(client_of(office), partnership, _xlsx(rows))

    assert response.status_code == 400
    assert not Contact.objects.filter(partnership=partnership).exists()
    assert _problems(response) == {
        (3, "E-mail address"),
        (3, "Phone"),
        (4, "Organisation"),
        (5, "Consent given on"),
    }
    assert "Enter a phone number such as +49 231 50-0" in response.text
    assert "“Nowhere” is not an organisation of your city" in response.text
    assert "Nothing was imported" in response.text


def test_a_row_without_consent_is_refused_before_anything_is_checked(
    partnership, organisation, office, client_of
):
    rows = [_row(), _row(**{"Name of the person": "Iryna", "Consent given on": None})]
    response = _post(client_of(office), partnership, _csv(rows), name="contacts.csv")
    assert response.status_code == 400
    assert _problems(response) == {(3, "Consent given on")}
    assert "Fill in this cell." in response.text
    assert not Contact.objects.exists()


def test_a_person_already_in_the_directory_or_twice_in_the_file_is_a_row_problem(
    partnership, organisation, contact, office, client_of
):
    rows = [
        _row(**{"E-mail address": contact.email}),
        _row(**{"Name of the person": "Jan", "E-mail address": "jan@example.org"}),
        _row(**{"Name of the person": "Jan", "E-mail address": "JAN@example.org"}),
    ]
    response = _post(client_of(office), partnership, _xlsx(rows))
    assert response.status_code == 400
    assert _problems(response) == {(2, "E-mail address"), (4, "E-mail address")}
    assert "already in the directory" in response.text
    assert "The same person is on row 3 of this file." in response.text
    assert Contact.objects.filter(partnership=partnership).count() == 1


def test_contacts_are_imported_only_at_organisations_of_ones_own_city(
    partnership, organisation, cast, client_of
):
    organisation_add(partnership, cast[(Role.STAFF, 2)], name="Житомирводоканал")
    row = _row(**{"Organisation": "Житомирводоканал"})
    response = _post(client_of(cast[(Role.STAFF, 1)]), partnership, _xlsx([row]))
    assert _problems(response) == {(2, "Organisation")}
    assert "only at organisations of your own city" in response.text


def test_an_organisation_is_found_by_its_name_in_any_language(
    partnership, organisation, office, client_of
):
    from pobratym.translation.services import translation_save

    translation_save(
        record=organisation,
        field="name",
        language="uk",
        text="Міські комунальні служби Альфа",
        by=office,
        revision=None,
    )
    response = _post(
        client_of(office),
        partnership,
        _xlsx([_row(**{"Organisation": "міські комунальні  служби альфа"})]),
    )
    assert response.status_code == 302
    assert Contact.objects.get().organisation == organisation


@pytest.mark.parametrize("language", ["de", "uk"])
def test_a_template_in_another_language_imports_and_the_report_is_translated(
    partnership, organisation, office, client_of, language
):
    client = client_of(office)
    template = client.get(url("contact_template", partnership).replace("/en/", f"/{language}/"))
    assert template.status_code == 200
    headers = template_headers(template.content)
    english = dict(zip(HEADERS, headers, strict=True))
    filled = template_filled(
        template.content, [{english[name]: value for name, value in _row().items()}]
    )
    assert _post(client, partnership, filled, language=language).status_code == 302

    bad = template_filled(
        template.content,
        [{english[name]: value for name, value in _row(**{"Phone": "x"}).items()}],
    )
    refused = _post(client, partnership, bad, language=language)
    assert refused.status_code == 400
    assert {"de": "Telefon", "uk": "Телефон"}[language] in {
        p.column for p in refused.context["problems"]
    }


def test_who_may_import(partnership, organisation, cast, client_of):
    data = _xlsx([_row()])
    for role in (Role.OBSERVER, Role.PARTNER, Role.SIGNATORY):
        assert _post(client_of(cast[(role, 1)]), partnership, data).status_code in (403, 404)
    assert not Contact.objects.exists()
    assert _post(client_of(cast[(Role.COORDINATOR, 1)]), partnership, data).status_code == 302


def test_an_export_imports_again_and_never_shows_an_anonymised_person(
    partnership, organisation, contact, cast, office, client_of
):
    erased = contact_add(organisation, office, name="Erased Person", email="erased@example.org")
    services.contact_erase(contact=erased, by=cast[(Role.COORDINATOR, 1)])
    client = client_of(cast[(Role.STAFF, 2)])  # the other city's office sees contacts too

    xlsx = client.get(url("contact_list_xlsx", partnership))
    assert xlsx.status_code == 200
    assert xlsx["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(body(xlsx))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [row[1] for row in rows[1:]] == ["Anna Becker"]
    assert rows[1][3] == "German, English"
    assert rows[1][6] == contact.consent_on.isoformat() or rows[1][6].date() == contact.consent_on

    csv = client.get(url("contact_list_csv", partnership))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    data = body(csv)
    text = data.decode("utf-8-sig")
    assert "Anna Becker" in text and "erased" not in text.casefold()

    # Imported again (after the person was removed), the export makes the same contact.
    Contact.objects.filter(pk=contact.pk).delete()
    assert _post(client_of(office), partnership, data, name="export.csv").status_code == 302
    again = Contact.objects.get(name="Anna Becker")
    assert (again.email, again.languages, again.retain_until) == (
        contact.email,
        contact.languages,
        contact.retain_until,
    )


def test_the_export_follows_the_lists_filters_and_only_for_those_who_see_contacts(
    partnership, organisation, contact, office, cast, client_of
):
    contact_add(organisation, office, name="Bohdan", languages=["uk"])
    client = client_of(office)
    filtered = client.get(url("contact_list_csv", partnership), {"language": "uk"})
    text = body(filtered).decode("utf-8-sig")
    assert "Bohdan" in text and "Anna Becker" not in text
    for role in (Role.OBSERVER, Role.PARTNER, Role.SIGNATORY):
        assert client_of(cast[(role, 1)]).get(url("contact_list_csv", partnership)).status_code in (
            403,
            404,
        )


def test_the_export_keeps_its_number_of_queries(
    partnership, organisation, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    client.get(url("contact_list_xlsx", partnership))
    for _ in range(5):
        contact_add(organisation, office)
    with django_assert_max_num_queries(12):
        assert client.get(url("contact_list_xlsx", partnership)).status_code == 200


def test_the_import_page_and_the_list_offer_the_way(partnership, office, client_of):
    client = client_of(office)
    page = client.get(url("contact_list", partnership))
    assert url("contact_import", partnership) in page.text
    assert url("contact_list_csv", partnership) in page.text
    form = client.get(url("contact_import", partnership))
    assert form.status_code == 200
    assert url("contact_template", partnership) in form.text
    assert date.today().year  # the page needs no data to show
