"""Pages make a fixed number of queries, however many members and focus areas there are."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pobratym.partnerships import services
from pobratym.partnerships.models import Role
from tests.factories import focus_area_create, invitation_make, member_create
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db

ROLES = [Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER]


_numbers = itertools.count()


def _grow(partnership, coordinator, size: int):
    """`size` more members on each side, focus areas, invitations and changes to them."""
    for _ in range(size):
        number = next(_numbers)
        for position in (1, 2):
            member = member_create(partnership, ROLES[number % len(ROLES)], position=position)
            if position == 1:
                services.membership_change_role(
                    membership=member, role=Role.OBSERVER, by=coordinator
                )
        area = focus_area_create(partnership, f"area-{number}")
        services.focus_area_save(
            partnership=partnership, by=coordinator, focus_area=area, name_en=f"Area {number}"
        )
        invitation_make(partnership, email=f"guest{number}@example.org")
        services.partnership_update(
            partnership=partnership, by=coordinator, description_en=f"Version {number}"
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["dashboard", "members", "history"])
def test_page_makes_as_many_queries_for_many_members_as_for_few(
    partnership, coordinator, client_of, page
):
    client = client_of(coordinator)
    url = reverse(f"partnerships:{page}", args=[partnership.slug])
    _grow(partnership, coordinator, 1)
    client.get(url)  # warm the caches (session, content types)
    few = _queries(client, url)

    _grow(partnership, coordinator, 12)
    many = _queries(client, url)

    assert many == few


def test_dashboard_stays_under_a_fixed_budget(
    partnership, coordinator, client_of, django_assert_max_num_queries
):
    _grow(partnership, coordinator, 10)
    client = client_of(coordinator)
    url = reverse("partnerships:dashboard", args=[partnership.slug])
    client.get(url)

    # 15 for the partnership, its sides, members and panels (events and projects one or two
    # each); 16 for recent activity of every domain (a query or two per kind of event, three
    # for completed milestones with their projects' titles); 2 for the top bar's My work
    # count (the person's memberships and one count); the rest for the session, the person
    # and the unread count. The same however many records there are (the test above).
    with django_assert_max_num_queries(37):
        client.get(url)


def test_partnership_list_does_not_grow_with_partnerships(client_of):
    from tests.factories import UserFactory, partnership_create

    person = UserFactory()
    client = client_of(person)

    def join_one():
        side = partnership_create().sides.first()
        services.membership_add(side=side, user=person, role=Role.STAFF)

    join_one()
    client.get("/en/partnerships/")
    few = _queries(client, "/en/partnerships/")
    for _ in range(8):
        join_one()
    assert _queries(client, "/en/partnerships/") == few


def test_dashboard_panels_keep_their_number_of_queries_with_records_in_german(
    partnership, coordinator, client_of, django_assert_max_num_queries
):
    """What the overview's panels list, written in German for an English reader: upcoming
    events, projects with their next milestones, organisations of both cities and agreements
    due by a date."""
    import uuid
    from datetime import timedelta

    from django.utils import timezone

    from pobratym.projects import services as projects
    from tests.agreements.factories import agreement_draft
    from tests.directory.factories import organisation_add
    from tests.exchanges.factories import event_add
    from tests.projects.conftest import project_add

    today = timezone.localdate()
    numbers = itertools.count()

    def grow(count):
        for _ in range(count):
            number = next(numbers)
            event_add(partnership, coordinator, title=f"Besuch {number}", language="de")
            project = project_add(
                partnership,
                coordinator,
                title=f"Projekt {number}",
                starts_on=today - timedelta(days=30),
                ends_on=today + timedelta(days=365),
            )
            projects.milestone_add(
                project=project,
                by=coordinator,
                idempotency_key=uuid.uuid4(),
                title=f"Meilenstein {number}",
                due_on=today + timedelta(days=10 + number),
                language="de",
            )
            organisation_add(partnership, coordinator, language="de")
            agreement_draft(
                partnership,
                coordinator,
                title=f"Partnerschaftsvertrag {number}",
                due_on=today + timedelta(days=100 + number),
            )

    grow(1)
    page = page_keeps_its_queries(
        client_of(coordinator),
        reverse("partnerships:dashboard", args=[partnership.slug]),
        lambda: grow(5),
        django_assert_max_num_queries,
        budget=60,
    )
    assert "Meilenstein 0" in page.text and "Besuch 0" in page.text
    assert "Partnerschaftsvertrag 0" in page.text
