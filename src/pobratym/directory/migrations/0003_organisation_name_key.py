"""Organisations keep their name as duplicates are compared (`key_of`), so a donor or carrier
named again is found rather than added twice; and a private person who gives aid in their own
name is one kind of entry (decision 0019)."""

from django.conf import settings
from django.db import migrations, models

from pobratym.directory.models import key_of


def name_keys(apps, schema_editor):
    for model in ("Organisation", "HistoricalOrganisation"):
        records = list(apps.get_model("directory", model).objects.only("pk", "name"))
        for record in records:
            record.name_key = key_of(record.name)
        apps.get_model("directory", model).objects.bulk_update(
            records, ["name_key"], batch_size=500
        )
    if schema_editor.connection.vendor == "postgresql":
        # PostgreSQL alters no table with checks still pending from these updates.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_revision"),
        ("partnerships", "0002_revision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="organisation",
            name="organisation_kind",
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="name_key",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.RunPython(name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("administration", "city administration or department"),
                    ("municipal_subsidiary", "municipal subsidiary"),
                    ("civil_society", "civil society organisation"),
                    ("company", "company"),
                    ("research", "university or research institute"),
                    ("school", "school"),
                    ("culture", "cultural institution"),
                    ("faith", "faith community"),
                    ("media", "media"),
                    ("displaced", "community of displaced Ukrainians"),
                    ("private_person", "private person"),
                    ("other", "other"),
                ],
                max_length=30,
                verbose_name="type",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("administration", "city administration or department"),
                    ("municipal_subsidiary", "municipal subsidiary"),
                    ("civil_society", "civil society organisation"),
                    ("company", "company"),
                    ("research", "university or research institute"),
                    ("school", "school"),
                    ("culture", "cultural institution"),
                    ("faith", "faith community"),
                    ("media", "media"),
                    ("displaced", "community of displaced Ukrainians"),
                    ("private_person", "private person"),
                    ("other", "other"),
                ],
                max_length=30,
                verbose_name="type",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["partnership", "side", "name_key"], name="directory_o_partner_8632d2_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "administration",
                            "municipal_subsidiary",
                            "civil_society",
                            "company",
                            "research",
                            "school",
                            "culture",
                            "faith",
                            "media",
                            "displaced",
                            "private_person",
                            "other",
                        ],
                    )
                ),
                name="organisation_kind",
            ),
        ),
    ]
