"""The start page in the browser for a visitor; what a signed-in person finds there, My work,
is walked role by role in test_work_journeys.py."""

from tests.browser.helpers import assert_accessible, html_lang


def test_visitor_gets_the_start_page_with_a_sign_in_link(demo, page, site):
    page.goto(site("/de/"))

    assert html_lang(page) == "de"
    assert page.locator("main").get_by_text("Dortmund – Schytomyr").is_visible()
    assert page.locator("main a[href='/de/accounts/login/']").count() == 1
    assert_accessible(page, "start page (de)")
