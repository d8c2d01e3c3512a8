"""Trigram indexes for searching the letters register on PostgreSQL (decision 0011)."""

from django.db import migrations

from pobratym.core.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_agreement_creation_key")]

    operations = [
        trigram_index("agreements_letter", column)
        for column in ("subject", "sender", "addressee", "registration_number")
    ]
