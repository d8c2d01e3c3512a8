"""My work in the browser: a person starts at their language's home, sees what awaits them
and reaches the page to act in one click."""

from tests.browser.helpers import SLUG, assert_accessible, html_lang, sign_in


def test_zhytomyr_coordinator_goes_from_my_work_to_the_offer_to_decide(demo, page, site):
    from pobratym.aid.models import Offer

    offer = Offer.objects.get(partnership__slug=SLUG, status="open", need__isnull=True)
    sign_in(page, site, demo.demo_email("coordinator", "zhytomyr"), language="uk")

    page.goto(site("/uk/"))
    assert html_lang(page) == "uk"
    work = page.locator("main ul").first
    assert work.get_by_role("link", name=offer.donor).count() == 1
    assert_accessible(page, "My work (uk)")
    count = page.locator("main ul > li").count()
    assert page.locator(".main-nav").get_by_text(f"({count})").is_visible()

    work.get_by_role("link", name=offer.donor).click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/uk/partnerships/{SLUG}/aid/offers/{offer.pk}/"), page.url
    assert page.locator(f"form[action$='/offers/{offer.pk}/decide/']").count() >= 1


def test_dortmund_signatory_goes_from_my_work_to_the_signature_form(demo, page, site):
    from pobratym.accounts.models import User
    from pobratym.agreements.models import Agreement
    from pobratym.agreements.services import agreements as services

    agreement = Agreement.objects.get(partnership__slug=SLUG, kind="solidarity")
    coordinator = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
    services.version_propose(version=agreement.versions.get(number=1), by=coordinator)
    sign_in(page, site, demo.demo_email("signatory", "dortmund"), language="de")

    page.goto(site("/de/"))
    assert html_lang(page) == "de"
    item = page.locator("main ul > li").filter(has=page.locator("a[href$='/sign/']"))
    assert item.count() == 1
    assert_accessible(page, "My work (de)")

    item.get_by_role("link").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/de/partnerships/{SLUG}/agreements/{agreement.pk}/sign/"), page.url
    assert page.locator("main form input[name=fingerprint]").count() == 1


def test_visitor_gets_the_start_page_with_a_sign_in_link(demo, page, site):
    page.goto(site("/de/"))

    assert html_lang(page) == "de"
    assert page.locator("main").get_by_text("Dortmund – Schytomyr").is_visible()
    assert page.locator("main a[href='/de/accounts/login/']").count() == 1
    assert_accessible(page, "start page (de)")
