"""Template helpers of conversations: `{{ text|markdown }}` and `{% threads_for record %}`."""

from django import template
from django.utils.safestring import mark_safe

from pobratym.partnerships import records

from .. import markdown as markdown_module
from .. import selectors

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """A message's Markdown as sanitised HTML."""
    return mark_safe(markdown_module.render(text))  # noqa: S308 - sanitised by nh3


@register.inclusion_tag("conversations/partials/threads_for.html", takes_context=True)
def threads_for(context, record):
    """The threads about `record` the person may see, and a link to start one."""
    request = context["request"]
    partnership = context.get("partnership")
    return {
        "record": record,
        "partnership": partnership,
        "threads": selectors.threads_for(viewer=request.user, record=record),
        "about": records.reference(record),
        "user": request.user,
        "request": request,
    }


@register.simple_tag
def record_url(record, slug: str) -> str:
    """The page of the record a thread is about (empty if its kind is not registered)."""
    return records.record_url(record, slug) or ""


@register.simple_tag
def record_visible(user, record) -> bool:
    """Whether to name the record a thread is about: only to people who may see it."""
    return records.can_see(user, record)
