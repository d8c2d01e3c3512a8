"""The API token pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three languages
and no horizontal scrolling on a 390 px phone, for the list with its form, the answer that
shows a new token once, and the question before revoking it."""

import pytest

from tests.browser.helpers import PHONE, axe_violations, format_violations, start_signed_in

TOKENS = "/account/api-tokens/"


def _look(page, label, viewport, found, too_wide):
    if viewport is PHONE:
        if (width := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"]:
            too_wide.append(f"{label}: {width} px")
    elif violations := axe_violations(page):
        found[label] = violations


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_token_pages_pass_axe_and_fit_a_phone(demo, new_context, site, language):
    found, too_wide = {}, []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = new_context(viewport=viewport).new_page()
        start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
        assert page.goto(site(f"/{language}{TOKENS}")).status == 200
        _look(page, f"tokens ({language})", viewport, found, too_wide)

        page.fill("#id_name", "Звіт для міської ради")
        page.locator("main form [type=submit]").click()
        page.wait_for_load_state()
        secret = page.locator("#new-token").input_value()
        assert len(secret) >= 40
        _look(page, f"new token ({language})", viewport, found, too_wide)

        revoke = page.locator("a[href*='/revoke/']").first.get_attribute("href")
        assert page.goto(site(revoke)).status == 200
        _look(page, f"revoke ({language})", viewport, found, too_wide)
    assert not found, "\n".join(f"{k}:\n{format_violations(v)}" for k, v in found.items())
    assert not too_wide, "horizontal scrolling at 390 px:\n" + "\n".join(too_wide)
