"""The public portal in a real browser: the start page and the demo partnership's portal, as a
visitor, pass axe-core (WCAG 2.1 A and AA) in German, Ukrainian and English, need no
horizontal scrolling on a 390 px phone, read fully without JavaScript and load in under 300 KB
with every asset; the members' news pages pass axe and fit a phone for Dortmund's
coordinator."""

import pytest

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    SLUG,
    assert_accessible,
    assert_pages_pass_axe_and_fit_a_phone,
)

BUDGET_BYTES = 300 * 1024
VISITOR_PAGES = (("start page", "/"), ("portal", f"/p/{SLUG}/"))


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_public_pages_pass_axe_and_fit_a_phone(demo, new_context, site, language):
    for viewport in (DESKTOP, PHONE):
        page = new_context(viewport=viewport).new_page()
        for label, path in VISITOR_PAGES:
            response = page.goto(site(f"/{language}{path}"))
            assert response.status == 200, label
            assert page.locator("html").get_attribute("lang") == language
            if viewport is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"{label}: {width} px"
            else:
                assert_accessible(page, f"{label} ({language})")


def test_the_portal_reads_without_javascript_in_under_300_kb(demo, new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    bodies = {}

    def remember(response):
        try:
            bodies[response.url] = len(response.body())
        except Exception:  # redirects have no body
            bodies.setdefault(response.url, 0)

    page.on("response", remember)
    page.goto(site(f"/en/p/{SLUG}/"), wait_until="networkidle")
    for heading in ("Aid in figures", "Projects", "Events", "News", "How to help"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    assert page.get_by_text("Generators for the water utility arrived in Zhytomyr").is_visible()
    assert not any(url.endswith(".js") for url in bodies), bodies
    assert sum(bodies.values()) < BUDGET_BYTES, bodies


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_news_pages_pass_axe_and_fit_a_phone(demo, new_context, site, language):
    from pobratym.portal.models import NewsPost

    post = NewsPost.objects.filter(partnership__slug=SLUG).latest("posted_on")
    news = f"/partnerships/{SLUG}/news"
    pages = [
        ("news", f"{news}/"),
        ("write a post", f"{news}/new/"),
        ("correct a post", f"{news}/{post.pk}/edit/"),
    ]
    email = demo.demo_email("coordinator", "dortmund")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, pages)
