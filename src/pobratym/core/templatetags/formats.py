"""How numbers, money, dates, times and language names read in the reader's language."""

from django import template

from pobratym.core import languages

register = template.Library()


@register.filter
def language_in_sentence(code: str):
    """`{{ message.language|language_in_sentence }}`: "Deutsch", «німецька»."""
    return languages.language_in_sentence(code)


@register.filter
def language_into(code: str):
    """`{{ LANGUAGE_CODE|language_into }}` after "Translate into": "Deutsche", «німецькою»."""
    return languages.language_into(code)
