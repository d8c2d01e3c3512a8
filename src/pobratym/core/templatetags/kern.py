"""KERN-UX components that need a decision in Python: the colour of a status tag."""

from django import template
from django.utils.html import format_html

register = template.Library()

# Status values of every domain, by the tag colour that says how the record stands.
SUCCESS = {"active", "signed", "in_force", "accepted", "covered", "delivered", "receipt_confirmed"}
SUCCESS |= {"confirmed", "approved", "resolved", "intact"}
DANGER = {"ended", "suspended", "cancelled", "declined", "rejected", "withdrawn", "damaged"}
DANGER |= {"unusable", "superseded"}
WARNING = {"draft", "proposed", "partly_signed", "notice_given", "open", "partly_covered"}
WARNING |= {"planned", "packing", "in_transit", "at_border"}


def status_kind(value: str) -> str:
    if value in SUCCESS:
        return "success"
    if value in DANGER:
        return "danger"
    if value in WARNING:
        return "warning"
    return "info"


@register.simple_tag
def status_tag(value, label):
    """A KERN badge naming a status; its colour only repeats what the words say."""
    return format_html(
        '<span class="kern-badge kern-badge--{} status-tag status-{}">'
        '<span class="kern-label">{}</span></span>',
        status_kind(str(value)),
        value,
        label,
    )
