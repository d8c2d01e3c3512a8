"""An organisation's page in the directory lists the events its people took part in
(directory.involvement, registered by exchanges): for members only, by title and kind, never
naming who took part, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pobratym.directory.involvement import ROWS, involvement_of
from pobratym.partnerships.models import Role
from tests.exchanges import people
from tests.exchanges.factories import event_add
from tests.exchanges.people import minor_fields, participant_make

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation = people.dortmund_organisation
zhytomyr_organisation = people.zhytomyr_organisation
anna, taras = people.anna, people.taras


def _events_section(viewer, organisation):
    return next((s for s in involvement_of(viewer, organisation) if s.title == "Events"), None)


def test_members_see_the_events_but_not_who_took_part(
    event, anna, taras, office, cast, dortmund_organisation
):
    participant_make(event, anna, office)
    participant_make(event, taras, office, **minor_fields())
    observer = cast[(Role.OBSERVER, 2)]
    section = _events_section(observer, anna.organisation)
    assert section is not None and section.total == 1
    [row] = section.rows
    assert row.title == event.title
    assert anna.name not in repr(section) and taras.name not in repr(section)
    assert _events_section(cast.outsider(), anna.organisation) is None


def test_an_organisation_without_participants_has_no_events_section(event, office, anna):
    assert _events_section(office, anna.organisation) is None


def test_the_section_keeps_its_number_of_queries(partnership, event, anna, office):
    participant_make(event, anna, office)
    with CaptureQueriesContext(connection) as few:
        _events_section(office, anna.organisation)
    for number in range(ROWS + 2):
        more = event_add(partnership, office, title=f"Event {number}")
        participant_make(more, anna, office)
    with CaptureQueriesContext(connection) as many:
        section = _events_section(office, anna.organisation)
    assert len(many.captured_queries) <= len(few.captured_queries)
    assert (len(section.rows), section.total) == (ROWS, ROWS + 3)
