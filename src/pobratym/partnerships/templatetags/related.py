"""`{% related_to record %}`: the sections other parts show on a record's page
(partnerships.related), as the viewer may see them."""

from django import template

from ..related import related_to as sections_of

register = template.Library()


@register.inclusion_tag("partnerships/_related.html", takes_context=True)
def related_to(context, record):
    return {"sections": sections_of(context["request"].user, record)}
