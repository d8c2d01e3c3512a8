"""A trigram index for searching translations on PostgreSQL (decision 0011): conversations'
message search, and `selectors.matching` for every record, look into translations' text."""

from django.db import migrations

from pobratym.core.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("translation", "0001_record_translations")]

    operations = [trigram_index("translation_translation", "text")]
