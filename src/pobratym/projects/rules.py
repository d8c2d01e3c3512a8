"""Permissions of projects; views, templates and the API ask these names.

Members read the partnership's projects (visitors, later, only public ones through the
portal's selectors); the offices of both sides (coordinators and staff) add and run them,
since a project is joint work of the two cities.
"""

import rules

from pobratym.partnerships.predicates import is_coordinator_or_staff, is_member

rules.add_perm("projects.view_project", is_member)
rules.add_perm("projects.add_project", is_coordinator_or_staff)
rules.add_perm("projects.change_project", is_coordinator_or_staff)
rules.add_perm("projects.translate_project", is_coordinator_or_staff)
