"""The permission grid of events: every permission for every role on either side, for people
of another partnership and for anonymous visitors, asked of the rules. The event is hosted by
side 1; the follow-up task is a partner of side 2's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pobratym.exchanges import services
from tests.access import EVERYONE, C, P, S, permissions_of, rules_check, who

pytestmark = pytest.mark.django_db

OFFICE = who(C, S)

# permission: (the record it is asked on, who holds it)
RULES = {
    "exchanges.view_event": ("event", EVERYONE),
    "exchanges.add_event": ("partnership", OFFICE),
    "exchanges.change_event": ("event", OFFICE),
    "exchanges.translate_event": ("event", OFFICE),
    "exchanges.complete_followup": ("follow_up", who(C) | who(P, sides=[2])),
    # participants and invitees: names as the directory shows contacts, the offices manage
    "exchanges.view_participant": ("participant", OFFICE),
    "exchanges.add_participant": ("event", OFFICE),
    "exchanges.remove_participant": ("participant", OFFICE),
    "exchanges.add_invitation": ("event", OFFICE),
}


@pytest.fixture
def follow_up(event, cast, office):
    return services.follow_up_add(
        event=event,
        by=office,
        title="Send the minutes",
        owner=cast[(P, 2)],
        due_on=timezone.localdate() + timedelta(days=7),
    )


def test_the_table_covers_every_registered_permission():
    assert permissions_of("exchanges") == set(RULES)


@pytest.fixture
def participant(partnership, event, office):
    from tests.directory.factories import contact_add, organisation_add
    from tests.exchanges.people import participant_make

    contact = contact_add(organisation_add(partnership, office), office)
    return participant_make(event, contact, office)


def test_every_permission_for_every_role_and_side(partnership, cast, event, follow_up, participant):
    records = {
        "partnership": partnership,
        "event": event,
        "follow_up": follow_up,
        "participant": participant,
    }
    rules_check(cast, RULES, records)


def test_an_agenda_item_is_changed_by_whoever_may_change_its_event(event, office, cast):
    item = services.agenda_item_add(event=event, by=office, title="Welcome")
    assert cast[(S, 2)].has_perm("exchanges.change_event", item)
    assert not cast[(P, 1)].has_perm("exchanges.change_event", item)
    assert cast[(P, 1)].has_perm("exchanges.view_event", item)
