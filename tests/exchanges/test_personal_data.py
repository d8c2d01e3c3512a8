"""A person's data-protection requests reach their events: the directory's copy (JSON and
PDF) lists their participations and invitations, and the erasure blanks the guardian's name
(also in the history) and kills the reply link, keeping every count."""

import json

import pytest
from django.urls import reverse

from pobratym.directory import services as directory
from pobratym.exchanges import services
from pobratym.exchanges.models import Invitation, Participant
from pobratym.exchanges.selectors.participants import participant_counts, reply_counts
from pobratym.partnerships.models import Role
from tests.exchanges import people

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
taras = people.taras


@pytest.fixture
def taken_part(event, taras, office):
    participant = people.participant_make(event, taras, office, **people.minor_fields())
    [invitation] = people.invite(event, [taras], office)
    return participant, invitation


def test_the_copy_holds_the_persons_events_and_invitations(
    partnership, taras, taken_part, cast, client_of
):
    coordinator = client_of(cast[(Role.COORDINATOR, 2)])
    address = reverse("directory:contact_export", args=[partnership.slug, taras.pk])
    data = json.loads(coordinator.get(address).content)
    [taking_part] = data["exchanges"]["participations"]
    assert taking_part["event"] == "Youth encounter Dortmund 2026"
    assert taking_part["minor"] is True
    assert taking_part["guardian_consent"]["guardian"] == "Olena Kovalenko"
    [invited] = data["exchanges"]["invitations"]
    assert invited["language"] == "uk" and invited["reply"] is None

    pdf = coordinator.get(reverse("directory:contact_pdf", args=[partnership.slug, taras.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_the_erasure_blanks_the_guardian_and_the_link_but_keeps_the_counts(
    event, taras, taken_part, cast
):
    participant, invitation = taken_part
    services.invitation_reply(invitation=invitation, reply="yes")
    token_hash = Invitation.objects.get().token_hash

    directory.contact_erase(contact=taras, by=cast[(Role.COORDINATOR, 2)])

    participant.refresh_from_db()
    assert participant.guardian_name == ""
    assert participant.minor and participant.guardian_consent_on is not None
    assert not Participant.history.filter(id=participant.pk).exclude(guardian_name="").exists()
    assert Invitation.objects.get().token_hash != token_hash
    counts = participant_counts(event_ids=[event.pk])[event.pk]
    assert (counts.total, counts.minors) == (1, 1)
    assert ("yes", "yes, I will come", 1) in reply_counts(event=event)
    assert "Olena" not in json.dumps(directory_copy(taras))


def directory_copy(contact):
    from pobratym.directory.selectors import contact_data

    contact.refresh_from_db()
    return contact_data(contact)
