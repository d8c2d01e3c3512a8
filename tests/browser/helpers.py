"""What the browser tests share: signing in and out, and the axe-core check."""

import json
import re
import time
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SLUG = "dortmund-zhytomyr"


def submit_login(page, email: str, password: str | None = None) -> None:
    """Fill in and send the login form the page shows."""
    from pobratym.partnerships import demo

    form = page.locator("main form").filter(has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password or demo.PASSWORD)
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state()


def answer_second_factor(page) -> None:
    """Enter the current TOTP code of the demo secret on the two-factor page.

    allauth accepts a code once per person and only within its period, so a code refused
    (used by an earlier sign-in, or expired on its way) is answered again in the next period.
    """
    from pobratym.partnerships import demo

    for attempt in range(2):
        if attempt:
            time.sleep(demo.TOTP_PERIOD - time.time() % demo.TOTP_PERIOD + 0.5)
        form = page.locator("main form").filter(has=page.locator("input[name=code]"))
        form.locator("input[name=code]").fill(demo.demo_totp_code())
        form.locator("[type=submit]").first.click()
        page.wait_for_load_state()
        if "/2fa/authenticate/" not in page.url:
            return


def sign_in(page, site, email: str, *, language: str = "en", start: bool = True) -> None:
    """Sign in through the real forms, answering the two-factor question when asked.

    With start=False the page already shows the login form.
    """
    if start:
        page.goto(site(f"/{language}/accounts/login/"))
    submit_login(page, email)
    if "/accounts/2fa/authenticate/" in page.url:
        answer_second_factor(page)
    assert "/accounts/login/" not in page.url, f"sign-in of {email} failed on {page.url}"
    assert "/2fa/authenticate/" not in page.url, f"second factor of {email} failed"


def start_signed_in(page, site, email: str) -> None:
    """Give the page's browser context a session of `email` made on the server, as signing in
    through the forms makes it (with the second factor answered for those who have one), so
    the page opens any address signed in. Only the tests of signing in itself use `sign_in`:
    the forms cost each test several pages, and a person signing in twice by the form waits
    up to half a minute for the next two-factor code (allauth takes each code once)."""
    from django.conf import settings
    from django.test import Client

    from pobratym.accounts.models import User
    from tests.factories import sign_in as sign_in_client

    client = Client()
    sign_in_client(client, User.objects.get(email=email))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site("/")}]
    )


def sign_out(page):
    page.locator(".main-nav form[action*='logout'] [type=submit]").click()
    page.wait_for_load_state()
    # allauth may ask to confirm when JavaScript-free sign-out lands on its page.
    if re.search(r"/accounts/logout/", page.url):
        page.locator("main form [type=submit]").first.click()
        page.wait_for_load_state()


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang") or ""


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the current page; return its violations.

    Every rule runs and every violating node is reported; `resultTypes` spares axe collecting
    each passing node's details, and only the violations come back from the browser (the
    passes of a long page took most of a check's time)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
                   .then(result => result.violations)""",
        AXE_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page, label: str = "") -> None:
    violations = axe_violations(page)
    report = format_violations(violations)
    if violations:
        print(f"axe violations on {label or page.url}:\n{report}")
    assert not violations, f"axe violations on {label or page.url}:\n{report}"


def assert_pages_pass_axe_and_fit_a_phone(new_context, site, email: str, language: str, pages):
    """Each of `pages` ((label, path without the language)) as `email` in `language`: axe-core
    finds nothing on a wide screen, and a 390 px phone needs no horizontal scrolling.

    The wide screen and the phone are fresh contexts, each with its own session."""
    found, too_wide = {}, []
    for viewport in (DESKTOP, PHONE):
        page = new_context(viewport=viewport).new_page()
        start_signed_in(page, site, email)
        for label, path in pages:
            response = page.goto(site(f"/{language}{path}"))
            assert response.status == 200, f"{label}: {response.status}"
            if viewport is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide.append(f"{label}: {width} px")
            elif violations := axe_violations(page):
                found[label] = violations
    assert not found, "\n".join(f"{k}:\n{format_violations(v)}" for k, v in found.items())
    assert not too_wide, "horizontal scrolling at 390 px:\n" + "\n".join(too_wide)
