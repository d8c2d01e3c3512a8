"""Donors and carriers become organisations of the directory (decision 0019): each distinct
donor or carrier text, per partnership, city and name as `key_of` compares it, is one
organisation (the one already in the directory where there is one), and the offers and
shipments point at it; the texts and the donor type go. A donor's type becomes the
organisation's kind; a carrier's kind is not known, so "other"."""

import django.db.models.deletion
from django.db import migrations, models

from pobratym.directory.models import key_of

# donor type: the organisation's kind
KINDS = {
    "department": "administration",
    "company": "company",
    "ngo": "civil_society",
    "municipal_subsidiary": "municipal_subsidiary",
    "private": "private_person",
}
TYPES = {kind: donor_type for donor_type, kind in KINDS.items()}
UNNAMED = "?"


class Directory:
    """The organisations of the partnership's cities by name key, made where missing."""

    def __init__(self, apps):
        self.model = apps.get_model("directory", "Organisation")
        self.found = {}

    def known(self, partnership_id, side_id, name):
        key = (partnership_id, side_id, key_of(name) or UNNAMED)
        if key not in self.found:
            existing = (
                self.model.objects.filter(
                    partnership_id=partnership_id, side_id=side_id, name_key=key[2]
                )
                .order_by("pk")
                .first()
            )
            self.found[key] = existing.pk if existing is not None else None
        return self.found[key]

    def of(self, record, side_id, name, kind):
        found = self.known(record.partnership_id, side_id, name)
        if found is None:
            name = " ".join((name or "").split()) or UNNAMED
            found = self.model.objects.create(
                partnership_id=record.partnership_id,
                side_id=side_id,
                name=name,
                name_key=key_of(name),
                kind=kind,
                language=record.language,
                created_by_id=record.created_by_id,
            ).pk
            self.found[record.partnership_id, side_id, key_of(name)] = found
        return found


def _immediate(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # PostgreSQL alters no table with checks still pending from these updates.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    directory = Directory(apps)
    Offer = apps.get_model("aid", "Offer")
    Shipment = apps.get_model("aid", "Shipment")
    offers = list(Offer.objects.order_by("created_at", "pk"))
    for offer in offers:
        kind = KINDS.get(offer.donor_type, "other")
        offer.organisation_id = directory.of(offer, offer.side_id, offer.donor, kind)
    Offer.objects.bulk_update(offers, ["organisation"], batch_size=500)
    shipments = list(Shipment.objects.exclude(carrier="").order_by("created_at", "pk"))
    for shipment in shipments:
        shipment.carrier_organisation_id = directory.of(
            shipment, shipment.side_id, shipment.carrier, "other"
        )
    Shipment.objects.bulk_update(shipments, ["carrier_organisation"], batch_size=500)
    # The history names the same organisations where they are still named today.
    for model, text, field in (
        ("HistoricalOffer", "donor", "organisation_id"),
        ("HistoricalShipment", "carrier", "carrier_organisation_id"),
    ):
        rows = list(apps.get_model("aid", model).objects.exclude(**{text: ""}))
        for row in rows:
            setattr(row, field, directory.known(row.partnership_id, row.side_id, getattr(row, text)))
        apps.get_model("aid", model).objects.bulk_update(
            rows, [field.removesuffix("_id")], batch_size=500
        )
    _immediate(schema_editor)


def backwards(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    names = dict(Organisation.objects.values_list("pk", "name"))
    kinds = dict(Organisation.objects.values_list("pk", "kind"))
    for model, field, text in (
        ("Offer", "organisation_id", "donor"),
        ("HistoricalOffer", "organisation_id", "donor"),
        ("Shipment", "carrier_organisation_id", "carrier"),
        ("HistoricalShipment", "carrier_organisation_id", "carrier"),
    ):
        rows = list(apps.get_model("aid", model).objects.all())
        for row in rows:
            organisation = getattr(row, field)
            setattr(row, text, names.get(organisation, ""))
            if text == "donor":
                row.donor_type = TYPES.get(kinds.get(organisation), "company")
        fields = [text, "donor_type"] if text == "donor" else [text]
        apps.get_model("aid", model).objects.bulk_update(rows, fields, batch_size=500)
    _immediate(schema_editor)


def _historical(verbose_name):
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="directory.organisation",
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("aid", "0007_revision"),
        ("directory", "0003_organisation_name_key"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="offer", name="offer_donor_type"),
        migrations.AddField(
            model_name="offer",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offers",
                to="directory.organisation",
                verbose_name="donor",
            ),
        ),
        migrations.AddField(
            model_name="historicaloffer", name="organisation", field=_historical("donor")
        ),
        migrations.AddField(
            model_name="shipment",
            name="carrier_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="shipments_carried",
                to="directory.organisation",
                verbose_name="carrier",
            ),
        ),
        migrations.AddField(
            model_name="historicalshipment",
            name="carrier_organisation",
            field=_historical("carrier"),
        ),
        migrations.RunPython(forwards, backwards),
        # With a default, the texts can come back empty when this is undone, then be filled.
        *(
            migrations.AlterField(
                model_name=model,
                name=name,
                field=models.CharField(default="", max_length=max_length, verbose_name=label),
            )
            for model in ("offer", "historicaloffer")
            for name, max_length, label in (
                ("donor", 300, "donor"),
                ("donor_type", 30, "type of donor"),
            )
        ),
        migrations.RemoveField(model_name="offer", name="donor"),
        migrations.RemoveField(model_name="offer", name="donor_type"),
        migrations.RemoveField(model_name="historicaloffer", name="donor"),
        migrations.RemoveField(model_name="historicaloffer", name="donor_type"),
        migrations.RemoveField(model_name="shipment", name="carrier"),
        migrations.RemoveField(model_name="historicalshipment", name="carrier"),
        migrations.RenameField(model_name="offer", old_name="organisation", new_name="donor"),
        migrations.RenameField(
            model_name="historicaloffer", old_name="organisation", new_name="donor"
        ),
        migrations.RenameField(
            model_name="shipment", old_name="carrier_organisation", new_name="carrier"
        ),
        migrations.RenameField(
            model_name="historicalshipment", old_name="carrier_organisation", new_name="carrier"
        ),
        migrations.AlterField(
            model_name="offer",
            name="donor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offers",
                to="directory.organisation",
                verbose_name="donor",
            ),
        ),
    ]
