"""The permission grid of conversations: every permission for every role on either side, for
people of another partnership and for anonymous visitors, asked of the rules; on an open
thread and on a restricted one.

Members read every open thread and everyone but observers writes in it; of a restricted thread
only the people taking part read and write.
"""

import pytest

from tests.access import EVERYONE, C, Cast, G, P, S, permissions_of, rules_check, who
from tests.conversations.factories import post, thread_start

pytestmark = pytest.mark.django_db

WRITERS = who(C, S, G, P)
# The restricted thread: started by side 1's coordinator with side 2's staff taking part.
TAKING_PART = frozenset({(C, 1), (S, 2)})

# permission: (the record it is asked on, who holds it)
OPEN = {
    "conversations.view_thread": ("thread", EVERYONE),
    "conversations.add_thread": ("partnership", WRITERS),
    "conversations.post_message": ("thread", WRITERS),
    "conversations.translate_message": ("message", WRITERS),
    "conversations.translate_thread": ("thread", WRITERS),
}
RESTRICTED = {
    "conversations.view_thread": ("restricted thread", TAKING_PART),
    "conversations.post_message": ("restricted thread", TAKING_PART),
    "conversations.translate_message": ("restricted message", TAKING_PART),
    "conversations.translate_thread": ("restricted thread", TAKING_PART),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("conversations") == set(OPEN)


def test_every_permission_for_every_role_and_side(partnership):
    cast = Cast(partnership)
    author = cast[(C, 1)]
    thread = thread_start(partnership, author)
    restricted = thread_start(
        partnership, author, restricted=True, participants=[cast[(S, 2)]], subject="Budget"
    )
    records = {
        "partnership": partnership,
        "thread": thread,
        "message": post(thread, author),
        "restricted thread": restricted,
        "restricted message": post(restricted, author),
    }

    rules_check(cast, OPEN, records)
    rules_check(cast, RESTRICTED, records)
