"""axe-core (WCAG 2.1 A and AA) on every page, signed out and signed in, in all languages."""

import re

import pytest

from tests.browser.helpers import (
    SLUG,
    answer_second_factor,
    axe_violations,
    format_violations,
    html_lang,
    submit_login,
)

SIGNED_IN_PAGES = [
    ("partnership list", "/partnerships/"),
    ("dashboard", f"/partnerships/{SLUG}/"),
    ("members", f"/partnerships/{SLUG}/members/"),
    ("focus areas", f"/partnerships/{SLUG}/focus-areas/"),
    ("edit", f"/partnerships/{SLUG}/edit/"),
    ("history", f"/partnerships/{SLUG}/history/"),
    ("profile", "/account/profile/"),
    ("404 (signed in)", "/partnerships/no-such-partnership/"),
]

FOCUS_AREA_NAME_INDEX = {"de": 1, "uk": 2, "en": 3}  # positions in demo.FOCUS_AREAS


@pytest.fixture
def invitation_token(demo):
    from pobratym.accounts.models import User
    from pobratym.partnerships import services
    from pobratym.partnerships.models import Side

    coordinator = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
    side = Side.objects.get(partnership__slug=SLUG, city__name_en="Dortmund")
    invitation = services.invitation_create(
        side=side, email="invited.person@example.org", role="partner", by=coordinator
    )
    return invitation.token


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_page_passes_axe(demo, page, site, language, invitation_token):
    found = {}

    def check(label, path=None):
        if path is not None:
            page.goto(site(f"/{language}{path}"))
        assert html_lang(page) == language, f"{label}: html lang is {html_lang(page)!r}"
        violations = axe_violations(page)
        if violations:
            found[label] = violations

    check("login", "/accounts/login/")
    check("password reset", "/accounts/password/reset/")
    check("404 (signed out)", "/no-such-page/")
    check("invitation (new account)", f"/invitations/{invitation_token}/")

    # A coordinator sees every page, including focus areas and edit; the second factor
    # is asked for on its own page.
    page.goto(site(f"/{language}/accounts/login/"))
    submit_login(page, demo.demo_email("coordinator", "dortmund"))
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    check("two-factor code")
    answer_second_factor(page)
    assert "/accounts/" not in page.url, page.url

    for label, path in SIGNED_IN_PAGES:
        check(label, path)
        if label == "focus areas":
            # Each "Remove" (a link to its confirmation) names its focus area, for those who
            # cannot see the row; the aid section's menu link has the same words alone.
            name = demo.FOCUS_AREAS[0][FOCUS_AREA_NAME_INDEX[language]]
            named = re.compile(rf"\W\s*{re.escape(name)}$")
            assert page.get_by_role("link", name=named).count() == 1
    check("invitation (signed in)", f"/invitations/{invitation_token}/")

    report = "\n".join(
        f"{label} (/{language}/):\n{format_violations(violations)}"
        for label, violations in found.items()
    )
    if report:
        print(report)
    assert not found, f"axe found violations:\n{report}"
