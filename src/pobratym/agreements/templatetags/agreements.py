"""An agreement's name in the reader's language: `{{ agreement|heading }}`."""

from django import template

from ..selectors.agreements import heading_of

register = template.Library()


@register.filter
def heading(agreement) -> str:
    return heading_of(agreement) if agreement is not None else ""
