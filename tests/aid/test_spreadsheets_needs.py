"""Needs lists as spreadsheets over HTTP: the template, and an import that takes every row
or none, reports each problem by row and column, and never creates a need twice."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from pobratym.aid.models import Need, NeedLine, Unit
from pobratym.aid.spreadsheets.needs import COLUMNS
from pobratym.aid.spreadsheets.packing import COLUMNS as PACKING_COLUMNS
from pobratym.partnerships.models import Role
from tests.aid.spreadsheet_factories import (
    template_filled,
    template_headers,
    upload,
    workbook_bytes,
)
from tests.factories import member_create

pytestmark = pytest.mark.django_db

HEADERS = [
    "Need reference *",
    "Title *",
    "Kind *",
    "Sector *",
    "Priority",
    "Recipient institution *",
    "Type of institution *",
    "Area *",
    "Exact address",
    "Critical infrastructure",
    "Needed by",
    "Description",
    "Item *",
    "Specification",
    "Quantity *",
    "Unit *",
]


def _row(**values) -> dict:
    return {
        "Need reference *": "H-1",
        "Title *": "Dressings for the city hospital",
        "Kind *": "goods and supplies",
        "Sector *": "Health",
        "Priority": "urgent",
        "Recipient institution *": "City Hospital No. 1",
        "Type of institution *": "hospital",
        "Area *": "Zhytomyr, Bohunskyi district",
        "Exact address": "vul. Velyka Berdychivska 1",
        "Critical infrastructure": "yes",
        "Needed by": date(2026, 12, 31),
        "Description": "For the surgical ward.",
        "Item *": "Bandage",
        "Specification": "10 cm × 4 m",
        "Quantity *": 100,
        "Unit *": "box",
        **values,
    }


def _second_line(**values) -> dict:
    return {
        "Need reference *": "H-1",
        "Item *": "Saline",
        "Quantity *": 2.5,
        "Unit *": "l",
        **values,
    }


def _other_need(**values) -> dict:
    return _row(
        **{
            "Need reference *": "W-7",
            "Title *": "Generator for the water works",
            "Kind *": "equipment",
            "Sector *": "wash",
            "Priority": "",
            "Recipient institution *": "Zhytomyrvodokanal",
            "Type of institution *": "utility",
            "Exact address": "",
            "Critical infrastructure": "no",
            "Needed by": "31.01.2027",
            "Description": "",
            "Item *": "Diesel generator 200 kVA",
            "Specification": "",
            "Quantity *": "1",
            "Unit *": "piece",
            **values,
        }
    )


def _sheet(rows, headers=HEADERS) -> bytes:
    return workbook_bytes(headers, [[row.get(header) for header in headers] for row in rows])


def _url(name, partnership, language="en"):
    with translation.override(language):
        return reverse(f"aid:{name}", args=[partnership.slug])


def _post(client, partnership, data: bytes, language="en", name="needs.xlsx"):
    return client.post(_url("need_import", partnership, language), {"file": upload(data, name)})


def _template(client, partnership, language="en") -> bytes:
    response = client.get(_url("need_template", partnership, language))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_the_filled_in_template_posts_its_needs_with_their_lines(partnership, receiver, client_of):
    client = client_of(receiver)
    data = template_filled(_template(client, partnership), [_row(), _second_line(), _other_need()])

    response = _post(client, partnership, data)

    assert response.status_code == 302
    assert response["Location"] == _url("need_list", partnership)
    hospital = Need.objects.get(title="Dressings for the city hospital")
    assert (hospital.kind, hospital.sector, hospital.priority) == ("goods", "health", "urgent")
    assert hospital.institution_type == "hospital"
    assert hospital.address == "vul. Velyka Berdychivska 1"
    assert hospital.critical_infrastructure is True
    assert hospital.needed_by == date(2026, 12, 31)
    assert hospital.side.position == 2 and hospital.created_by == receiver
    assert [(line.item, line.quantity, line.unit) for line in hospital.lines.order_by("pk")] == [
        ("Bandage", Decimal(100), "box"),
        ("Saline", Decimal("2.5"), "l"),
    ]
    water = Need.objects.get(title="Generator for the water works")
    assert (water.kind, water.sector, water.priority) == ("equipment", "wash", "normal")
    assert water.critical_infrastructure is False
    assert water.needed_by == date(2027, 1, 31)
    assert NeedLine.objects.count() == 3
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["2 needs with 3 item lines imported."]


def test_the_template_lists_the_allowed_values_and_checks_cells(partnership, receiver, client_of):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(_template(client_of(receiver), partnership)))
    assert workbook.sheetnames == ["Needs", "Lists", "Instructions"]
    assert template_headers(_template(client_of(receiver), partnership)) == HEADERS
    lists = [[cell.value for cell in row] for row in workbook["Lists"].iter_rows()]
    assert lists[0][:4] == ["Kind", "Code", "Sector", "Code"]
    assert lists[1][:2] == ["goods and supplies", "goods"]
    checks = workbook["Needs"].data_validations.dataValidation
    assert any(check.type == "list" and "Lists" in check.formula1 for check in checks)
    assert any(check.type == "decimal" for check in checks)


def test_a_retried_upload_creates_nothing_twice(partnership, receiver, client_of):
    client = client_of(receiver)
    data = _sheet([_row(), _second_line(), _other_need()])
    assert _post(client, partnership, data).status_code == 302

    response = _post(client, partnership, data)

    assert response.status_code == 302
    assert Need.objects.count() == 2 and NeedLine.objects.count() == 3
    message = str(list(response.wsgi_request._messages)[-1])
    assert message.startswith("0 needs with 0 item lines imported.")
    assert "2 needs of this file had been imported before" in message


def test_the_same_rows_in_another_file_are_new_needs(partnership, receiver, client_of):
    """The key is the file's content and the reference: a new list is new needs."""
    client = client_of(receiver)
    _post(client, partnership, _sheet([_row()]))
    _post(client, partnership, _sheet([_row(**{"Description": "Second list."})]))
    assert Need.objects.count() == 2


def _refused(response, *expected):
    assert response.status_code == 400
    assert Need.objects.count() == 0 and NeedLine.objects.count() == 0
    text = response.content.decode()
    for fragment in expected:
        assert fragment in text, fragment
    return text


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"Quantity *": "ten"}, "Quantity", "Enter a number."),
        ({"Quantity *": -5}, "Quantity", "Enter a number greater than zero."),
        ({"Quantity *": 0}, "Quantity", "Enter a number greater than zero."),
        ({"Quantity *": "1.2345"}, "Quantity", "Use at most 3 decimal places."),
        ({"Unit *": "barrel"}, "Unit", "“barrel” is not in the list."),
        ({"Kind *": "weapons"}, "Kind", "“weapons” is not in the list."),
        ({"Sector *": "Space"}, "Sector", "“Space” is not in the list."),
        ({"Type of institution *": "castle"}, "Type of institution", "not in the list"),
        ({"Priority": "whenever"}, "Priority", "not in the list"),
        ({"Critical infrastructure": "perhaps"}, "Critical infrastructure", "Enter yes or no."),
        ({"Title *": None}, "Title", "Fill in this cell."),
        ({"Item *": " "}, "Item", "Fill in this cell."),
        ({"Quantity *": None}, "Quantity", "Fill in this cell."),
        ({"Need reference *": None}, "Need reference", "Fill in this cell."),
        ({"Needed by": "next spring"}, "Needed by", "Enter a date"),
        ({"Needed by": "31.02.2027"}, "Needed by", "Enter a date"),
        ({"Title *": "x" * 301}, "Title", "Use at most 300 characters."),
    ],
)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_imported(
    partnership, receiver, client_of, values, column, message
):
    """The bad row comes after a good need: all or nothing."""
    if set(values) & {"Item *", "Quantity *", "Unit *"}:
        bad = _second_line(**values)
    else:  # a column of the need: given on its first row
        bad = _row(**{"Need reference *": "H-2", **values})
    rows = [_other_need(), _row(), bad]
    response = _post(client_of(receiver), partnership, _sheet(rows))
    text = _refused(response, column, message)
    assert '<th scope="row">4</th>' in text  # the third row below the header is row 4
    assert "Nothing was imported." in text


def test_every_problem_is_reported_at_once(partnership, receiver, client_of):
    rows = [_row(**{"Quantity *": "ten"}), _second_line(**{"Unit *": "barrel"})]
    text = _refused(_post(client_of(receiver), partnership, _sheet(rows)), "Enter a number.")
    assert "“barrel” is not in the list." in text
    assert "Correct these 2 problems" in text


def test_a_later_row_may_not_contradict_its_needs_first_row(partnership, receiver, client_of):
    rows = [_row(), _second_line(**{"Title *": "Something else"})]
    _refused(
        _post(client_of(receiver), partnership, _sheet(rows)),
        "This differs from row 2, which already gives it for “H-1”.",
    )


def test_a_later_row_may_repeat_its_needs_columns(partnership, receiver, client_of):
    rows = [_row(), _row(**{"Item *": "Gauze", "Quantity *": 5})]
    assert _post(client_of(receiver), partnership, _sheet(rows)).status_code == 302
    assert Need.objects.get().lines.count() == 2


def test_unknown_and_missing_columns_are_named(partnership, receiver, client_of):
    headers = [header for header in HEADERS if header != "Quantity *"] + ["Colour"]
    response = _post(client_of(receiver), partnership, _sheet([_row()], headers))
    _refused(response, "“Colour” is not a column of this list.", "This column is missing.")
    assert "Quantity" in response.content.decode()


def test_a_repeated_column_is_named(partnership, receiver, client_of):
    headers = [*HEADERS, "Title"]
    _refused(_post(client_of(receiver), partnership, _sheet([_row()], headers)), "appears twice")


def test_optional_columns_may_be_left_out(partnership, receiver, client_of):
    headers = [header for header in HEADERS if header.endswith("*")]
    assert _post(client_of(receiver), partnership, _sheet([_row()], headers)).status_code == 302
    need = Need.objects.get()
    assert need.address == "" and need.priority == "normal" and need.needed_by is None


@override_settings(POBRATYM_IMPORT_MAX_ROWS=2000)
def test_ten_thousand_rows_are_refused_before_anything_is_read(partnership, receiver, client_of):
    data = workbook_bytes(HEADERS, ([f"H-{number}", "Tents"] for number in range(10_000)))
    _refused(
        _post(client_of(receiver), partnership, data),
        "A sheet may have at most 2000 rows below its header",
    )


def test_the_row_limit_counts_filled_rows_only(partnership, receiver, client_of, settings):
    settings.POBRATYM_IMPORT_MAX_ROWS = 2
    rows = [_row(), {}, {}, _second_line()]  # empty rows between are skipped, not counted
    assert _post(client_of(receiver), partnership, _sheet(rows)).status_code == 302
    assert NeedLine.objects.count() == 2


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"not a spreadsheet at all",
        b"%PDF-1.7\n",
        b"PK\x03\x04" + b"\x00" * 100,  # the start of a zip, then nothing
        _zip({"hello.txt": b"a zip, but no workbook"}),
        _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<broken"}),
    ],
    ids=["text", "pdf", "truncated-zip", "other-zip", "broken-xml"],
)
def test_a_file_that_is_not_a_workbook_is_refused_clearly(partnership, receiver, client_of, data):
    _refused(
        _post(client_of(receiver), partnership, data),
        "This file is not an Excel workbook (XLSX) or it is damaged.",
    )


def test_a_cut_off_workbook_is_refused_clearly(partnership, receiver, client_of):
    data = _sheet([_row()])
    _refused(_post(client_of(receiver), partnership, data[: len(data) // 2]), "is damaged")


def test_a_zip_bomb_is_refused_without_unpacking_it(partnership, receiver, client_of):
    bomb = _zip({"xl/worksheets/sheet1.xml": b"\x00" * (50 * 1024 * 1024)})
    assert len(bomb) < 200_000
    _refused(_post(client_of(receiver), partnership, bomb), "unpacks to far more data")


def test_a_file_over_the_size_limit_is_refused(partnership, receiver, client_of, settings):
    settings.POBRATYM_UPLOAD_MAX_BYTES = 1000
    _refused(_post(client_of(receiver), partnership, _sheet([_row()])), "The file is larger than")


def test_a_sheet_with_headers_only_imports_nothing(partnership, receiver, client_of):
    _refused(_post(client_of(receiver), partnership, _sheet([])), "no rows to import")


@pytest.mark.parametrize("language", ["de", "uk"])
def test_a_template_downloaded_in_another_language_imports(
    partnership, receiver, client_of, language
):
    client = client_of(receiver)
    template = _template(client, partnership, language)
    headers = template_headers(template)
    assert headers != HEADERS  # really translated
    english = dict(zip(HEADERS, headers, strict=True))
    with translation.override(language):
        values = {"Kind *": str(Need.Kind.GOODS.label), "Unit *": str(Unit.BOX.label)}
    no = {"de": "nein", "uk": "ні"}[language]
    rows = [
        {english[key]: value for key, value in _row(**values).items()},
        {
            english[key]: value
            for key, value in _other_need(**{"Critical infrastructure": no}).items()
        },
    ]

    response = _post(client, partnership, template_filled(template, rows))  # an English page

    assert response.status_code == 302, response.content.decode()[-2000:]
    hospital = Need.objects.get(title="Dressings for the city hospital")
    assert hospital.kind == "goods" and hospital.lines.get().unit == "box"
    assert Need.objects.get(title="Generator for the water works").critical_infrastructure is False


def test_german_headers_are_read_by_a_ukrainian_page(partnership, receiver, client_of):
    with translation.override("de"):
        headers = [column.title() for column in COLUMNS]
    assert "Menge *" in headers and "Einheit *" in headers
    rows = [[row.get(english) for english in HEADERS] for row in [_row(), _second_line()]]
    data = workbook_bytes(headers, rows)
    assert _post(client_of(receiver), partnership, data, language="uk").status_code == 302
    assert NeedLine.objects.count() == 2


def test_the_report_is_in_the_persons_language(partnership, receiver, client_of):
    response = _post(
        client_of(receiver), partnership, _sheet([_row(**{"Quantity *": "zehn"})]), language="de"
    )
    with translation.override("de"):
        column = str(NeedLine._meta.get_field("quantity").verbose_name)
    _refused(response, "Menge", column.capitalize())


def test_the_import_page_shows_the_form_and_template_link(partnership, receiver, client_of):
    response = client_of(receiver).get(_url("need_import", partnership))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'type="file"' in text and _url("need_template", partnership) in text
    assert "<script" not in text.split("<main", 1)[-1]


def test_an_empty_post_shows_the_form_again(partnership, receiver, client_of):
    response = client_of(receiver).post(_url("need_import", partnership), {})
    assert response.status_code == 400
    assert Need.objects.count() == 0


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PARTNER, Role.SIGNATORY])
def test_only_the_office_imports(partnership, client_of, role):
    person = member_create(partnership, role, position=2).user
    client = client_of(person)
    assert client.get(_url("need_import", partnership)).status_code == 403
    assert _post(client, partnership, _sheet([_row()])).status_code == 403
    assert Need.objects.count() == 0


def test_staff_of_either_side_import_for_their_own_side(partnership, staff, client_of):
    assert _post(client_of(staff), partnership, _sheet([_row()])).status_code == 302
    assert Need.objects.get().side.position == 1


def test_outsiders_find_nothing(partnership, outsider, client_of):
    client = client_of(outsider)
    assert client.get(_url("need_template", partnership)).status_code == 404
    assert client.get(_url("need_import", partnership)).status_code == 404
    assert _post(client, partnership, _sheet([_row()])).status_code == 404
    assert Need.objects.count() == 0


def test_signed_out_people_are_sent_to_sign_in(partnership, client):
    assert client.get(_url("need_template", partnership)).status_code == 302
    assert client.post(_url("need_import", partnership)).status_code == 302


@pytest.mark.parametrize("columns", [COLUMNS, PACKING_COLUMNS], ids=["needs", "packing"])
def test_no_header_in_any_language_could_mean_two_columns(columns):
    for one in columns:
        for other in columns:
            if one is not other:
                assert not one.headers() & other.headers(), (one.name, other.name)


@pytest.mark.parametrize("language", ["en", "de", "uk"])
def test_every_choice_reads_back_as_itself_from_its_label_in_any_language(language):
    for column in COLUMNS:
        for code, label in column.choices:
            with translation.override(language):
                text = str(label)
            with translation.override("en"):
                value = column.parse(text)
            if column.name == "critical_infrastructure":
                assert value is (code == "yes")
            else:
                assert value == code


def test_a_header_below_empty_rows_is_found_and_named_by_its_row(partnership, receiver, client_of):
    headers = [*HEADERS, "Colour"]
    row = [*(_row().get(header) for header in HEADERS), "blue"]
    data = workbook_bytes([None] * len(headers), [[None] * len(headers), headers, row])
    text = _refused(_post(client_of(receiver), partnership, data), "“Colour” is not a column")
    assert '<th scope="row">3</th>' in text  # the header is on the third row of the sheet


def test_a_later_row_may_not_fill_in_what_its_needs_first_row_left_empty(
    partnership, receiver, client_of
):
    rows = [_row(**{"Exact address": None}), _second_line(**{"Exact address": "vul. Kyivska 5"})]
    _refused(_post(client_of(receiver), partnership, _sheet(rows)), "This differs from row 2")


def test_a_wrong_cell_on_a_needs_first_row_is_reported_once(partnership, receiver, client_of):
    rows = [_row(**{"Kind *": "weapons"}), _second_line(**{"Kind *": "goods"})]
    text = _refused(_post(client_of(receiver), partnership, _sheet(rows)), "“weapons”")
    assert "This differs" not in text


def test_cells_far_to_the_right_are_not_read(partnership, receiver, client_of):
    far = [*HEADERS, *([None] * 200), "Notes of the office"]
    rows = [[*[_row().get(header) for header in HEADERS], *([None] * 200), "call first"]]
    assert _post(client_of(receiver), partnership, workbook_bytes(far, rows)).status_code == 302
