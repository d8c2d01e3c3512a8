"""The contacts export streams: as CSV sent a few hundred rows at a time, as XLSX written to a
file on disk, the contacts read a chunk at a time, so the memory it takes does not grow with
the number of contacts (issue 18). Timings are in bench/exports.py."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pobratym.core import chunks
from pobratym.directory.models import key_of
from tests.streaming import copies, grows_little, read_with_peak

pytestmark = pytest.mark.django_db


def _more(contact, count: int, prefix: str) -> None:
    names = [f"{prefix} Person {number}" for number in range(count)]
    emails = [f"{prefix.lower()}{number}@example.org" for number in range(count)]
    copies(
        contact,
        count,
        name=names,
        name_key=[key_of(name) for name in names],
        email=emails,
        email_key=[key_of(email) for email in emails],
    )


def _csv_rows(body) -> int:
    return body.read().count(b"\n") - 1


def _xlsx_rows(body) -> int:
    return sum(1 for _row in load_workbook(body, read_only=True).worksheets[0].iter_rows()) - 1


@pytest.mark.parametrize(
    ("name", "rows_of"), [("contact_list_csv", _csv_rows), ("contact_list_xlsx", _xlsx_rows)]
)
def test_the_contacts_export_takes_no_more_memory_for_five_times_the_contacts(
    partnership, contact, office, client_of, monkeypatch, name, rows_of
):
    monkeypatch.setattr(chunks, "CHUNK", 100)
    client = client_of(office)
    address = reverse(f"directory:{name}", args=[partnership.slug])
    _more(contact, 999, "A")
    client.get(address)
    body, few = read_with_peak(client, address)
    assert rows_of(body) == 1000
    _more(contact, 4000, "B")
    body, many = read_with_peak(client, address)
    assert rows_of(body) == 5000
    # Every contact read at once and the whole file in memory took about 5 KB a contact.
    assert grows_little(few, many), (few, many)
