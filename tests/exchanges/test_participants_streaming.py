"""An event's participants export streams: as CSV sent a few hundred rows at a time, as XLSX
written to a file on disk, the participants read a chunk at a time, so the memory it takes
does not grow with their number (issue 18). Timings are in bench/exports.py."""

import pytest
from django.urls import reverse

from pobratym.core import chunks
from tests.exchanges import people
from tests.streaming import (
    contact_copies,
    copies,
    csv_rows,
    grows_little,
    read_with_peak,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db

cast, office, event = people.cast, people.office, people.event
dortmund_organisation, anna = people.dortmund_organisation, people.anna


def _more(participant, contact, count: int, prefix: str) -> None:
    """`count` more people like `contact`, each taking part as `participant` does."""
    contacts = contact_copies(contact, count, prefix)
    copies(participant, count, contact_id=[made.pk for made in contacts])


@pytest.mark.parametrize(("extension", "rows_of"), [("csv", csv_rows), ("xlsx", xlsx_rows)])
def test_the_participants_export_takes_no_more_memory_for_five_times_the_people(
    partnership, event, anna, office, client_of, monkeypatch, extension, rows_of
):
    monkeypatch.setattr(chunks, "CHUNK", 100)
    participant = people.participant_make(event, anna, office, role="head")
    client = client_of(office)
    address = reverse("exchanges:participant_export", args=[partnership.slug, event.pk])
    if extension == "csv":
        address += "?format=csv"
    _more(participant, anna, 999, "A")
    client.get(address)
    body, few = read_with_peak(client, address)
    assert rows_of(body) == 1000
    _more(participant, anna, 4000, "B")
    body, many = read_with_peak(client, address)
    assert rows_of(body) == 5000
    # Every participant read at once and the whole file in memory: about 5 KB a person.
    assert grows_little(few, many), (few, many)
