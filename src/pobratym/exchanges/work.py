"""My work in exchanges (registered in ExchangesConfig.ready): the open follow-up tasks of
events, for the person each is for, due date first, linking to the event's tasks."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.work import WorkItem
from pobratym.translation.selectors import reader_translations, shown

from .models import FollowUp


def follow_ups_pending(user, memberships):
    """The person's open tasks in the partnerships they are still a member of (as
    `exchanges.complete_followup` allows)."""
    if not memberships:
        return None
    return FollowUp.objects.filter(
        owner=user,
        done_at__isnull=True,
        event__partnership_id__in=[m.partnership_id for m in memberships],
    ).select_related("event")


def _task_and_event(follow_up) -> str:
    return _("%(task)s (%(event)s)") % {
        "task": follow_up.title,
        "event": shown(follow_up.event, "title").text,
    }


def follow_up_items(follow_ups, memberships) -> list[WorkItem]:
    partnerships = {m.partnership_id: m.partnership for m in memberships}
    items = []
    for follow_up in follow_ups:
        partnership = partnerships[follow_up.event.partnership_id]
        url = reverse("exchanges:event_detail", args=[partnership.slug, follow_up.event_id])
        items.append(
            WorkItem(
                _("Do the follow-up task of an event"),
                f"{url}#follow-ups",
                partnership,
                due=follow_up.due_on,
                record=follow_up,
                describe=_task_and_event,
                load=(reader_translations("event"),),
            )
        )
    return items
