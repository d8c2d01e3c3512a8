"""The register of official letters in the browser: a coordinator finds the founding letter
of 3 June 2022 and reads it; every page passes axe-core in every language."""

import pytest

from tests.browser.helpers import SLUG, assert_accessible, html_lang, start_signed_in


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_coordinator_finds_and_reads_the_founding_letter(demo, page, site, language):
    start_signed_in(page, site, demo.demo_email("coordinator", "dortmund"))
    page.goto(site(f"/{language}/partnerships/{SLUG}/"))

    page.locator(".sub-nav a[href$='/letters/']").click()
    page.wait_for_load_state()
    assert html_lang(page) == language
    assert page.locator("table tbody tr").count() == 2  # outgoing in Zhytomyr, incoming here
    assert_accessible(page, f"letters ({language})")

    page.locator("details.filters summary").click()  # the filters are folded away
    page.locator("#id_number").fill("1915")
    page.locator("form[role=search] [type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "0.01-30" in rows.first.inner_text()
    assert_accessible(page, f"letters, searched ({language})")

    rows.first.get_by_role("link", name="31/1915").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Сергій Сухомлин" in main
    assert "Thomas Westphal" in main
    # 14:53 in Kyiv, shown in the Dortmund coordinator's time zone.
    registered = page.locator("main dd time").first.get_attribute("datetime")
    assert registered == "2022-06-03T13:53:00+02:00"
    assert {"de": "Berliner Zeit", "uk": "за берлінським часом", "en": "Berlin time"}[
        language
    ] in main
    assert "Europe/Berlin" not in main
    assert_accessible(page, f"founding letter ({language})")

    page.goto(site(f"/{language}/partnerships/{SLUG}/letters/new/"))
    assert page.locator("input[type=datetime-local]").count() == 1
    assert_accessible(page, f"register a letter ({language})")
