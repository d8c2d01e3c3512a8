"""A partnership's members page and its changes are rendered once and kept until anything is
written (core.changes.remembered_body), per person and session: as production runs, not as
the other tests do (`remembering`). The open invitations' e-mail addresses are only in the
bodies kept for a coordinator of the inviting side."""

import pytest
from django.urls import reverse

from pobratym.partnerships import services
from pobratym.partnerships.models import Role
from tests.factories import member_create
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]


@pytest.fixture
def members_url(partnership):
    return reverse("partnerships:members", args=[partnership.slug])


@pytest.fixture
def history_url(partnership):
    return reverse("partnerships:history", args=[partnership.slug])


def _invite(partnership, coordinator, email="neu@example.org"):
    return services.invitation_create(
        side=partnership.sides.get(position=1), email=email, role=Role.STAFF, by=coordinator
    )


def test_both_pages_are_read_once_while_nothing_is_written(
    client_of, partnership, coordinator, members_url, history_url
):
    _invite(partnership, coordinator)
    client = client_of(coordinator)
    client.get(members_url)  # the session gets its CSRF secret
    _first, rendering = page_read(client, members_url)
    members, queries = kept_read(client, members_url)
    assert "neu@example.org" in members and "<title>Members · " in members
    assert read_from(rendering, "partnerships_invitation")
    assert not read_from(queries, "partnerships_invitation")

    _first, rendering = page_read(client, history_url)
    changes, queries = kept_read(client, history_url)
    assert "<title>Changes · " in changes and "neu@example.org" in changes
    assert read_from(rendering, "partnerships_historicalmembership")
    assert not read_from(queries, "partnerships_historicalmembership")


def test_the_kept_pages_show_an_invitation_and_a_new_role_at_once(
    client_of, partnership, coordinator, members_url, history_url
):
    member = member_create(partnership, Role.STAFF, name="Olena Koval")
    client = client_of(coordinator)
    for url in (members_url, members_url, history_url):
        client.get(url)
    assert "neu@example.org" not in page_read(client, members_url)[0]
    assert "neu@example.org" not in page_read(client, history_url)[0]

    _invite(partnership, coordinator)
    services.membership_change_role(membership=member, role=Role.OBSERVER, by=coordinator)

    members, _queries = page_read(client, members_url)
    assert "neu@example.org" in members
    row = members.split("Olena Koval", 1)[1].split("</tr>", 1)[0]
    assert 'value="observer" selected' in row
    assert "neu@example.org" in page_read(client, history_url)[0]


def test_invitations_kept_for_a_coordinator_are_not_shown_to_the_staff(
    client_of, partnership, coordinator, staff, members_url
):
    _invite(partnership, coordinator)
    office, colleague = client_of(coordinator), client_of(staff)
    for client in (office, office, colleague, colleague):
        client.get(members_url)

    assert "neu@example.org" in page_read(office, members_url)[0]
    seen, queries = page_read(colleague, members_url)
    assert "Members" in seen and "neu@example.org" not in seen
    assert "Send invitation" not in seen and "Change role" not in seen
    assert not read_from(queries, "partnerships_invitation")  # the colleague's own page, kept


def test_an_invitation_refused_by_the_form_is_shown_with_its_error_not_a_kept_page(
    client_of, partnership, coordinator, members_url
):
    client = client_of(coordinator)
    for _round in range(2):
        client.get(members_url)

    response = client.post(members_url, {"email": "not an address", "role": Role.STAFF})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert "Enter a valid email address." not in page_read(client, members_url)[0]
