"""A need carried from Zhytomyr to a confirmed delivery in the browser, each person in their
own browser and language: posted (after a refused negative quantity), offered for (once, though
sent twice), pledged, packed and shipped with a bilingual packing list, received with a surplus,
and the surplus settled."""

import io
import re
from decimal import Decimal

from django.utils import translation

from tests.browser.helpers import SLUG, assert_accessible, html_lang, start_signed_in

AID = f"/partnerships/{SLUG}/aid"
GENERATOR = "Генератор 30 кВт"
EXTENSION = "Подовжувач"
TITLE = "Генератори для лікарні №2"
ADDRESS = "вул. Тестова, 17, корпус Б"
DONOR = "Stadtwerke Dortmund Testspende"
SURPLUS_NOTE = "Ein Generator zusätzlich, bleibt als Spende in Schytomyr."


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def _person(new_context, site, demo, role: str, city: str):
    page = new_context().new_page()
    start_signed_in(page, site, demo.demo_email(role, city))
    return page


def _open(page, site, language: str, path: str):
    response = page.goto(site(f"/{language}{AID}{path}"))
    assert response.status == 200, f"{path}: {response.status}"
    assert html_lang(page) == language
    return response


def _send(page, button) -> int:
    """Click a submit button and return the status of the page it leads to (after redirects)."""
    with page.expect_navigation() as navigation:
        button.click()
    page.wait_for_load_state()
    return navigation.value.status


def _main(page) -> str:
    return page.locator("main").inner_text()


def _negative_quantity_error() -> str:
    from pobratym.aid.forms.needs import NeedLineForm

    with translation.override("uk"):
        form = NeedLineForm(data={"item": GENERATOR, "quantity": "-2", "unit": "piece"})
        message = str(form.errors["quantity"][0])
    assert re.search("[а-яіїєґ]", message, re.IGNORECASE), message  # translated, not English
    return message


def _post_need(page, site) -> int:
    """Zhytomyr's office posts the need; a negative quantity is refused first, in Ukrainian,
    on a page that passes axe. Returns the need's id."""
    _open(page, site, "uk", "/needs/new/")
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    form.locator("select[name=kind]").select_option("equipment")
    form.locator("select[name=sector]").select_option("energy")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("select[name=priority]").select_option("urgent")
    form.locator("input[name=institution]").fill("КНП «Лікарня №2»")
    form.locator("select[name=institution_type]").select_option("hospital")
    form.locator("input[name=area]").fill("Житомир, Богунський район")
    form.locator("input[name=address]").fill(ADDRESS)
    form.locator("input[name='lines-0-item']").fill(GENERATOR)
    form.locator("input[name='lines-0-quantity']").fill("-2")
    form.locator("select[name='lines-0-unit']").select_option("piece")
    form.locator("input[name='lines-1-item']").fill(EXTENSION)
    form.locator("input[name='lines-1-quantity']").fill("10")
    form.locator("select[name='lines-1-unit']").select_option("piece")
    # The browser would refuse -2 itself (min on the number input); the server must too.
    form.evaluate("form => form.setAttribute('novalidate', '')")
    post = form.locator("button[type=submit]:not([name])")

    assert _send(page, post) == 400
    assert _negative_quantity_error() in _main(page)
    assert html_lang(page) == "uk"
    assert_accessible(page, "need form with a negative quantity (uk)")

    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    assert form.locator("input[name=address]").input_value() == ADDRESS  # kept while corrected
    form.locator("input[name='lines-0-quantity']").fill("2")
    assert _send(page, form.locator("button[type=submit]:not([name])")) == 200
    match = re.search(r"/needs/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def _offer_generator(page, site, need_id: int) -> None:
    """Dortmund's partner, who may not see the exact address, offers the two generators of
    the need, and the same form reaches the server twice."""
    _open(page, site, "de", f"/needs/{need_id}/")
    assert ADDRESS not in page.content()
    page.locator(f"main a[href*='/offers/new/?need={need_id}']").click()
    page.wait_for_load_state()
    # The donor is not in the directory yet: named here, it is added to it.
    form = page.locator("main form").filter(has=page.locator("input[name=donor_name]"))
    form.locator("input[name=donor_name]").fill(DONOR)
    form.locator("select[name=donor_kind]").select_option("municipal_subsidiary")
    # The form offers what is outstanding, line by line: keep the generators, drop the rest.
    assert form.locator("input[name='lines-0-item']").input_value() == GENERATOR
    assert form.locator("input[name='lines-0-quantity']").input_value() == "2"
    form.locator("input[name='lines-0-estimated_value']").fill("9800")
    assert form.locator("input[name='lines-1-item']").input_value() == EXTENSION
    form.locator("input[name='lines-1-item']").fill("")
    form.locator("input[name='lines-1-quantity']").fill("")
    form.locator("select[name='lines-1-unit']").select_option("")
    form.locator("select[name='lines-1-need_line']").select_option("")
    with page.expect_request(lambda request: request.method == "POST") as sent:
        assert _send(page, form.locator("button[type=submit]:not([name])")) == 200
    assert re.search(r"/offers/\d+/$", page.url), page.url
    assert ADDRESS not in page.content()

    # The same form sent again, byte for byte (a retry after a lost answer, a double click):
    # the offer made the first time is shown, no second one is made. (Going back in the
    # browser is no such retry: Chromium fetches the form anew, with a new key.)
    again = page.request.post(
        sent.value.url,
        data=sent.value.post_data_buffer,
        headers={"Content-Type": sent.value.headers["content-type"]},
    )
    assert again.ok, again.status
    assert again.url == page.url


def _confirm_pledge(page, site, need_id: int) -> None:
    _open(page, site, "uk", f"/needs/{need_id}/")
    row = page.locator("main table tbody tr").filter(has_text=DONOR)
    assert row.count() == 1
    assert row.locator("input[name=quantity]").input_value() == "2"
    assert _send(page, row.get_by_role("button")) == 200
    assert page.url.endswith(f"/needs/{need_id}/"), page.url


def _status_shown(page) -> str:
    return page.locator("main p.status strong").inner_text().strip().lower()


def _ship(page, site) -> int:
    """Dortmund's office plans a shipment, adds a pallet, loads the pledge onto it and
    records it in transit. Returns the shipment's id."""
    _open(page, site, "de", "/shipments/new/")
    form = page.locator("main form").filter(has=page.locator("input[name=carrier_name]"))
    form.locator("input[name=reference]").fill("DO-ZT-TEST-1")
    form.locator("input[name=carrier_name]").fill("Spedition Test GmbH")
    form.locator("select[name=carrier_kind]").select_option("company")
    assert _send(page, form.get_by_role("button", name=re.compile("Planen|Plan"))) == 200
    match = re.search(r"/shipments/(\d+)/$", page.url)
    assert match, page.url

    add = page.locator("main form[action$='/packages/']")
    add.locator("select[name=kind]").select_option("pallet")
    add.locator("input[name=gross_weight]").fill("420")
    add.locator("input[name=volume]").fill("1.2")
    assert _send(page, add.locator("button.kern-btn--primary[type=submit]")) == 200

    row = page.locator("main table tbody tr").filter(has=page.locator("select[name=package]"))
    row = row.filter(has_text=GENERATOR)
    assert row.count() == 1
    assert row.locator("input[name=quantity]").input_value() == "2"
    row.locator("select[name=package]").select_option(index=1)
    assert _send(page, row.get_by_role("button")) == 200

    stage = page.locator("main form[action$='/stages/']")
    stage.locator("select[name=status]").select_option("in_transit")
    assert _send(page, stage.locator("button[type=submit]")) == 200
    return int(match.group(1))


def _packing_list_text(page, site) -> str:
    from pypdf import PdfReader

    href = page.locator("main a[href$='/packing-list.pdf']").get_attribute("href")
    response = page.request.get(site(href))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return "\n".join(page_.extract_text() for page_ in reader.pages)


def _receive_with_surplus(page, site, shipment_id: int) -> None:
    _open(page, site, "uk", f"/shipments/{shipment_id}/")
    page.locator("main a[href$='/receipt/new/']").click()
    page.wait_for_load_state()
    form = page.locator("main form").filter(has=page.locator("input[name=received_by]"))
    form.locator("input[name=number]").fill("ПН-17")
    form.locator("input[name=received_by]").fill("Олена Коваль, завгосп лікарні")
    quantity = form.locator("input[name$='-quantity']")
    assert quantity.count() == 1
    assert quantity.input_value() == "2"
    quantity.fill("3")
    assert _send(page, form.locator("button[type=submit]")) == 200
    assert page.url.endswith(f"/shipments/{shipment_id}/receipt/"), page.url


def test_a_need_from_posting_to_a_settled_surplus(demo, new_context, site):
    from pobratym.aid import selectors
    from pobratym.aid.documents import LABELS
    from pobratym.aid.models import (
        NeedStatus,
        Offer,
        Pledge,
        ReceiptLine,
        Shipment,
        ShipmentStatus,
    )

    zhytomyr_staff = _person(new_context, site, demo, "staff", "zhytomyr")
    need_id = _post_need(zhytomyr_staff, site)
    assert _status_shown(zhytomyr_staff) == _in("uk", NeedStatus.OPEN.label).lower()
    assert ADDRESS in _main(zhytomyr_staff)
    assert GENERATOR in _main(zhytomyr_staff)

    partner = _person(new_context, site, demo, "partner", "dortmund")
    _offer_generator(partner, site, need_id)
    assert Offer.objects.filter(need_id=need_id).count() == 1
    offer = Offer.objects.get(need_id=need_id)
    assert offer.donor.name == DONOR
    assert [(line.item, line.quantity) for line in offer.lines.all()] == [(GENERATOR, 2)]

    coordinator = _person(new_context, site, demo, "coordinator", "zhytomyr")
    _confirm_pledge(coordinator, site, need_id)
    assert _status_shown(coordinator) == _in("uk", NeedStatus.PARTLY_COVERED.label).lower()
    assert Pledge.objects.filter(offer_line__offer=offer).count() == 1

    dortmund_staff = _person(new_context, site, demo, "staff", "dortmund")
    shipment_id = _ship(dortmund_staff, site)
    assert Shipment.objects.get(pk=shipment_id).status == "in_transit"
    shown = dortmund_staff.locator("main dl dd").first.inner_text().strip().lower()
    assert shown == _in("de", ShipmentStatus.IN_TRANSIT.label).lower()
    packing_list = _packing_list_text(dortmund_staff, site)
    assert _in("de", LABELS["packing_list"]) in packing_list
    assert _in("uk", LABELS["packing_list"]) in packing_list
    assert GENERATOR in packing_list
    assert ADDRESS not in packing_list

    _receive_with_surplus(zhytomyr_staff, site, shipment_id)
    surplus = _in("uk", selectors.DISCREPANCY_KINDS["surplus"])
    row = zhytomyr_staff.locator("main table tbody tr").filter(has_text=GENERATOR).first
    assert surplus in row.inner_text()
    assert "+1" in row.inner_text()
    _open(zhytomyr_staff, site, "uk", "/discrepancies/")
    assert GENERATOR in _main(zhytomyr_staff)
    line = ReceiptLine.objects.get(shipment_line__shipment_id=shipment_id)
    assert line.quantity == Decimal(3)
    assert line.resolved_at is None

    _open(dortmund_staff, site, "de", "/discrepancies/")
    row = dortmund_staff.locator("main table tbody tr").filter(has_text=GENERATOR)
    assert row.count() == 1
    row.locator("textarea[name=resolution]").fill(SURPLUS_NOTE)
    assert _send(dortmund_staff, row.locator("button[type=submit]")) == 200
    assert dortmund_staff.url.endswith(f"{AID}/discrepancies/"), dortmund_staff.url
    assert GENERATOR not in _main(dortmund_staff)
    line.refresh_from_db()
    assert line.resolved_at is not None
    assert line.resolution == SURPLUS_NOTE
