"""Events on the partnership's overview: events added in recent activity and the next events
in their panel, for members only."""

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role
from tests.exchanges.factories import event_add, wall_clock

pytestmark = pytest.mark.django_db


def test_the_overview_names_new_and_upcoming_events(partnership, event, office, cast, client_of):
    event_add(
        partnership, office, title="Last year", starts_at=wall_clock(-400), ends_at=wall_clock(-399)
    )
    page = client_of(cast[(Role.OBSERVER, 2)]).get(
        reverse("partnerships:dashboard", args=[partnership.slug])
    )
    assert page.status_code == 200
    assert "Event added" in page.text
    assert "Upcoming events" in page.text
    panel = page.text.split("events-heading", 1)[1].split("</section>", 1)[0]
    assert reverse("exchanges:event_detail", args=[partnership.slug, event.pk]) in panel
    assert "Last year" not in panel
