"""The council report pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three
languages as Zhytomyr's coordinator, and no horizontal scrolling on a 390 px phone: the
reports with the form asking for one, a report being made (its progress bar), a ready one
(its downloads) and a failed one (its notice and the button to try again)."""

import uuid

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone

REPORTS = f"/partnerships/{SLUG}/projects/reports"


def _pages() -> list[tuple[str, str]]:
    from pobratym.accounts.models import User
    from pobratym.partnerships.demo import demo_email
    from pobratym.partnerships.models import Partnership
    from pobratym.projects import services
    from pobratym.projects.models import Report
    from pobratym.projects.reports.tasks import report_build

    partnership = Partnership.objects.get(slug=SLUG)
    coordinator = User.objects.get(email=demo_email("coordinator", "zhytomyr"))

    def ask(year: int) -> Report:
        return services.report_request(
            partnership=partnership,
            by=coordinator,
            idempotency_key=uuid.uuid4(),
            year=year,
            language="uk",
        )

    ready, waiting, failed = ask(2025), ask(2024), ask(2023)
    report_build(report_id=ready.pk)
    Report.objects.filter(pk=waiting.pk).update(status="running", progress=40)
    Report.objects.filter(pk=failed.pk).update(status="failed", error="OSError")
    return [
        ("council reports", f"{REPORTS}/"),
        ("report being made", f"{REPORTS}/{waiting.pk}/"),
        ("ready report", f"{REPORTS}/{ready.pk}/"),
        ("failed report", f"{REPORTS}/{failed.pk}/"),
    ]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_report_page_passes_axe_and_fits_a_phone(
    demo, new_context, site, language, monkeypatch
):
    # The page being made reloads itself; not while axe reads it.
    monkeypatch.setattr("pobratym.projects.views.reports.REFRESH_SECONDS", 600)
    email = demo.demo_email("coordinator", "zhytomyr")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, _pages())
