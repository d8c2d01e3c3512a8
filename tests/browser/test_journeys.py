"""What people do on Pobratym, seen through the browser: sign in, read, switch language, invite."""

import re

from tests.browser.helpers import (
    SLUG,
    assert_accessible,
    html_lang,
    sign_in,
    sign_out,
    start_signed_in,
)


def test_staff_signs_in_and_lands_on_my_work_in_own_language(demo, page, site):
    # The browser asks for English; Andrii's saved preference is Ukrainian.
    page.goto(site("/en/accounts/login/"))
    sign_in(page, site, demo.demo_email("staff", "zhytomyr"), start=False)

    assert re.search(r"/uk/$", page.url), page.url
    assert html_lang(page) == "uk"
    assert page.locator("main li", has_text="Дортмунд – Житомир").first.is_visible()


def test_start_page_follows_the_saved_language_after_sign_in(demo, page, site):
    page.goto(site("/en/accounts/login/"))
    sign_in(page, site, demo.demo_email("staff", "zhytomyr"), start=False)

    page.goto(site("/"))
    assert re.search(r"/uk/$", page.url), page.url
    assert html_lang(page) == "uk"
    assert page.locator("main li", has_text="Дортмунд – Житомир").first.is_visible()


def test_dashboard_shows_both_cities_and_focus_areas(demo, page, site):
    start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
    page.goto(site("/uk/partnerships/"))
    page.get_by_role("link", name="Дортмунд – Житомир").click()

    assert page.url.endswith(f"/uk/partnerships/{SLUG}/")
    cities = page.locator("#cities-heading + ul")
    assert cities.get_by_role("heading", name="Дортмунд").is_visible()
    assert cities.get_by_role("heading", name="Житомир").is_visible()
    focus_areas = page.locator("#focus-heading + ul li").all_inner_texts()
    assert len(focus_areas) == len(demo.FOCUS_AREAS)
    assert "Гуманітарна допомога" in focus_areas
    assert "Культурний обмін" in focus_areas


def test_language_switch_keeps_the_page_and_is_remembered(demo, page, site):
    start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
    page.goto(site(f"/uk/partnerships/{SLUG}/"))
    assert html_lang(page) == "uk"

    switcher = page.locator("header form.language-switcher")
    switcher.get_by_role("combobox").select_option(label="Deutsch")
    switcher.get_by_role("button").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/de/partnerships/{SLUG}/"), page.url
    assert html_lang(page) == "de"
    cities = page.locator("#cities-heading + ul")
    assert cities.get_by_role("heading", name="Schytomyr").is_visible()
    assert "Humanitäre Hilfe" in page.locator("#focus-heading + ul li").all_inner_texts()

    sign_out(page)
    assert page.locator(".main-nav a[href*='/accounts/login/']").is_visible()
    assert not page.locator(".main-nav form[action*='logout']").count()

    # After a new sign-in from the English login page, the start page is German.
    sign_in(page, site, demo.demo_email("staff", "zhytomyr"), language="en")
    page.goto(site("/"))
    assert re.search(r"/de/$", page.url), page.url
    assert html_lang(page) == "de"
    assert page.locator("main li", has_text="Dortmund – Schytomyr").first.is_visible()


def test_sign_in_lands_in_the_language_chosen_with_the_switcher(demo, page, site):
    start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
    page.goto(site("/uk/"))
    switcher = page.locator("header form.language-switcher")
    switcher.get_by_role("combobox").select_option(label="Deutsch")
    switcher.get_by_role("button").click()
    page.wait_for_load_state()
    sign_out(page)

    sign_in(page, site, demo.demo_email("staff", "zhytomyr"), language="en")
    assert re.search(r"/de/$", page.url), page.url
    assert html_lang(page) == "de"


def test_coordinator_with_second_factor_sends_an_invitation(demo, page, site):
    from pobratym.partnerships.models import Invitation

    start_signed_in(page, site, demo.demo_email("coordinator", "dortmund"))
    page.goto(site(f"/en/partnerships/{SLUG}/"))
    page.locator("nav.sub-nav").get_by_role("link", name="Members").click()
    assert page.url.endswith(f"/en/partnerships/{SLUG}/members/")
    assert page.get_by_role("cell", name="Anna Becker (you)").is_visible()

    form = page.locator("main form.form").filter(has=page.get_by_label("E-mail address"))
    form.get_by_label("E-mail address").fill("new.colleague@example.org")
    form.get_by_label("Role").select_option("partner")
    form.get_by_label("Language of the invitation").select_option("de")
    form.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/en/partnerships/{SLUG}/members/")
    message = page.locator(".messages .message-success")
    assert message.inner_text() == "An invitation was sent to new.colleague@example.org."
    assert page.locator("main ul.plain").get_by_text("new.colleague@example.org").is_visible()
    invitation = Invitation.objects.get(email="new.colleague@example.org")
    assert invitation.side.city.name_en == "Dortmund"
    assert invitation.language == "de"
    assert_accessible(page, "members page with a success message")
