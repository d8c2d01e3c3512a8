"""Checking that an export streams (issue 18): many records made at once by copying one, and
the peak of Python's allocations while an export is made and read as a server sends it."""

import tempfile
import tracemalloc
import uuid

from openpyxl import load_workbook


def copies(template, count: int, **varying) -> list:
    """`count` copies of the saved record `template`, written in one bulk insert: every field
    as in it but its key, a new `idempotency_key` where it has one, and each field named in
    `varying` set per copy (a list, or a function of the copy's number)."""
    model = type(template)
    fields = {
        field.attname: getattr(template, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }

    def made(number: int):
        values = dict(fields)
        if "idempotency_key" in values:
            values["idempotency_key"] = uuid.uuid4()
        for name, value in varying.items():
            values[name] = value(number) if callable(value) else value[number]
        return model(**values)

    return model.objects.bulk_create([made(number) for number in range(count)])


def read_with_peak(client, url: str):
    """(the body, in a temporary file on disk, read from its start; the peak of Python's
    allocations while the answer is made and read a piece at a time, as a server sends it)."""
    body = tempfile.TemporaryFile()  # noqa: SIM115 - the caller reads it
    tracemalloc.start()
    try:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        # Read to its end, the test client closes the answer (never `close()` it here: that
        # would end the test's database connection as the end of a request does).
        for piece in response.streaming_content if response.streaming else [response.content]:
            body.write(piece)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    body.seek(0)
    return body, peak


def grows_little(few: int, many: int) -> bool:
    """Whether a peak for five times the rows (`many`) is about that for the first (`few`)."""
    return many < few * 1.25 + 512 * 1024


def contact_copies(contact, count: int, prefix: str) -> list:
    """`count` more people like the directory's `contact`, each with a name and e-mail
    address of their own."""
    from pobratym.directory.models import key_of

    names = [f"{prefix} Person {number}" for number in range(count)]
    emails = [f"{prefix.lower()}{number}@example.org" for number in range(count)]
    return copies(
        contact,
        count,
        name=names,
        name_key=[key_of(name) for name in names],
        email=emails,
        email_key=[key_of(email) for email in emails],
    )


def csv_rows(body) -> int:
    """Rows of a CSV body below its header."""
    return body.read().count(b"\n") - 1


def xlsx_rows(body) -> int:
    """Rows of a workbook's first sheet below its header."""
    return sum(1 for _row in load_workbook(body, read_only=True).worksheets[0].iter_rows()) - 1
