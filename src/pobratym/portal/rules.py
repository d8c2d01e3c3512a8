"""Permissions of the news: members read the list of posts on their partnership's pages (the
portal shows them to everyone); coordinators of either side write and correct them; the
offices of both sides translate them."""

import rules

from pobratym.partnerships.predicates import is_coordinator, is_coordinator_or_staff, is_member

rules.add_perm("portal.view_newspost", is_member)
rules.add_perm("portal.add_newspost", is_coordinator)
rules.add_perm("portal.change_newspost", is_coordinator)
rules.add_perm("portal.translate_newspost", is_coordinator_or_staff)
