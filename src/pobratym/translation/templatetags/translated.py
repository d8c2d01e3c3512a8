"""Records in the reader's language in templates:

- `{{ need|translated:"title" }}`: the text alone (lists, headings, links);
- `{% translated_text need "description" %}`: the text marked "machine translation" or
  "translated by <name>", with the original in a `<details>`;
- `{% translation_links need %}`: the link to translate or correct the record by hand and to
  correct its original language, for those who may.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from ..selectors import shown

register = template.Library()


@register.filter
def translated(record, field: str) -> str:
    return shown(record, field).text if record is not None else ""


@register.filter
def original(record, box: str) -> str:
    """The original text of the field a translation box `<n>-<field>` is for."""
    return record.original(box.split("-", 1)[1])


@register.inclusion_tag("translation/text.html")
def translated_text(record, field: str, paragraphs: bool = False):
    return {"shown": shown(record, field), "paragraphs": paragraphs}


@register.inclusion_tag("translation/links.html", takes_context=True)
def translation_links(context, record):
    request = context["request"]
    user = request.user
    if not (record.translate_permission and user.has_perm(record.translate_permission, record)):
        return {"url": None}
    address = reverse(
        "translation:edit", kwargs={"label": record._meta.label_lower, "pk": record.pk}
    )
    return {"url": f"{address}?{urlencode({'next': request.get_full_path()})}", "record": record}
