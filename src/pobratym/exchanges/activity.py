"""Events on the partnership's overview (registered in ExchangesConfig.ready): the events
added, in recent activity, and a panel with the next ones."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.partnerships.activity import Event as Activity
from pobratym.translation.selectors import shown, with_translations

from .models import Event

PANEL_SIZE = 5


def event_activity(viewer, partnership, limit: int) -> list[Activity]:
    """Events added (two queries)."""
    if not viewer.has_perm("exchanges.view_event", partnership):
        return []
    events = with_translations(Event.objects.filter(partnership=partnership)).order_by(
        "-created_at"
    )[:limit]
    return [
        Activity(
            event.created_at,
            _("Event added"),
            shown(event, "title").text,
            reverse("exchanges:event_detail", args=[partnership.slug, event.pk]),
        )
        for event in events
    ]


def overview_panel(viewer, partnership) -> dict | None:
    """The next events not yet over, soonest first (two queries)."""
    if not viewer.has_perm("exchanges.view_event", partnership):
        return None
    events = (
        with_translations(Event.objects.filter(partnership=partnership))
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")[:PANEL_SIZE]
    )
    return {"events": list(events)}
