"""Trigram indexes for searching messages and their translations on PostgreSQL
(decision 0011)."""

from django.db import migrations

from pobratym.core.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("conversations", "0001_initial")]

    operations = [
        trigram_index("conversations_message", "body"),
        trigram_index("conversations_messagetranslation", "text"),
    ]
