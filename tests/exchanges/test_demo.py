"""The demo's events: a delegation visit, an online meeting, a youth encounter, a cultural
event and a past expert exchange with outcomes and an open task for the Dortmund coordinator;
each in its host's language with the other two, loaded as often as wanted without doubling."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.exchanges.models import AgendaItem, Event, FollowUp
from pobratym.translation.selectors import shown

pytestmark = pytest.mark.django_db


def test_the_demo_events_are_loaded_once():
    call_command("demo", stdout=StringIO())
    counts = (Event.objects.count(), AgendaItem.objects.count(), FollowUp.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Event.objects.count(), AgendaItem.objects.count(), FollowUp.objects.count()) == counts
    assert counts[0] >= 5
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {"delegation", "online", "youth", "culture", "expert_exchange"} <= kinds
    visit = Event.objects.get(kind="delegation")
    assert visit.language == "uk" and visit.time_zone == "Europe/Kyiv"
    assert visit.host_side.position == 2 and visit.visiting_side.position == 1
    assert shown(visit, "title", "de").text == "Delegationsbesuch aus Dortmund in Schytomyr"
    assert shown(visit, "title", "en").text == "Dortmund delegation visit to Zhytomyr"
    past = Event.objects.get(kind="expert_exchange")
    assert past.outcomes and shown(past, "outcomes", "uk").text.startswith("Для житомирського")
    task = FollowUp.objects.get(event=past)
    assert task.done_at is None and task.owner.email == "coordinator.dortmund@example.org"
