"""A need's kind no longer repeats its sector (aid 0006): needs filed under the old kinds keep
what they meant, as a form of help and a sector."""

import pytest

from tests.aid.factories import need_post
from tests.conversations.test_migrations import migrate

pytestmark = pytest.mark.django_db(transaction=True)


def test_old_kinds_become_a_form_of_help_and_keep_their_sector(partnership, receiver):
    from pobratym.aid.models import Need

    hospital = need_post(partnership, receiver, title="Dressings", sector="other")
    works = need_post(partnership, receiver, title="Generator", sector="wash")
    try:
        old = migrate([("aid", "0005_shipment_event_language")])
        OldNeed = old.get_model("aid", "Need")
        OldNeed.objects.filter(pk=hospital.pk).update(kind="medical")
        OldNeed.objects.filter(pk=works.pk).update(kind="energy")
    finally:
        migrate()

    hospital.refresh_from_db()
    works.refresh_from_db()
    assert (hospital.kind, hospital.sector) == ("goods", "health")
    assert (works.kind, works.sector) == ("equipment", "wash")
    assert {kind for kind, _ in Need._meta.get_field("kind").choices}.isdisjoint(
        {sector for sector, _ in Need._meta.get_field("sector").choices}
    )


def test_donor_and_carrier_texts_become_one_organisation_each(partnership, receiver, donor):
    """aid 0008: each distinct donor or carrier, per city and name as compared by `key_of`,
    is one organisation of the directory (the one there already, where there is one), with the
    kind its donor type meant; the texts go, the history points at the same organisations."""
    from pobratym.aid.models import Offer, Shipment
    from pobratym.directory.models import Organisation
    from tests.aid.factories import offer_make
    from tests.aid.shipment_factories import shipment_plan

    offers = [offer_make(partnership, donor) for _index in range(5)]
    clinic = offers[0].donor
    shipments = [shipment_plan(partnership, donor) for _index in range(3)]
    try:
        old = migrate([("aid", "0007_revision")])
        OldOffer, OldShipment = old.get_model("aid", "Offer"), old.get_model("aid", "Shipment")
        texts = [
            (" klinikum  DORTMUND", "municipal_subsidiary"),  # the one in the directory
            ("Apotheke am Markt", "ngo"),
            ("apotheke am markt ", "company"),  # the same pharmacy: the first type counts
            ("Olena Kovalenko", "private"),
            ("Feuerwehr Dortmund", "department"),
        ]
        for offer, (name, donor_type) in zip(offers, texts, strict=True):
            OldOffer.objects.filter(pk=offer.pk).update(donor=name, donor_type=donor_type)
        for shipment, carrier in zip(shipments, ["Nova Poshta", "NOVA POSHTA", ""], strict=True):
            OldShipment.objects.filter(pk=shipment.pk).update(carrier=carrier)
    finally:
        migrate()

    donors = [Offer.objects.get(pk=offer.pk).donor for offer in offers]
    assert donors[0] == clinic
    assert donors[1] == donors[2] != clinic
    assert (donors[1].name, donors[1].kind, donors[1].side_id) == (
        "Apotheke am Markt",
        "civil_society",
        offers[0].side_id,
    )
    assert donors[1].created_by == donor and donors[1].name_key == "apotheke am markt"
    assert [organisation.kind for organisation in donors[3:]] == [
        "private_person",
        "administration",
    ]
    carriers = [Shipment.objects.get(pk=shipment.pk).carrier for shipment in shipments]
    assert carriers[0] == carriers[1] and carriers[2] is None
    assert (carriers[0].name, carriers[0].kind) == ("Nova Poshta", "other")
    assert Organisation.objects.filter(partnership=partnership, name_key="nova poshta").count() == 1
    # The history names whom each row named then: the text changed only in the live row here.
    assert Offer.history.filter(id=offers[1].pk).earliest().donor_id == clinic.pk
