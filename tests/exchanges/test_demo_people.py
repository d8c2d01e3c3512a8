"""The demo's people at its events: the delegation with its head, delegates and host, the
invitations with yes, maybe and no reply yet, and a pupil of 16 at the youth encounter with
her mother's consent; loaded as often as wanted without doubling."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.exchanges.models import Invitation, Participant
from pobratym.exchanges.selectors.participants import public_participant_counts

pytestmark = pytest.mark.django_db


def test_the_demo_events_have_people_once():
    call_command("demo", stdout=StringIO())
    counts = (Participant.objects.count(), Invitation.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Participant.objects.count(), Invitation.objects.count()) == counts == (5, 4)
    head = Participant.objects.get(event__kind="delegation", role="head")
    assert head.contact.name == "Anna Becker"
    replies = sorted(Invitation.objects.values_list("reply", flat=True))
    assert replies == ["", "maybe", "yes", "yes"]
    minor = Participant.objects.get(minor=True)
    assert minor.event.kind == "youth" and minor.guardian_name == "Ірина Бондаренко"
    youth = minor.event
    assert youth.public
    counts = public_participant_counts(event_ids=[youth.pk])[youth.pk]
    assert (counts.total, counts.minors) == (2, 1)
