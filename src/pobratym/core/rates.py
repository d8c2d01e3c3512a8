"""Counting requests for rate limits in the database, one statement a request: an upsert
that returns the new count, the same SQL on PostgreSQL and SQLite (3.35 and later). The
cache in the database takes about ten statements for the same add and increment."""

from django.db import connection

from .models import RequestCount


def counted(key: str, period: int) -> int:
    """Count one more request of `key` in time window `period`; the count so far, this one
    included. The first request of a window clears, for every key, the windows before the
    one just past."""
    quote = connection.ops.quote_name
    table = quote(RequestCount._meta.db_table)
    key_, period_, count_ = quote("key"), quote("period"), quote("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {period_}, {count_}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({key_}, {period_}) DO UPDATE SET {count_} = {table}.{count_} + 1 "
            f"RETURNING {count_}",
            [key, period],
        )
        (count,) = cursor.fetchone()
        if count == 1:
            cursor.execute(f"DELETE FROM {table} WHERE {period_} < %s", [period - 1])  # noqa: S608
    return count
