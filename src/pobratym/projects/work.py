"""My work in projects (registered in ProjectsConfig.ready): funding applications whose
expression of interest or application is due within a month (or overdue), for the offices
(coordinators and staff) of the partnership, as `projects.change_application` allows."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role

from .models import ApplicationStatus
from .selectors import applications_due
from .services import due_date


def applications_pending(user, memberships):
    chosen = with_role(memberships, Role.COORDINATOR, Role.STAFF)
    if not chosen:
        return None
    return applications_due([m.partnership_id for m in chosen])


def application_items(applications, memberships) -> list[WorkItem]:
    partnerships = {m.partnership_id: m.partnership for m in memberships}
    items = []
    for application in applications:
        partnership = partnerships[application.partnership_id]
        interest = application.status == ApplicationStatus.PLANNED and application.call.interest_by
        items.append(
            WorkItem(
                _("Send the expression of interest") if interest else _("Send the application"),
                reverse("projects:application_detail", args=[partnership.slug, application.pk]),
                partnership,
                due=due_date(application),
                text=f"{application.call.programme.name}: {application.call.title}",
            )
        )
    return items
