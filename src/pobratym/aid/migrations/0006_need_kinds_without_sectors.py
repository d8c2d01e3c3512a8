"""A need's kind no longer repeats its sector: medical supplies, energy, shelter, water and
education were sectors. Each such need keeps what it meant: its form of help becomes goods (or
equipment for energy and education), and a need filed under "other" takes the kind's sector."""

from django.conf import settings
from django.db import migrations, models


# old kind: (new kind, the sector it meant)
KINDS = {
    "medical": ("goods", "health"),
    "energy": ("equipment", "energy"),
    "shelter": ("goods", "shelter"),
    "wash": ("goods", "wash"),
    "education": ("equipment", "education"),
}


def forwards(apps, schema_editor):
    Need = apps.get_model("aid", "Need")
    HistoricalNeed = apps.get_model("aid", "HistoricalNeed")
    for old, (kind, sector) in KINDS.items():
        Need.objects.filter(kind=old, sector="other").update(sector=sector)
        Need.objects.filter(kind=old).update(kind=kind)
        HistoricalNeed.objects.filter(kind=old).update(kind=kind)
    if schema_editor.connection.vendor == "postgresql":
        # PostgreSQL alters no table with checks still pending from these updates.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('aid', '0005_shipment_event_language'),
        ('partnerships', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='need',
            name='need_kind',
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalneed',
            name='kind',
            field=models.CharField(choices=[('goods', 'goods and supplies'), ('equipment', 'equipment'), ('vehicle', 'vehicle'), ('expertise', 'expertise'), ('funding', 'funding')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='need',
            name='kind',
            field=models.CharField(choices=[('goods', 'goods and supplies'), ('equipment', 'equipment'), ('vehicle', 'vehicle'), ('expertise', 'expertise'), ('funding', 'funding')], max_length=20, verbose_name='kind'),
        ),
        migrations.AddConstraint(
            model_name='need',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['goods', 'equipment', 'vehicle', 'expertise', 'funding'])), name='need_kind'),
        ),
    ]
