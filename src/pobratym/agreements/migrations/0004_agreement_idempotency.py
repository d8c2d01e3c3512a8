"""Agreements are made once per key through core.idempotency (decision 0012)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_letter_search_indexes")]

    operations = [
        migrations.RemoveConstraint(model_name="agreement", name="agreement_created_once_per_key"),
        migrations.RenameField(
            model_name="agreement", old_name="creation_key", new_name="idempotency_key"
        ),
        migrations.RenameField(
            model_name="historicalagreement", old_name="creation_key", new_name="idempotency_key"
        ),
        migrations.AlterField(
            model_name="agreement",
            name="idempotency_key",
            field=models.UUIDField(
                blank=True, editable=False, null=True, verbose_name="idempotency key"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="idempotency_key",
            field=models.UUIDField(
                blank=True, editable=False, null=True, verbose_name="idempotency key"
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="idempotency_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="idempotency_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.UniqueConstraint(
                fields=("partnership", "idempotency_key"), name="agreement_created_once_per_key"
            ),
        ),
    ]
