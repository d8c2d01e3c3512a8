"""Permissions of the conversations app; views, templates and the API ask these names.

A thread of another partnership, or a restricted thread someone does not take part in, is not
found (404) rather than refused: its subject is not theirs to know.
"""

import rules

from pobratym.partnerships.predicates import is_member

from .predicates import can_see_thread, is_observer

rules.add_perm("conversations.view_thread", can_see_thread)
rules.add_perm("conversations.add_thread", is_member & ~is_observer)
rules.add_perm("conversations.post_message", can_see_thread & ~is_observer)
# Anyone fluent may translate or correct: every member who can write in the thread.
rules.add_perm("conversations.translate_message", can_see_thread & ~is_observer)
rules.add_perm("conversations.translate_thread", can_see_thread & ~is_observer)
