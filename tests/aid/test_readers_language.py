"""Offers, shipments and goods received notes in the reader's language: written in Zhytomyr in
Ukrainian or in Dortmund in German, machine-translated by the task worker through a (fake)
LibreTranslate, read on the other side in its language with the mark and the original one
click away; the papers name each item in both languages, and the exports give each text as
written and in the reader's language (HXL: in every language)."""

import csv
import io
import uuid
from decimal import Decimal
from itertools import islice

import hxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from pobratym.aid import services
from pobratym.translation.models import Translation
from tests.aid.factories import need_post, offer_make
from tests.downloads import body
from tests.factories import member_create
from tests.translation.fake_servers import (  # noqa: F401
    fake_translation,
    libretranslate_server,
)

pytestmark = pytest.mark.django_db

NOTE = "Генератори можна забрати у Житомирі, склад відкритий з 8 до 17 години."
ITEM = "Генератор 5 кВт"
GERMAN_ITEM = "Verbandskasten nach DIN 13157"
ROUTE = "Житомир – Рава-Руська – Дортмунд"
RECEIPT_NOTE = "Вантаж прибув з запізненням на один день, пломби цілі."
REMARK = "Дві коробки пошкоджені водою під час перевантаження."


@pytest.fixture
def people(partnership):
    return {
        "dortmund": member_create(partnership, "coordinator", 1, language="de").user,
        "zhytomyr": member_create(partnership, "coordinator", 2, language="uk").user,
    }


@pytest.fixture
def translated(libretranslate_server, settings, django_capture_on_commit_callbacks, run_worker):  # noqa: F811
    """Run `make()` with its commit callbacks (the translations are queued), then the worker."""
    libretranslate_server.use_in(settings)

    def run(make):
        with django_capture_on_commit_callbacks(execute=True):
            record = make()
        run_worker()
        return record

    return run


def page(client, name: str, *args, language: str = "de") -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def machine_mark(html: str) -> bool:
    return "aschinelle Übersetzung" in html


def test_a_german_reader_sees_a_ukrainian_offer_translated_with_its_original(
    partnership, people, translated, client_of
):
    offer = translated(
        lambda: offer_make(
            partnership,
            people["zhytomyr"],
            donor="Житомирська міська рада",
            note=NOTE,
            lines=[{"item": ITEM, "quantity": Decimal(2), "unit": "piece"}],
        )
    )
    assert offer.language == "uk" and offer.lines.get().language == "uk"

    german = page(client_of(people["dortmund"]), "aid:offer_detail", partnership.slug, offer.pk)

    assert fake_translation(NOTE, "de") in german
    assert fake_translation(ITEM, "de") in german
    assert machine_mark(german)
    assert f'<p lang="uk">{NOTE}</p>' in german, "the original one click away"
    assert f'<p lang="uk">{ITEM}</p>' in german
    ukrainian = page(
        client_of(people["zhytomyr"]), "aid:offer_detail", partnership.slug, offer.pk, language="uk"
    )
    assert NOTE in ukrainian and fake_translation(NOTE, "uk") not in ukrainian


def test_the_offers_list_names_the_need_in_the_readers_language(
    partnership, people, translated, client_of
):
    need = translated(
        lambda: need_post(
            partnership,
            people["zhytomyr"],
            title="Генератори для лікарні",
            lines=[{"item": ITEM, "quantity": Decimal(2), "unit": "piece"}],
        )
    )
    offer_make(
        partnership,
        people["dortmund"],
        need=need,
        language="de",
        lines=[{"item": ITEM, "quantity": Decimal(1), "unit": "piece"}],
    )

    german = page(client_of(people["dortmund"]), "aid:offer_list", partnership.slug)

    assert fake_translation("Генератори для лікарні", "de") in german


def _shipment(partnership, people, **fields):
    return services.shipment_create(
        partnership=partnership,
        by=people["zhytomyr"],
        idempotency_key=uuid.uuid4(),
        reference="ЖТ-2026-3",
        carrier_name="ТОВ Укрперевіз",
        carrier_kind="company",
        route=ROUTE,
        note=NOTE,
        **fields,
    )


def test_a_german_reader_sees_a_ukrainian_shipment_translated_with_its_original(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _shipment(partnership, people))
    assert shipment.language == "uk"

    german = page(
        client_of(people["dortmund"]), "aid:shipment_detail", partnership.slug, shipment.pk
    )

    assert fake_translation(ROUTE, "de") in german
    assert fake_translation(NOTE, "de") in german
    assert machine_mark(german)
    assert f'<p lang="uk">{ROUTE}</p>' in german
    assert "translations/aid.shipment/" in german, "the link to correct it by hand"


def test_a_stages_note_is_read_in_the_other_language_and_corrected_on_the_shipments_page(
    partnership, people, translated, client_of
):
    """A delay at the border written in German reaches Zhytomyr in Ukrainian; the note is part
    of the shipment's translation page."""
    delay = "Sechs Stunden Wartezeit an der Grenze in Rava-Ruska."
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))
    translated(
        lambda: services.shipment_advance(
            shipment=shipment, by=people["dortmund"], status="at_border", note=delay
        )
    )

    ukrainian = page(
        client_of(people["zhytomyr"]),
        "aid:shipment_detail",
        partnership.slug,
        shipment.pk,
        language="uk",
    )
    assert fake_translation(delay, "uk") in ukrainian
    assert f'<div lang="de"><p>{delay}</p>' in ukrainian, "the original one click away"
    assert "(німецька)" in ukrainian, "a language named inside a sentence, in lower case"
    with translation.override("uk"):
        edit = reverse("translation:edit", args=["aid.shipment", shipment.pk])
    assert delay in client_of(people["zhytomyr"]).get(edit).content.decode()


def _loaded_in_dortmund(partnership, people):
    """A Ukrainian need, a German offer answering it, pledged and loaded on a German
    shipment that has left."""
    dortmund, zhytomyr = people["dortmund"], people["zhytomyr"]
    need = need_post(
        partnership,
        zhytomyr,
        title="Аптечки для шкіл Житомира",
        institution="Управління освіти",
        area="Житомир",
        lines=[{"item": "Аптечка першої допомоги", "quantity": Decimal(20), "unit": "box"}],
    )
    offer = offer_make(
        partnership,
        dortmund,
        need=need,
        language="de",
        lines=[{"item": GERMAN_ITEM, "quantity": Decimal(20), "unit": "box"}],
    )
    pledge = services.pledge_confirm(
        offer_line=offer.lines.get(), need_line=need.lines.get(), quantity=Decimal(20), by=zhytomyr
    )
    shipment = services.shipment_create(
        partnership=partnership,
        by=dortmund,
        idempotency_key=uuid.uuid4(),
        language="de",
        reference="CMR-2026-40",
        route="Dortmund – Rava-Ruska – Schytomyr",
    )
    services.shipment_line_set(shipment=shipment, by=dortmund, pledge=pledge, quantity=20)
    return services.shipment_advance(shipment=shipment, by=dortmund, status="in_transit")


def test_the_shipment_page_shows_items_and_needs_in_the_readers_language(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))

    ukrainian = page(
        client_of(people["zhytomyr"]),
        "aid:shipment_detail",
        partnership.slug,
        shipment.pk,
        language="uk",
    )
    german = page(
        client_of(people["dortmund"]), "aid:shipment_detail", partnership.slug, shipment.pk
    )

    assert fake_translation(GERMAN_ITEM, "uk") in ukrainian
    assert fake_translation("Аптечки для шкіл Житомира", "de") in german
    assert fake_translation("Управління освіти", "de") in german


def test_the_packing_list_names_each_item_in_german_and_ukrainian(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))
    with translation.override("de"):
        url = reverse("aid:shipment_pdf", args=[partnership.slug, shipment.pk, "packing-list"])

    response = client_of(people["dortmund"]).get(url)

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert GERMAN_ITEM in text
    assert fake_translation(GERMAN_ITEM, "uk") in text
    assert fake_translation(GERMAN_ITEM, "en") not in text, "German and Ukrainian only"
    waybill = client_of(people["dortmund"]).get(url.replace("packing-list", "waybill"))
    reader = PdfReader(io.BytesIO(waybill.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert fake_translation("Dortmund – Rava-Ruska – Schytomyr", "uk") in text


def _received_in_zhytomyr(shipment, by, state="damaged", remark=REMARK):
    line = shipment.lines.get()
    return services.receipt_record(
        shipment=shipment,
        by=by,
        lines={line.pk: {"quantity": Decimal(18), "state": state, "remark": remark}},
        number="ПН-40",
        received_on=timezone.localdate(),
        received_by="Олена Коваленко, комірник",
        note=RECEIPT_NOTE,
    )


def test_a_goods_received_note_is_read_by_the_sending_side_in_its_language(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))
    receipt = translated(lambda: _received_in_zhytomyr(shipment, people["zhytomyr"]))
    assert receipt.language == "uk" and receipt.lines.get().language == "uk"
    client = client_of(people["dortmund"])

    german = page(client, "aid:receipt_detail", partnership.slug, shipment.pk)
    discrepancies = page(client, "aid:discrepancy_list", partnership.slug)
    resolve = page(client, "aid:discrepancy_resolve", partnership.slug, receipt.lines.get().pk)

    assert fake_translation(RECEIPT_NOTE, "de") in german
    assert fake_translation(REMARK, "de") in german
    assert machine_mark(german)
    assert f'<p lang="uk">{RECEIPT_NOTE}</p>' in german
    assert f"translations/aid.goodsreceivednote/{receipt.pk}/" in german
    assert fake_translation(GERMAN_ITEM, "de") not in german, "German stays as written"
    assert GERMAN_ITEM in german
    assert fake_translation(REMARK, "de") in discrepancies
    assert fake_translation(REMARK, "de") in resolve


def test_the_goods_received_note_is_translated_by_hand_on_its_own_page(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))
    receipt = translated(lambda: _received_in_zhytomyr(shipment, people["zhytomyr"]))
    with translation.override("de"):
        url = reverse(
            "translation:edit", kwargs={"label": "aid.goodsreceivednote", "pk": receipt.pk}
        )
    client = client_of(people["dortmund"])
    form = client.get(url)
    assert form.status_code == 200
    assert RECEIPT_NOTE in form.content.decode() and REMARK in form.content.decode()
    shown = form.context["form"]
    sent = {name: shown[name].value() or "" for name in shown.fields}

    response = client.post(url, {**sent, "1-remark": "Zwei Kartons nass geworden"})

    assert response.status_code == 302
    german = page(client, "aid:receipt_detail", partnership.slug, shipment.pk)
    assert "Zwei Kartons nass geworden" in german
    assert "bersetzt von" in german


def test_a_settlement_is_translated_and_takes_its_language_on_a_line_without_remark(
    partnership, people, translated, client_of
):
    shipment = translated(lambda: _loaded_in_dortmund(partnership, people))
    receipt = translated(lambda: _received_in_zhytomyr(shipment, people["zhytomyr"], remark=""))
    line = receipt.lines.get()
    settlement = "Die fehlenden zwei Kartons werden mit der nächsten Lieferung nachgeschickt."

    line = translated(
        lambda: services.discrepancy_resolve(
            line=line, by=people["dortmund"], resolution=settlement
        )
    )

    assert line.language == "de"
    ukrainian = page(
        client_of(people["zhytomyr"]),
        "aid:receipt_detail",
        partnership.slug,
        shipment.pk,
        language="uk",
    )
    assert fake_translation(settlement, "uk") in ukrainian
    assert Translation.objects.filter(field="resolution", language="en").exists()


TITLE = "Генератори для міської лікарні"


def _ukrainian_need(partnership, people, title=TITLE):
    return need_post(
        partnership,
        people["zhytomyr"],
        title=title,
        lines=[{"item": ITEM, "quantity": Decimal(2), "unit": "piece"}],
    )


def _sheet(response) -> list[dict]:
    assert response.status_code == 200
    headers, *rows = load_workbook(io.BytesIO(body(response))).worksheets[0].values
    return [dict(zip(headers, row, strict=True)) for row in rows]


def test_exports_give_the_original_and_the_readers_language_side_by_side(
    partnership, people, translated, client_of
):
    need = translated(lambda: _ukrainian_need(partnership, people))
    translated(
        lambda: offer_make(
            partnership,
            people["dortmund"],
            need=need,
            language="de",
            lines=[{"item": GERMAN_ITEM, "quantity": Decimal(1), "unit": "piece"}],
        )
    )
    translated(lambda: _shipment(partnership, people))
    client = client_of(people["dortmund"])

    def export(name):
        with translation.override("en"):
            return _sheet(client.get(reverse(f"aid:{name}", args=[partnership.slug])))

    (line,) = export("need_export")
    (offer_line,) = export("offer_export")
    (shipment,) = export("shipment_export")

    assert (line["Title"], line["Title (English)"]) == (TITLE, fake_translation(TITLE, "en"))
    assert (line["Item"], line["Item (English)"]) == (ITEM, fake_translation(ITEM, "en"))
    assert line["Specification (English)"] in ("", None), "nothing typed, nothing translated"
    assert offer_line["Item"] == GERMAN_ITEM
    assert offer_line["Item (English)"] == fake_translation(GERMAN_ITEM, "en")
    assert offer_line["Title (English)"] == fake_translation(TITLE, "en")
    assert (shipment["Route"], shipment["Route (English)"]) == (
        ROUTE,
        fake_translation(ROUTE, "en"),
    )


def test_the_hxl_export_gives_titles_and_items_per_language(
    partnership, people, translated, tmp_path
):
    need = translated(lambda: _ukrainian_need(partnership, people))
    services.need_publish(need=need, by=people["zhytomyr"], public=True)
    later = _ukrainian_need(partnership, people, title="Ковдри для школи")  # not translated yet
    services.need_publish(need=later, by=people["zhytomyr"], public=True)
    text = body(Client().get(f"/api/v1/partnerships/{partnership.slug}/aid.hxl.csv"))
    path = tmp_path / "aid.hxl.csv"
    path.write_bytes(text)

    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    translated_row, untranslated_row = list(dataset)

    hashtags = next(islice(csv.reader(io.StringIO(text.decode())), 1, 2))
    for language in ("uk", "de", "en"):
        assert f"#meta+title+i_{language}" in hashtags
        assert f"#item+name+i_{language}" in hashtags
    assert translated_row.get("#meta+title") == TITLE, "as written"
    assert translated_row.get("#meta+title+i_uk") == TITLE, "the original in its language"
    assert translated_row.get("#meta+title+i_de") == fake_translation(TITLE, "de")
    assert translated_row.get("#item+name+i_en") == fake_translation(ITEM, "en")
    assert untranslated_row.get("#meta+title+i_uk") == "Ковдри для школи"
    assert not untranslated_row.get("#meta+title+i_de"), "empty where there is none"
    assert hxl.data(str(path), hxl.InputOptions(allow_local=True)).validate()
