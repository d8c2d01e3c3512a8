"""The event pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three languages as
Dortmund's coordinator (who sees every form of the page), and no horizontal scrolling on a
390 px phone."""

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone

EVENTS = f"/partnerships/{SLUG}/events"


def _pages() -> list[tuple[str, str]]:
    from pobratym.exchanges.models import Event

    visit = Event.objects.get(partnership__slug=SLUG, kind="delegation")
    past = Event.objects.get(partnership__slug=SLUG, kind="expert_exchange")
    return [
        ("events", f"{EVENTS}/"),
        ("past events filtered", f"{EVENTS}/?when=past&kind=expert_exchange"),
        ("delegation visit", f"{EVENTS}/{visit.pk}/"),
        ("past expert exchange", f"{EVENTS}/{past.pk}/"),
        ("new event", f"{EVENTS}/new/"),
        ("edit event", f"{EVENTS}/{visit.pk}/edit/"),
    ]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_event_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    email = demo.demo_email("coordinator", "dortmund")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, _pages())
