"""The agreement pages in the browser: list, agreement and version, accessible in every
language; one full-page screenshot of the agreement for people to look at."""

from pathlib import Path

import pytest

from tests.browser.helpers import ROOT_DIR, SLUG, assert_accessible, html_lang, start_signed_in

SCREENSHOT = ROOT_DIR / "var" / "screenshots" / "agreement.png"

TEXTS = {
    "de": (
        "Vereinbarung über eine Solidaritätspartnerschaft",
        "Die Stadt Dortmund und die Stadt Schytomyr vereinbaren eine "
        "Solidaritätspartnerschaft.\n\nSchwerpunkt ist die humanitäre Hilfe.",
    ),
    "uk": (
        "Угода про партнерство солідарності",
        "Місто Дортмунд і місто Житомир домовляються про партнерство солідарності."
        "\n\nНапрям співпраці: гуманітарна допомога.",
    ),
    "en": (
        "Agreement on a solidarity partnership",
        "The cities of Dortmund and Zhytomyr agree on a solidarity partnership."
        "\n\nIts focus is humanitarian aid.",
    ),
}


def _agreement(demo):
    """The demo's agreement, or one made here as the coordinators would make it."""
    from pobratym.accounts.models import User
    from pobratym.agreements.models import Agreement
    from pobratym.agreements.services import agreements as services
    from pobratym.partnerships.models import Partnership

    agreement = Agreement.objects.filter(partnership__slug=SLUG).order_by("created_at").first()
    if agreement is not None:
        return agreement
    coordinator = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
    agreement = services.agreement_create(
        partnership=Partnership.objects.get(slug=SLUG),
        by=coordinator,
        kind="solidarity",
        title="Solidarity partnership Dortmund–Zhytomyr",
        texts=TEXTS,
        notice_period_days=180,
        notice_rules="Each side may end the partnership by a letter to the other side.",
    )
    services.version_propose(version=agreement.versions.get(), by=coordinator)
    return agreement


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_agreement_pages_are_accessible(demo, page, site, language):
    from pobratym.agreements.models import VersionText

    agreement = _agreement(demo)
    start_signed_in(page, site, demo.demo_email("coordinator", "dortmund"))
    base = f"/{language}/partnerships/{SLUG}/agreements/"

    page.goto(site(base))
    assert html_lang(page) == language
    # Named by its text's title in the reader's language where it has one.
    title = (
        VersionText.objects.filter(version__agreement=agreement, language=language)
        .order_by("-version__number")
        .values_list("title", flat=True)
        .first()
        or agreement.title
    )
    assert page.get_by_role("link", name=title).is_visible()
    assert_accessible(page, f"agreement list ({language})")

    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{base}{agreement.pk}/")
    assert page.locator(f"article.document[lang={language}]").count() == 1
    assert_accessible(page, f"agreement ({language})")
    if language == "en":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        assert Path(SCREENSHOT).stat().st_size > 0

    page.goto(site(f"{base}{agreement.pk}/versions/1/"))
    assert_accessible(page, f"version ({language})")

    page.goto(site(f"{base}new/"))
    assert page.locator("fieldset legend").count() == 3
    assert_accessible(page, f"new agreement ({language})")
