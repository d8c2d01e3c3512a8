"""The demo's aid: a need trail from Zhytomyr's request to a confirmed delivery, loaded as
often as wanted without doubling anything."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.aid.models import (
    GoodsReceivedNote,
    Need,
    Offer,
    Pledge,
    ReceiptLine,
    Shipment,
    ShipmentLine,
)
from pobratym.aid.selectors import need_list
from pobratym.partnerships import demo
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import shown

pytestmark = pytest.mark.django_db

MODELS = (Need, Offer, Pledge, Shipment, ShipmentLine, GoodsReceivedNote, ReceiptLine)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_aid_is_loaded_once_and_tells_the_whole_story():
    call_command("demo", stdout=StringIO())
    first = _counts()
    call_command("demo", stdout=StringIO())
    assert _counts() == first
    assert first["Need"] == 4 and first["Shipment"] == 2 and first["GoodsReceivedNote"] == 1

    partnership = Partnership.objects.get(slug=demo.SLUG)
    coordinator = partnership.memberships.get(user__email="coordinator.zhytomyr@example.org").user
    statuses = {
        need.institution_type: need.status
        for need in need_list(viewer=coordinator, partnership=partnership)
    }
    assert statuses == {
        "hospital": "partly_covered",  # gloves: 120 of 200 pledged
        "utility": "covered",
        "school": "open",
        "civil_protection": "open",
    }
    statuses = dict(Shipment.objects.values_list("reference", "status"))
    assert statuses == {"DO-ZT-2026-014": "receipt_confirmed", "": "packing"}
    damaged = ReceiptLine.objects.exclude(state="intact").get()
    assert damaged.shipment_line.pledge.offer_line.offer.donor.name.startswith("Klinikum")
    assert Need.objects.filter(critical_infrastructure=True, public=True).count() == 0


def test_demo_aid_reads_in_each_language_translated_by_the_coordinators():
    call_command("demo", stdout=StringIO())

    need = Need.objects.get(institution_type="hospital")
    german = shown(need, "title", "de")
    assert german.text == "Verbandmaterial für das Städtische Krankenhaus Nr. 1"
    assert german.original_language == "uk"
    assert german.translation.translated_by.email == "coordinator.dortmund@example.org"
    english = shown(need.lines.get(item__startswith="Рукавички"), "item", "en")
    assert english.text == "Surgical gloves, size 7.5"
    assert english.translation.translated_by.email == "coordinator.zhytomyr@example.org"
    fire_engine = shown(Offer.objects.get(donor__name__startswith="Feuerwehr"), "note", "uk")
    assert fire_engine.text == "Вживаний, перевірений; з оснащенням."
    assert fire_engine.translation.translated_by.email == "coordinator.zhytomyr@example.org"
    damaged = ReceiptLine.objects.exclude(state="intact").get()
    assert shown(damaged, "remark", "de").text == "8 Kartons sind beim Umladen nass geworden."
