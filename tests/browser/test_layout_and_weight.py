"""The dashboard on a phone, its weight on the wire, and a screenshot for the README."""

import shutil

from tests.browser.helpers import PHONE, ROOT_DIR, SLUG, assert_accessible, start_signed_in

BUDGET_BYTES = 200 * 1024
SCREENSHOT = ROOT_DIR / "var" / "screenshots" / "dashboard.png"
README_SCREENSHOT = ROOT_DIR / "docs" / "screenshot.png"


def test_dashboard_fits_a_phone_and_the_main_navigation_is_reachable(demo, new_context, site):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))

    for path in (f"/uk/partnerships/{SLUG}/", f"/uk/partnerships/{SLUG}/members/"):
        page.goto(site(path))
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], f"horizontal scroll on {path}: {widths}"
        assert_accessible(page, f"{path} on a phone")

    page.goto(site(f"/uk/partnerships/{SLUG}/"))
    nav = page.locator("header nav.main-nav")
    links = nav.get_by_role("link")
    # My work, my partnerships, unread messages (the demo has some for this person), my account.
    assert links.count() == 4
    for link in [*links.all(), nav.get_by_role("button")]:
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"], f"{link} lies outside the screen"

    # Reachable by keyboard: tabbing from the top (skip link, brand) reaches the navigation.
    profile_link = nav.locator("a[href$='/account/profile/']")
    for _ in range(8):
        page.keyboard.press("Tab")
        if profile_link.evaluate("link => link === document.activeElement"):
            break
    else:
        raise AssertionError("the main navigation is not reachable with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url("**/uk/account/profile/")

    # And by touch.
    nav.locator("a[href$='/partnerships/']").first.tap()
    page.wait_for_url("**/uk/partnerships/")


def test_first_load_of_the_dashboard_stays_under_200_kb(demo, new_context, site):
    page = new_context().new_page()  # a fresh context: an empty cache
    start_signed_in(page, site, demo.demo_email("staff", "zhytomyr"))
    bodies = {}

    def remember(response):
        try:
            bodies[response.url] = len(response.body())
        except Exception:  # redirects have no body
            bodies.setdefault(response.url, 0)

    page.on("response", remember)
    page.goto(site(f"/en/partnerships/{SLUG}/"), wait_until="networkidle")
    assert page.url.endswith(f"/en/partnerships/{SLUG}/")
    assert any(url.endswith(".css") for url in bodies), bodies
    # KERN-UX (our subset) is loaded, its web fonts are not: the system font stack stands in.
    assert any(url.endswith("/vendor/kern/kern.min.css") for url in bodies), bodies
    assert not any(url.endswith((".woff", ".woff2", ".ttf")) for url in bodies), bodies

    transferred = page.evaluate(
        """() => performance.getEntriesByType('navigation')
            .concat(performance.getEntriesByType('resource'))
            .reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize), 0)"""
    )
    body_total = sum(bodies.values())
    print(
        f"\ndashboard first load: {len(bodies)} responses, {body_total} bytes of bodies, "
        f"{transferred} bytes transferred (Performance API)"
    )
    for url, size in sorted(bodies.items(), key=lambda item: -item[1]):
        print(f"  {size:>8}  {url}")
    assert body_total < BUDGET_BYTES
    assert transferred < BUDGET_BYTES


def test_screenshot_of_the_dashboard(demo, page, site):
    start_signed_in(page, site, demo.demo_email("staff", "dortmund"))
    page.goto(site(f"/en/partnerships/{SLUG}/"))
    assert page.get_by_role("heading", name="Focus areas", exact=True).is_visible()

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    if not README_SCREENSHOT.exists():
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCREENSHOT, README_SCREENSHOT)


def test_records_print_without_navigation_forms_or_buttons(demo, page, site):
    """A goods received note, a need and an agreement print as the record alone."""
    from pobratym.agreements.models import Agreement
    from pobratym.aid.models import Need, Shipment

    received = Shipment.objects.get(status="receipt_confirmed")
    need = Need.objects.get(institution_type="hospital")
    agreement = Agreement.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    base = f"/en/partnerships/{SLUG}"
    start_signed_in(page, site, demo.demo_email("coordinator", "zhytomyr"))
    page.emulate_media(media="print")
    for path in (
        f"{base}/aid/shipments/{received.pk}/receipt/",
        f"{base}/aid/needs/{need.pk}/",
        f"{base}/agreements/{agreement.pk}/",
    ):
        page.goto(site(path))
        assert page.locator("main h1").is_visible(), path
        for selector in ("header", "nav", "form", "button", ".kern-btn", "footer"):
            shown = [item for item in page.locator(selector).all() if item.is_visible()]
            assert not shown, f"{selector} is printed on {path}"
