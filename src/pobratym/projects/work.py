"""My work in projects (registered in ProjectsConfig.ready): funding applications whose
expression of interest or application is due within a month (or overdue), for the offices
(coordinators and staff) of the partnership, as `projects.change_application` allows; and
for coordinators, a work plan one side has approved and theirs has not yet."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role
from pobratym.translation.selectors import reader_translations, shown

from .models import ApplicationStatus, PlanApproval, PlanVersion
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


def plan_approvals_pending(user, memberships):
    """For coordinators: the newest version of each plan of their partnerships that a side
    has approved (so it is frozen) and their own side has not: the other side awaits them."""
    chosen = with_role(memberships, Role.COORDINATOR)
    if not chosen:
        return None
    newer = PlanVersion.objects.filter(plan=OuterRef("plan"), number__gt=OuterRef("number"))
    own = PlanApproval.objects.filter(
        version=OuterRef("pk"), side_id__in=[m.side_id for m in chosen]
    )
    return (
        PlanVersion.objects.filter(
            plan__partnership_id__in=[m.partnership_id for m in chosen], frozen_at__isnull=False
        )
        .exclude(Exists(newer))
        .exclude(Exists(own))
        .select_related("plan")
    )


def _plan_title(plan) -> str:
    return shown(plan, "title").text


def plan_approval_items(versions, memberships) -> list[WorkItem]:
    partnerships = {m.partnership_id: m.partnership for m in memberships}
    items = []
    for version in versions:
        partnership = partnerships[version.plan.partnership_id]
        items.append(
            WorkItem(
                _("Approve the work plan"),
                reverse("projects:plan_detail", args=[partnership.slug, version.plan_id])
                + "#approval",
                partnership,
                record=version.plan,
                describe=_plan_title,
                load=(reader_translations(),),
            )
        )
    return items
