"""My work in exchanges: an open follow-up task awaits the person it is for, with its due date
and a link to the event's tasks, and nobody once it is done."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.exchanges import services
from pobratym.partnerships.models import Role
from tests.access import who
from tests.work import items_of, work_check

pytestmark = pytest.mark.django_db

KIND = "Do the follow-up task of an event"


@pytest.fixture
def task(event, office, cast):
    return services.follow_up_add(
        event=event,
        by=office,
        title="Send the minutes",
        owner=cast[(Role.STAFF, 2)],
        due_on=timezone.localdate() + timedelta(days=5),
    )


def test_an_open_task_awaits_its_owner_with_its_date_and_event(partnership, event, cast, task):
    url = reverse("exchanges:event_detail", args=[partnership.slug, event.pk]) + "#follow-ups"
    work_check(cast, KIND, who(Role.STAFF, sides=[2]), url=url)
    item = items_of(cast[(Role.STAFF, 2)], KIND)[0]
    assert item.due == task.due_on
    assert item.title == "Send the minutes (Delegation to Beta)"


def test_a_task_done_awaits_nobody(cast, task):
    services.follow_up_complete(follow_up=task, by=cast[(Role.COORDINATOR, 1)])
    work_check(cast, KIND, frozenset())
