"""The events list, an event's page and the calendar's pages are rendered once and kept until
anything is written (core.changes.remembered_body), per person and session: as production
runs, not as the other tests do (`remembering`)."""

import pytest
from django.urls import reverse

from pobratym.exchanges import services
from pobratym.partnerships.models import Role
from tests.exchanges import people
from tests.exchanges.factories import event_add, wall_clock
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
anna, taras = people.anna, people.taras


@pytest.fixture
def url(partnership, event):
    return reverse("exchanges:event_detail", args=[partnership.slug, event.pk])


def test_an_event_page_is_read_once_while_nothing_is_written(client_of, office, url):
    again, queries = kept_read(client_of(office), url)

    assert "Youth encounter Dortmund 2026" in again
    assert "<title>Youth encounter Dortmund 2026 · " in again
    assert not read_from(queries, "exchanges_event")


def test_a_kept_event_page_shows_every_change_at_once(client_of, office, event, url):
    client = client_of(office)
    client.get(url)
    assert "No agenda yet." in page_read(client, url)[0]

    services.agenda_item_add(event=event, by=office, title="Empfang im Rathaus")

    text, _queries = page_read(client, url)
    assert "Empfang im Rathaus" in text and "No agenda yet." not in text


def test_names_kept_for_an_office_are_not_shown_to_a_member_who_sees_only_counts(
    event, anna, taras, office, cast, client_of, url
):
    people.participant_make(event, anna, office, role="head")
    people.participant_make(event, taras, office, **people.minor_fields())
    staff = client_of(cast[(Role.STAFF, 2)])
    partner = client_of(cast[(Role.PARTNER, 1)])
    for client in (staff, staff, partner, partner):
        client.get(url)  # each page is kept: the office's first

    seen_by_office, _queries = page_read(staff, url)
    seen_by_partner, queries = page_read(partner, url)

    assert "Anna Becker" in seen_by_office and "Olena Kovalenko" in seen_by_office
    assert not read_from(queries, "exchanges_event")  # the partner's page is kept too
    assert "2 people take part" in seen_by_partner
    for name in ("Anna Becker", "Тарас", "Olena"):
        assert name not in seen_by_partner


def test_the_list_is_kept_per_address(client_of, office, partnership, event):
    event_add(
        partnership,
        office,
        title="Stadtfest 2025",
        starts_at=wall_clock(-40),
        ends_at=wall_clock(-39),
    )
    client = client_of(office)
    listed = reverse("exchanges:event_list", args=[partnership.slug])
    client.get(listed)
    upcoming, _queries = page_read(client, listed)
    again, queries = page_read(client, listed)
    past, _queries = page_read(client, f"{listed}?when=past")

    assert again == upcoming and not read_from(queries, "exchanges_event")
    assert "Youth encounter Dortmund 2026" in upcoming and "Stadtfest 2025" not in upcoming
    assert "Stadtfest 2025" in past and "Youth encounter Dortmund 2026" not in past
    assert "<title>Past events · " in past


def test_the_calendar_pages_are_kept_and_show_a_new_event_at_once(
    client_of, office, partnership, event
):
    client = client_of(office)
    month = event.starts_at.strftime("%Y-%m")
    for page in (
        reverse("exchanges:calendar_month", args=[partnership.slug]) + f"?month={month}",
        reverse("exchanges:calendar_upcoming", args=[partnership.slug]),
    ):
        client.get(page)
        first, _queries = page_read(client, page)
        again, queries = page_read(client, page)
        assert again == first and "Youth encounter Dortmund 2026" in again
        assert not read_from(queries, "exchanges_event")

        added = event_add(
            partnership, office, title=f"Bürgerforum {page[-7:]}", starts_at=wall_clock(30, 8)
        )
        assert added.title in page_read(client, page)[0]
