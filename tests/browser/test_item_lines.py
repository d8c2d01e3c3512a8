"""Item lines of the need form added and removed in place with htmx (self-hosted, allowed by
the Content-Security-Policy), and the need posted with the lines left."""

import re

from playwright.sync_api import expect

from pobratym.aid.models import Need
from tests.browser.helpers import DESKTOP, SLUG, sign_in

NEW_NEED = f"/en/partnerships/{SLUG}/aid/needs/new/"


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
        sign_in(page, site, demo.demo_email("coordinator", "zhytomyr"))
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
        expect(form.locator("input[name='lines-4-item']")).to_be_focused()
        assert page.url == site(NEW_NEED)  # in place: the page was not sent
        _line(form, 3, "Stove")
        _line(form, 4, "Lamp")

        form.get_by_role("button", name=re.compile(r"^Remove\W+Item line 4$")).click()
        expect(lines).to_have_count(4)
        assert form.locator("input[name='lines-0-item']").input_value() == "Tent"
        assert form.locator("input[name='lines-3-item']").input_value() == "Lamp"

        form.get_by_role("button", name="Post the need").click()
        page.wait_for_url("**/needs/*/")
        need = Need.objects.get(title="Camping kit for the shelter")
        assert sorted(need.lines.values_list("item", flat=True)) == ["Lamp", "Tent"]
        assert not [text for text in refused if "Content Security Policy" in text]
    finally:
        context.close()
