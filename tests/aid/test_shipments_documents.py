"""A shipment's papers really printed with WeasyPrint and read back with pypdf: labels in
German and Ukrainian, the right quantities and totals, and no exact address."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from pobratym.aid import services
from pobratym.aid.documents import DONATION_STATEMENT
from tests.aid.shipment_factories import pledge_make, shipment_plan

pytestmark = pytest.mark.django_db

ADDRESS = "vul. Velyka Berdychivska 1"


@pytest.fixture
def shipment(partnership, team):
    """Two pallets and a loose box: 60 boxes of bandages (worth 120 EUR) on pallet 1, 10 of
    40 gloves (40 worth 100 EUR) on pallet 2, 2.5 kg of gauze loose; the needs are at a
    critical, exact address."""
    sender = team["sender"]
    shipment = shipment_plan(
        partnership,
        sender,
        reference="CMR-2026-17",
        carrier_name="Spedition Westfalen GmbH",
        vehicle="Sattelzug DO-AB 123",
        route="Dortmund – Rava-Ruska – Schytomyr",
    )
    first = services.package_add(
        shipment=shipment, by=sender, kind="pallet", gross_weight=Decimal("250.5"), volume=1
    )
    second = services.package_add(
        shipment=shipment,
        by=sender,
        kind="pallet",
        gross_weight=Decimal("100"),
        volume=Decimal("0.75"),
        marks="FRAGILE",
    )
    sensitive = {"address": ADDRESS, "critical_infrastructure": True}
    bandages = pledge_make(partnership, team, item="Bandage", donor="Klinikum Dortmund")
    gloves = pledge_make(
        partnership,
        team,
        item="Nitrile gloves",
        quantity=Decimal(40),
        value=Decimal(100),
        donor="Stadtwerke Dortmund",
        **sensitive,
    )
    gauze = pledge_make(
        partnership,
        team,
        item="Gauze",
        quantity=Decimal("2.5"),
        value=Decimal("7.5"),
        unit="kg",
        donor="Klinikum Dortmund",
    )
    for pledge, quantity, package in [
        (bandages, Decimal(60), first),
        (gloves, Decimal(10), second),
        (gauze, Decimal("2.5"), None),
    ]:
        services.shipment_line_set(
            shipment=shipment, by=sender, pledge=pledge, quantity=quantity, package=package
        )
    return shipment


def _text(client, partnership, shipment, document) -> str:
    url = reverse("aid:shipment_pdf", args=[partnership.slug, shipment.pk, document])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


DOCUMENTS = ["packing-list", "waybill", "donation-certificate"]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_paper_is_labelled_in_german_and_ukrainian(
    partnership, shipment, team, client_of, document
):
    text = _text(client_of(team["sender"]), partnership, shipment, document)

    # Labels already in the catalogues, so the languages are really there.
    for german, ukrainian in [("Artikel", "Найменування"), ("Einheit", "Одиниця")]:
        assert german in text
        assert ukrainian in text
    assert "Seite 1 von" in text
    assert "Сторінка 1 з" in text
    # Every label, whatever its catalogue says today, is printed in both languages.
    for label in ("Sender", "Consignee", "Waybill or consignment number"):
        assert _in("de", label) in text
        assert _in("uk", label) in text
    assert "CMR-2026-17" in text


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_paper_names_an_exact_address_or_critical_infrastructure(
    partnership, shipment, team, client_of, document
):
    # The receiving coordinator may see the address on the pages; the papers still omit it.
    text = _text(client_of(team["receiver"]), partnership, shipment, document)
    assert ADDRESS not in text
    assert "Velyka Berdychivska" not in text
    for language in ("en", "de", "uk"):
        assert _in(language, "critical infrastructure") not in text
    assert "City Hospital" not in text


def test_the_packing_list_gives_each_packages_contents_weights_and_totals(
    partnership, shipment, team, client_of
):
    text = _text(client_of(team["sender"]), partnership, shipment, "packing-list")

    first = text.index("Bandage")
    second = text.index("Nitrile gloves")
    loose = text.index("Gauze")
    assert first < second < loose
    assert "250,5" in text[:first]
    assert "FRAGILE" in text[first:second]
    assert "Bandage 60 Karton | коробка neu | новий Klinikum Dortmund" in text
    assert "Nitrile gloves 10 Karton | коробка" in text
    assert "Gauze 2,5 kg" in text
    # Totals: 2 packages, 350.5 kg, 1.75 m³.
    totals = text[loose:]
    assert "350,5" in totals
    assert "1,75" in totals


def test_the_waybill_names_the_city_administrations_carrier_and_goods(
    partnership, shipment, team, client_of
):
    text = _text(client_of(team["sender"]), partnership, shipment, "waybill")
    sending, receiving = (side.city for side in partnership.sides.order_by("position"))

    with translation.override("de"):
        sender = gettext("City administration of %(city)s") % {"city": sending.name_de}
        consignee = gettext("City administration of %(city)s") % {"city": receiving.name_de}
    assert sender in text
    assert consignee in text
    assert receiving.name_uk in text
    for data in ("Spedition Westfalen GmbH", "Sattelzug DO-AB 123", "Rava-Ruska", "350,5"):
        assert data in text
    assert "Bandage 60" in text
    assert "Nitrile gloves 10" in text
    assert "Gauze 2,5" in text
    assert _in("de", "Signature") in text
    assert _in("uk", "Signature") in text


def test_the_donation_certificate_values_each_donors_goods_and_states_the_donation(
    partnership, shipment, team, client_of
):
    text = _text(client_of(team["sender"]), partnership, shipment, "donation-certificate")

    klinikum = text.index("Klinikum Dortmund")
    stadtwerke = text.index("Stadtwerke Dortmund")
    # Klinikum: 60 bandages worth 120 EUR and 2.5 kg gauze worth 7.50; Stadtwerke: 10 of 40
    # gloves worth 100, so 25.
    assert "Bandage 60" in text[klinikum:stadtwerke]
    assert "Gauze 2,5" in text[klinikum:stadtwerke]
    assert "127,50 EUR" in text[klinikum:stadtwerke]
    assert "25,00 EUR" in text[stadtwerke:]
    assert "152,50 EUR" in text
    assert " ".join(DONATION_STATEMENT["de"].split()) in text
    assert " ".join(DONATION_STATEMENT["uk"].split()) in text
    assert "nicht zum Verkauf bestimmt" in text
    assert "не призначені для продажу" in text
    assert _in("de", "Place and date") in text
    assert _in("uk", "Place and date") in text


def test_an_empty_shipment_prints_its_papers_too(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"], reference="CMR-EMPTY")
    for document in DOCUMENTS:
        assert "CMR-EMPTY" in _text(client_of(team["sender"]), partnership, shipment, document)
