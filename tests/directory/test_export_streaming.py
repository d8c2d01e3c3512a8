"""The contacts export streams: as CSV sent a few hundred rows at a time, as XLSX written to a
file on disk, the contacts read a chunk at a time, so the memory it takes does not grow with
the number of contacts (issue 18). Timings are in bench/exports.py."""

import pytest
from django.urls import reverse

from pobratym.core import chunks
from tests.streaming import contact_copies, csv_rows, grows_little, read_with_peak, xlsx_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "rows_of"), [("contact_list_csv", csv_rows), ("contact_list_xlsx", xlsx_rows)]
)
def test_the_contacts_export_takes_no_more_memory_for_five_times_the_contacts(
    partnership, contact, office, client_of, monkeypatch, name, rows_of
):
    monkeypatch.setattr(chunks, "CHUNK", 100)
    client = client_of(office)
    address = reverse(f"directory:{name}", args=[partnership.slug])
    contact_copies(contact, 999, "A")
    client.get(address)
    body, few = read_with_peak(client, address)
    assert rows_of(body) == 1000
    contact_copies(contact, 4000, "B")
    body, many = read_with_peak(client, address)
    assert rows_of(body) == 5000
    # Every contact read at once and the whole file in memory took about 5 KB a contact.
    assert grows_little(few, many), (few, many)
