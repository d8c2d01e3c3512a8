"""Records in the reader's language in templates:

- `{{ need|translated:"title" }}`: the text alone (lists, headings, links);
- `{% translated_text need "description" %}`: the text marked "machine translation" or
  "translated by <name>", with the original in a `<details>`;
- `{% translation_note need "title" %}`: under a heading, how the title is shown, its original,
  and the link to translate or correct the record by hand, for those who may.
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


@register.inclusion_tag("translation/note.html", takes_context=True)
def translation_note(context, record, field: str):
    """Under a record's heading: whether `field` (its title) is shown translated and by whom,
    the original in a `<details>`, and the link to translate or correct the record by hand
    for those who may."""
    request = context["request"]
    owner = record.translation_owner()
    url = None
    if owner.translate_permission and request.user.has_perm(owner.translate_permission, owner):
        address = reverse(
            "translation:edit", kwargs={"label": owner._meta.label_lower, "pk": owner.pk}
        )
        url = f"{address}?{urlencode({'next': request.get_full_path()})}"
    return {"shown": shown(record, field), "url": url}
