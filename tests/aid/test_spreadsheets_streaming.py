"""The members' HXL export streams: made and sent a chunk of needs at a time, so the memory it
takes does not grow with the number of lines (issue 18). Timings are in bench/exports.py."""

import tracemalloc
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid import hxl
from pobratym.aid.models import Need, NeedLine
from tests.aid.factories import need_post

pytestmark = pytest.mark.django_db

LINES_EACH = 5


def _more_needs(template: Need, count: int) -> None:
    """`count` copies of `template`, each with `LINES_EACH` lines, written in bulk."""
    fields = {
        field.attname: getattr(template, field.attname)
        for field in Need._meta.concrete_fields
        if not field.primary_key
    }
    needs = Need.objects.bulk_create(
        Need(**{**fields, "title": f"Generators {number}", "idempotency_key": uuid.uuid4()})
        for number in range(count)
    )
    NeedLine.objects.bulk_create(
        NeedLine(
            need=need,
            item=f"Generator {number}",
            item_key=f"generator {number}",
            specification="5 kW, diesel",
            quantity=Decimal(number + 1),
            unit="piece",
        )
        for need in needs
        for number in range(LINES_EACH)
    )


def _peak(client, url: str) -> tuple[int, int]:
    """(lines read, the peak of Python's allocations while the export is made and read a
    piece at a time, as a server sends it)."""
    tracemalloc.start()
    try:
        response = client.get(url)
        assert response.status_code == 200
        pieces = response.streaming_content if response.streaming else [response.content]
        lines = sum(piece.count(b"\n") for piece in pieces)
        return lines, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_members_hxl_export_takes_no_more_memory_for_five_times_the_lines(
    partnership, receiver, client_of, monkeypatch
):
    monkeypatch.setattr(hxl, "CHUNK", 50)  # several chunks from a few hundred needs
    template = need_post(partnership, receiver, address="vul. Bench 1")
    client = client_of(receiver)
    url = reverse("aid:need_hxl", args=[partnership.slug])
    _more_needs(template, 199)
    client.get(url)  # what a process reads once (content types, translated labels)
    lines, few = _peak(client, url)
    assert lines == 2 + 1 + 199 * LINES_EACH
    _more_needs(template, 800)
    lines, many = _peak(client, url)
    assert lines == 2 + 1 + 999 * LINES_EACH
    # Writing every line at once took about 3.5 KB a line: 14 MB more for 4,000 more lines.
    assert many < few * 1.25 + 512 * 1024, (few, many)
