"""Long lists read a chunk at a time, for exports whose memory must not grow with the rows
(issue 18)."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet

CHUNK = 500  # records an export reads at a time


def chunks_of(records: QuerySet, size: int = CHUNK) -> Iterator[list]:
    """`records` read `size` at a time, each chunk a list: an export holds one chunk, never
    all of them, and pays a fixed number of queries per chunk (its `prefetch_related` too:
    `QuerySet.iterator` prefetches per chunk).

    When the next chunk is asked for, the records of the last one let go of what was fetched
    for them: prefetched records point back at theirs, and such rings wait for Python's cycle
    collector, so chunks piled up in memory until it ran."""
    rows = records.iterator(chunk_size=size)
    while chunk := list(islice(rows, size)):
        yield chunk
        for record in chunk:
            record.__dict__.pop("_prefetched_objects_cache", None)
        del chunk


def one_by_one(records: QuerySet, size: int = CHUNK) -> Iterator:
    """`records` one at a time, read as `chunks_of` reads them."""
    for chunk in chunks_of(records, size):
        yield from chunk
