"""Permissions of projects and funding; views, templates and the API ask these names.

Members read the partnership's projects and funding applications (visitors, later, only
public projects through the portal's selectors); the offices of both sides (coordinators and
staff) add and run them, since a project is joint work of the two cities. The catalogue of
funding programmes is shared by the installation and shown within each partnership: its
members read it, its coordinators keep it (asked on the partnership); translating a
programme by hand is for a coordinator of any partnership (asked on the programme).
"""

import rules

from pobratym.partnerships.predicates import is_coordinator, is_coordinator_or_staff, is_member

from .predicates import is_coordinator_somewhere

rules.add_perm("projects.view_project", is_member)
rules.add_perm("projects.add_project", is_coordinator_or_staff)
rules.add_perm("projects.change_project", is_coordinator_or_staff)
rules.add_perm("projects.translate_project", is_coordinator_or_staff)

rules.add_perm("projects.view_fundingprogramme", is_member)
rules.add_perm("projects.change_fundingprogramme", is_coordinator)
rules.add_perm("projects.translate_fundingprogramme", is_coordinator_somewhere)
rules.add_perm("projects.view_application", is_member)
rules.add_perm("projects.add_application", is_coordinator_or_staff)
rules.add_perm("projects.change_application", is_coordinator_or_staff)

# Work plans: members read them, the offices write and follow them, and the coordinators of
# each side approve a version for their own side (asked on the plan).
rules.add_perm("projects.view_plan", is_member)
rules.add_perm("projects.add_plan", is_coordinator_or_staff)
rules.add_perm("projects.change_plan", is_coordinator_or_staff)
rules.add_perm("projects.approve_plan", is_coordinator)
rules.add_perm("projects.translate_plan", is_coordinator_or_staff)

# Council reports: the coordinators ask for one; members read and download them.
rules.add_perm("projects.view_report", is_member)
rules.add_perm("projects.add_report", is_coordinator)
