"""How numbers, money, dates, times and language names read in the reader's language.

`{% load formats %}`, then `{{ amount|money }}`, `{{ line.quantity|quantity:line.unit }}`,
`{{ need.needed_by|day }}`, `{{ project|period }}`, `{{ event.at|moment }}`,
`{{ event.at|time_in_city }}`, `{{ shipment.departed_at|day_in_cities }}`; see
`pobratym.core.formatting`.
"""

from django import template

from pobratym.core import formatting, languages

register = template.Library()


@register.filter
def money(amount, currency: str = "EUR") -> str:
    return formatting.money(amount, currency or "EUR")


@register.filter
def number(value, decimals=None) -> str:
    return formatting.number(value, decimals=None if decimals in (None, "") else int(decimals))


@register.filter
def quantity(value, unit: str = "") -> str:
    return formatting.quantity(value, unit or "")


@register.filter
def day(value) -> str:
    return formatting.day(value)


@register.filter
def period(record) -> str:
    """`{{ project|period }}`: from its `starts_on` to its `ends_on`, either may be open."""
    return formatting.period(record.starts_on, record.ends_on)


@register.filter
def time_in_city(value, zone: str = "") -> str:
    return formatting.time_in_city(value, zone or None)


@register.filter
def moment(value, zone: str = "") -> str:
    return formatting.moment(value, zone or None)


@register.filter
def day_in_cities(value) -> str:
    return formatting.day_in_cities(value)


@register.filter
def dates_differ(value) -> bool:
    """True when the two partner cities see different calendar dates for this moment."""
    return formatting.dates_differ(value)


@register.filter
def language_in_sentence(code: str):
    """`{{ message.language|language_in_sentence }}`: "Deutsch", «німецька»."""
    return languages.language_in_sentence(code)


@register.filter
def language_into(code: str):
    """`{{ LANGUAGE_CODE|language_into }}` after "Translate into": "Deutsche", «німецькою»."""
    return languages.language_into(code)
