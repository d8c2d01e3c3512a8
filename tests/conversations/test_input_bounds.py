"""Issue 10, finding 9, in conversations: people and revisions named by numbers the database
cannot hold are form errors (a 400), never a 500."""

import uuid

import pytest
from django.urls import reverse

from pobratym.conversations.models import Thread
from pobratym.core.inputs import ID_MAX
from pobratym.translation.models import Translation
from tests.conversations.factories import thread_start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("person", [str(ID_MAX + 1), "9" * 20, "²"])
def test_starting_a_thread_with_a_participant_beyond_range_is_a_400(
    partnership, coordinator, other_side_coordinator, client_of, person
):
    """SQLite failed with an overflow in the query checking the chosen people: a 500."""
    url = reverse("conversations:thread_create", args=[partnership.slug])
    data = {
        "subject": "Delegation visit",
        "body": "When would suit you?",
        "participants": [other_side_coordinator.pk, person],
        "idempotency_key": str(uuid.uuid4()),
    }

    response = client_of(coordinator).post(url, data)

    assert response.status_code == 400
    assert "is not a valid value" in str(response.context["form"].errors["participants"])
    assert Thread.objects.count() == 0


def test_a_translation_with_a_revision_beyond_range_is_a_400(
    partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator, participants=[other_side_coordinator])
    message = thread.messages.get()
    url = reverse("conversations:translation_save", args=[partnership.slug, thread.pk, message.pk])
    data = {"language": "de", "revision": "9" * 20, "text": "Unsere nächsten Schritte"}

    response = client_of(other_side_coordinator).post(url, data)

    assert response.status_code == 400
    assert Translation.objects.filter(language="de", kind="human").count() == 0
