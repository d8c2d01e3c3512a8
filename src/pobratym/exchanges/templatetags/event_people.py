"""The people parts of an event's page: who takes part and who was invited, with names for
those who may see the directory's contacts and counts for every member."""

import rules
from django import template
from django.utils import timezone

from ..selectors import participants as selectors

register = template.Library()


@register.inclusion_tag("exchanges/partials/participant_list.html", takes_context=True)
def event_participants(context, event):
    user = context["request"].user
    return {
        "event": event,
        "partnership": context.get("partnership"),
        "participants": selectors.participant_list(viewer=user, event=event),
        "counts": selectors.participant_counts(event_ids=[event.pk]).get(event.pk)
        or selectors.Counts(),
        "can_add": rules.has_perm("exchanges.add_participant", user, event),
        "can_remove": rules.has_perm("exchanges.remove_participant", user, event),
        "request": context["request"],
    }


@register.inclusion_tag("exchanges/partials/invitation_list.html", takes_context=True)
def event_invitations(context, event):
    user = context["request"].user
    replies = selectors.reply_counts(event=event)
    return {
        "event": event,
        "partnership": context.get("partnership"),
        "invitations": selectors.invitation_list(viewer=user, event=event),
        "replies": replies,
        "invited_total": sum(number for _code, _label, number in replies),
        "can_invite": rules.has_perm("exchanges.add_invitation", user, event)
        and event.ends_at >= timezone.now(),
        "request": context["request"],
    }
