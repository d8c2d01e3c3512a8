"""Counting requests for rate limits in the database, one statement a request whatever
happens: an upsert that returns the new count, the same SQL on PostgreSQL and SQLite (3.35
and later). The cache in the database takes about ten statements for an add and increment."""

from django.db import connection

from .models import RequestCount


def counted(key: str, period: int) -> int:
    """Count one more request of `key` in time window `period`; the count so far, this one
    included. A new window starts the key's count again in its one row, so rows grow with the
    identities seen (tokens, client addresses), never with time."""
    quote = connection.ops.quote_name
    table = quote(RequestCount._meta.db_table)
    key_, period_, count_ = quote("key"), quote("period"), quote("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {period_}, {count_}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({key_}) DO UPDATE SET "
            f"{count_} = CASE WHEN {table}.{period_} = %s THEN {table}.{count_} + 1 ELSE 1 END, "
            f"{period_} = %s RETURNING {count_}",
            [key, period, period, period],
        )
        (count,) = cursor.fetchone()
    return count
