"""Case-insensitive "contains" for search boxes, the same on both databases.

PostgreSQL: Django's `icontains`, `UPPER(column) LIKE UPPER(text)`, which folds Cyrillic case
and which a trigram index on `UPPER(column)` (pg_trgm; the migrations call `trigram_index`)
answers without reading every row. SQLite folds
the case of ASCII only in `LIKE`, so there a regular expression does it (decision 0011).
"""

import re

from django.db import connection
from django.db.models import Q


def contains(field: str, text: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__icontains": text})
    return Q(**{f"{field}__iregex": re.escape(text)})


def trigram_index(table: str, column: str):
    """A migration operation: a trigram index for `contains` on PostgreSQL; nothing elsewhere."""
    from django.db import migrations

    name = f"{table}_{column}_trgm"

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin (UPPER("{column}") gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop)
