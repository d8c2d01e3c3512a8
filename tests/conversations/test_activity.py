"""Recent activity of conversations: messages of open threads for every member, of restricted
threads only for those taking part."""

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role
from tests.access import EVERYONE, Cast, who
from tests.activity import activity_check
from tests.conversations.factories import thread_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(partnership):
    return Cast(partnership)


def test_every_member_sees_a_message_of_an_open_thread(cast):
    author = cast[(Role.STAFF, 1)]
    thread = thread_start(cast.partnership, author)
    url = reverse("conversations:thread_detail", args=[cast.partnership.slug, thread.pk])

    activity_check(cast, f"Message from {author}", EVERYONE, url=url)


def test_only_those_taking_part_see_a_message_of_a_restricted_thread(cast):
    author = cast[(Role.COORDINATOR, 1)]
    thread_start(
        cast.partnership, author, restricted=True, participants=[cast[(Role.COORDINATOR, 2)]]
    )

    activity_check(cast, f"Message from {author}", who(Role.COORDINATOR))
