"""`{% partnership_tabs user partnership as tabs %}`: the menu each domain contributes to."""

from django import template

from .. import panels

register = template.Library()


@register.simple_tag
def partnership_tabs(user, partnership) -> list[dict]:
    return panels.tabs_for(user, partnership)
