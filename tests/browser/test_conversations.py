"""Conversations in the browser: the Dortmund coordinator opens the demo thread about the
draft agreement, starts a thread and posts a reply; every page passes axe-core in every
language."""

import pytest

from tests.browser.helpers import SLUG, assert_accessible, html_lang, start_signed_in


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_coordinator_starts_a_thread_and_replies(demo, page, site, language):
    start_signed_in(page, site, demo.demo_email("coordinator", "dortmund"))
    page.goto(site(f"/{language}/partnerships/{SLUG}/"))

    page.locator(".sub-nav a[href$='/conversations/']").click()
    page.wait_for_load_state()
    assert html_lang(page) == language
    assert page.locator("table tbody tr").count() == 1  # the demo thread
    assert_accessible(page, f"threads ({language})")

    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    assert page.locator("li.card").count() == 3
    assert page.locator("details").count() >= 3
    assert_accessible(page, f"demo thread ({language})")

    page.goto(site(f"/{language}/partnerships/{SLUG}/conversations/"))
    form = page.locator("#new-thread-heading ~ form")
    form.locator("#id_subject").fill("Jugendbegegnung 2025")
    form.locator("#id_body").fill("Wir planen eine **Jugendbegegnung** im Sommer.")
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Jugendbegegnung 2025")
    assert page.locator(".message-body strong").inner_text() == "Jugendbegegnung"
    assert_accessible(page, f"new thread ({language})")

    page.locator("#id_body").fill("Und im Herbst ein Fachaustausch.")
    page.locator("#reply-heading ~ form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("li.card").count() == 2
    assert "Fachaustausch" in page.locator("main").inner_text()
    assert_accessible(page, f"after the reply ({language})")
