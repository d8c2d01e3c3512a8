"""The calendar pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three languages,
no horizontal scrolling on a 390 px phone (where the month becomes a list of the days with
events), and a month to the next without JavaScript; the private address made, shown once
and revoked through the pages."""

import pytest

from tests.browser.helpers import PHONE, SLUG, axe_violations, format_violations, start_signed_in

CALENDAR = f"/partnerships/{SLUG}/calendar"


def _pages() -> list[tuple[str, str]]:
    from django.utils import timezone

    from pobratym.exchanges.models import Event

    visit = Event.objects.get(partnership__slug=SLUG, kind="delegation")
    month = timezone.localtime(visit.starts_at).strftime("%Y-%m")
    return [
        ("this month", f"{CALENDAR}/"),
        ("the visit's month", f"{CALENDAR}/?month={month}"),
        ("a month refused", f"{CALENDAR}/?month=someday"),
        ("upcoming", f"{CALENDAR}/upcoming/"),
        ("feeds", "/calendar/feeds/"),
        ("new feed (confirmation)", "/calendar/feeds/new/"),
    ]


def _check(page, site, language, pages, viewport, found, too_wide):
    for label, path in pages:
        response = page.goto(site(f"/{language}{path}"))
        assert response.status in (200, 400), f"{label}: {response.status}"
        if viewport is PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{label}: {width} px")
        elif violations := axe_violations(page):
            found[f"{label} ({language})"] = violations


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_calendar_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    pages = _pages()
    found, too_wide = {}, []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = new_context(viewport=viewport).new_page()
        start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
        _check(page, site, language, pages, viewport, found, too_wide)
        # the secret address shown once, and the question before revoking it
        page.goto(site(f"/{language}/calendar/feeds/new/"))
        page.locator("main form [type=submit]").click()
        page.wait_for_load_state()
        address = page.locator("#new-feed").input_value()
        assert "/api/v1/calendar/feeds/" in address and address.endswith(f"?lang={language}")
        if viewport is PHONE:
            if (width := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"]:
                too_wide.append(f"new address: {width} px")
        elif violations := axe_violations(page):
            found[f"new address ({language})"] = violations
        revoke = page.locator("a[href*='/revoke/']").get_attribute("href")
        revoke = "/" + revoke.split("/", 2)[2]  # without the language
        _check(page, site, language, [("revoke", revoke)], viewport, found, too_wide)
    assert not found, "\n".join(f"{k}:\n{format_violations(v)}" for k, v in found.items())
    assert not too_wide, "horizontal scrolling at 390 px:\n" + "\n".join(too_wide)


def test_the_month_on_a_phone_lists_only_the_days_with_events(demo, new_context, site):
    from django.utils import timezone

    from pobratym.exchanges.models import Event

    visit = Event.objects.get(partnership__slug=SLUG, kind="delegation")
    month = timezone.localtime(visit.starts_at).strftime("%Y-%m")
    page = new_context(viewport=PHONE).new_page()
    start_signed_in(page, site, demo.demo_email("observer", "dortmund"))

    page.goto(site(f"/de{CALENDAR}/?month={month}"))

    visible_days = page.locator("td.calendar-day:visible")
    assert visible_days.count() >= 1
    assert page.locator("td.calendar-free:visible").count() == 0
    first = visible_days.first.locator(".calendar-long")
    assert first.is_visible()  # "Dienstag, 3. Juni 2026": the full date in place of the grid


def test_the_months_turn_without_javascript(demo, new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    start_signed_in(page, site, demo.demo_email("partner", "zhytomyr"))
    page.goto(site(f"/uk{CALENDAR}/"))
    heading = page.locator("#month-heading").inner_text()

    page.locator("a[rel=next]").click()
    page.wait_for_load_state()

    assert page.locator("#month-heading").inner_text() != heading
    page.locator("a[rel=prev]").click()
    page.wait_for_load_state()
    assert page.locator("#month-heading").inner_text() == heading
    assert page.locator("[aria-current=date]").count() == 1
