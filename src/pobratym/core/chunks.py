"""Long lists read a chunk at a time, for exports whose memory must not grow with the rows
(issue 18)."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import Prefetch, QuerySet
from django.db.models.constants import LOOKUP_SEP

CHUNK = 500  # records an export reads at a time


def chunks_of(records: QuerySet, size: int | None = None) -> Iterator[list]:
    """`records` read `size` at a time, each chunk a list: an export holds one chunk, never
    all of them, and pays a fixed number of queries per chunk (its `prefetch_related` too:
    `QuerySet.iterator` prefetches per chunk); `size` is `CHUNK` unless given.

    When the next chunk is asked for, the records of the last one let go of what was read
    with them (`_let_go`). Keep no record of a chunk beyond it."""
    size = size or CHUNK
    prefetched = _prefetched_attributes(records)
    rows = records.iterator(chunk_size=size)
    while chunk := list(islice(rows, size)):
        yield chunk
        for record in chunk:
            _let_go(record, prefetched)
        del chunk


def _let_go(record, prefetched: set[str]) -> None:
    """Drop what `record` and the records read with it hold of each other. A prefetched
    record points back at its own (a need's line at its need), a record joined one-to-one
    with `select_related` too (a goods received note and its shipment), and such rings wait
    for Python's cycle collector, which seldom looks at them: chunks piled up in memory."""
    waiting, seen = [record], set()
    while waiting:
        current = waiting.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for name in prefetched if current is record else ("_prefetched_objects_cache",):
            current.__dict__.pop(name, None)
        state = current.__dict__.get("_state")
        related = state.__dict__.pop("fields_cache", None) if state is not None else None
        waiting += [other for other in (related or {}).values() if other is not None]


def _prefetched_attributes(records: QuerySet) -> set[str]:
    """The attributes of each record where `prefetch_related` keeps what it fetched: its
    cache, and the `to_attr` lists of `Prefetch`es of the records' own relations."""
    names = {"_prefetched_objects_cache"}
    for lookup in records._prefetch_related_lookups:  # Django keeps them only here
        path = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
        names.add(path.split(LOOKUP_SEP)[0])
    return names


def one_by_one(records: QuerySet, size: int | None = None) -> Iterator:
    """`records` one at a time, read as `chunks_of` reads them."""
    for chunk in chunks_of(records, size):
        yield from chunk
