"""Item lines of the need and package forms added and removed in place with htmx (self-hosted,
allowed by the Content-Security-Policy), keyboard focus following, and the need posted or the
package added with the lines left."""

import re

from playwright.sync_api import expect

from pobratym.accounts.models import User
from pobratym.aid import services
from pobratym.aid.models import Need, Shipment
from tests.browser.helpers import DESKTOP, SLUG, start_signed_in

NEW_NEED = f"/en/partnerships/{SLUG}/aid/needs/new/"


def _remove(form, number: int) -> None:
    form.get_by_role("button", name=re.compile(rf"^Remove\W+Item line {number}$")).click()


def _focused(page, name: str) -> None:
    """The element with keyboard focus (document.activeElement) is the field or button
    `name`; waits for htmx to settle first."""
    page.wait_for_function("name => document.activeElement?.name === name", arg=name)
    assert page.evaluate("document.activeElement.name") == name


def _line(form, index: int, item: str) -> None:
    form.locator(f"input[name='lines-{index}-item']").fill(item)
    form.locator(f"input[name='lines-{index}-quantity']").fill("2")
    form.locator(f"select[name='lines-{index}-unit']").select_option("piece")


def test_two_lines_added_one_removed_and_the_need_has_the_lines_left(demo, browser, site):
    context = browser.new_context(viewport=DESKTOP, locale="en-US")  # with the CSP enforced
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text))
        start_signed_in(page, site, demo.demo_email("coordinator", "zhytomyr"))
        page.goto(site(NEW_NEED))
        form = page.locator("main form").filter(has=page.locator("input[name=title]"))
        form.locator("select[name=kind]").select_option("goods")
        form.locator("select[name=sector]").select_option("health")
        form.locator("input[name=title]").fill("Camping kit for the shelter")
        form.locator("select[name=priority]").select_option("urgent")
        form.locator("input[name=institution]").fill("Shelter No. 3")
        form.locator("select[name=institution_type]").select_option("hospital")
        form.locator("input[name=area]").fill("Zhytomyr")
        _line(form, 0, "Tent")
        lines = form.locator("fieldset.item-line")
        assert lines.count() == 3

        add = form.get_by_role("button", name="Add a line")
        add.click()
        form.locator("input[name='lines-3-item']").wait_for()
        add.click()
        form.locator("input[name='lines-4-item']").wait_for()
        expect(lines).to_have_count(5)  # one line each (without JavaScript: three more at once)
        _focused(page, "lines-4-item")  # the new line's first field
        assert page.url == site(NEW_NEED)  # in place: the page was not sent
        _line(form, 3, "Stove")
        _line(form, 4, "Lamp")

        _remove(form, 4)
        expect(lines).to_have_count(4)
        assert form.locator("input[name='lines-0-item']").input_value() == "Tent"
        assert form.locator("input[name='lines-3-item']").input_value() == "Lamp"
        _focused(page, "lines-3-item")  # the line after the removed one, now line 4
        expect(page.locator("#item-lines-status")).to_have_text("Item line removed.")

        add.click()
        _focused(page, "lines-4-item")
        _remove(form, 5)  # no line after it: on to "Add a line"
        expect(lines).to_have_count(4)
        _focused(page, "more_lines")

        form.get_by_role("button", name="Post the need").click()
        page.wait_for_url("**/needs/*/")
        need = Need.objects.get(title="Camping kit for the shelter")
        assert sorted(need.lines.values_list("item", flat=True)) == ["Lamp", "Tent"]
        assert not [text for text in refused if "Content Security Policy" in text]
    finally:
        context.close()


def test_packing_lines_added_and_removed_in_place_and_the_package_packed(demo, browser, site):
    shipment = Shipment.objects.get(status="packing")
    pledge = shipment.lines.get().pledge
    packer = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
    services.shipment_line_set(shipment=shipment, by=packer, pledge=pledge, quantity=0)
    context = browser.new_context(viewport=DESKTOP, locale="en-US")  # with the CSP enforced
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text))
        start_signed_in(page, site, packer.email)
        address = site(f"/en/partnerships/{SLUG}/aid/shipments/{shipment.pk}/")
        page.goto(address)
        form = page.locator("main form").filter(has=page.locator("select[name=kind]"))
        form.locator("select[name=kind]").select_option("pallet")
        form.locator("select[name='lines-0-pledge']").select_option(str(pledge.pk))
        form.locator("input[name='lines-0-quantity']").fill("2")
        lines = form.locator("fieldset.item-line")
        expect(lines).to_have_count(3)

        form.get_by_role("button", name="Add a line").click()
        expect(lines).to_have_count(4)
        _focused(page, "lines-3-pledge")
        assert page.url == address  # in place: the page was not sent
        _remove(form, 4)
        expect(lines).to_have_count(3)
        _focused(page, "more_lines")
        _remove(form, 2)
        expect(lines).to_have_count(2)
        _focused(page, "lines-1-pledge")
        expect(page.locator("#item-lines-status")).to_have_text("Item line removed.")
        assert form.locator("select[name='lines-0-pledge']").input_value() == str(pledge.pk)

        form.get_by_role("button", name="Add", exact=True).click()
        page.wait_for_url(address)
        package = shipment.packages.get()
        assert [(line.pledge_id, line.quantity) for line in package.lines.all()] == [(pledge.pk, 2)]
        assert not [text for text in refused if "Content Security Policy" in text]
    finally:
        context.close()
