"""Numbers, money, quantities, dates and times as each language writes them, for every page.

One place instead of `floatformat`, `|date:"…"` and " EUR" spread over templates; the template
filters of `{% load formats %}` call these. Separators and date patterns come from Django's
locale formats, corrected where Django's are wrong in `pobratym/config/formats/` (Ukrainian
dates: "3 грудня", not "03 грудня"). Times name the city ("14:53, Kyiv time"), never an IANA
name ("Europe/Kyiv").
"""

import datetime
import functools
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# The platform's two cities (Dortmund, Zhytomyr): a date is checked in both.
PARTNER_TIME_ZONES = ("Europe/Berlin", "Europe/Kyiv")


@dataclass(frozen=True)
class _Zone:
    time: Promise  # "Kyiv time", after a clock time
    in_city: Promise  # "in Kyiv", after a date
    choice: Promise  # "Kyiv", in the profile's list


_ZONES = {
    "Europe/Berlin": _Zone(
        time=pgettext_lazy("time zone", "Berlin time"),
        in_city=_("in Berlin"),
        choice=pgettext_lazy("time zone", "Berlin (Dortmund)"),
    ),
    "Europe/Kyiv": _Zone(
        time=pgettext_lazy("time zone", "Kyiv time"),
        in_city=_("in Kyiv"),
        choice=pgettext_lazy("time zone", "Kyiv (Zhytomyr)"),
    ),
}
_ZONES["Europe/Kiev"] = _ZONES["Europe/Kyiv"]  # the tz database's older name

# Units registered by the domains that count in them (aid: packs, boxes, kg …): a
# "%(quantity)s …" text, with plural forms (ngettext_lazy with the number key "count") where
# the language inflects the unit.
_UNITS: dict[str, Promise | str] = {}


def register_units(forms: Mapping[str, Promise | str]) -> None:
    _UNITS.update(forms)


def number(value: Decimal | float | int | None, *, decimals: int | None = None) -> str:
    """ "1.234,5" (de), "1 234,5" (uk), "1,234.5" (en); as many decimals as the value has,
    unless `decimals` is given."""
    if value is None or value == "":
        return ""
    if decimals is None:
        exponent = Decimal(str(value)).normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def money(amount: Decimal | float | int | None, currency: str = "EUR") -> str:
    """ "1.234,50 EUR" (de), "1 234,50 EUR" (uk)."""
    if amount is None or amount == "":
        return ""
    return pgettext("amount of money", "%(amount)s %(currency)s") % {
        "amount": number(amount, decimals=2),
        "currency": currency,
    }


def _plural_count(value: Decimal | float | int) -> int:
    """The number that chooses the plural form: the value itself when whole; a fraction takes
    the form of 2 ("2,5 Packungen", «2,5 упаковки», "2.5 packs")."""
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else 2


def quantity(value: Decimal | float | int | None, unit: str = "") -> str:
    """ "200 Packungen", «400 упаковок», "2,5 kg": the number and its unit in the right form."""
    if value is None or value == "":
        return ""
    text = number(value)
    form = _UNITS.get(unit)
    if form is None:
        return f"{text} {unit}".strip()
    return form % {"quantity": text, "count": _plural_count(value)}


def _local(value: datetime.datetime, zone: str | None) -> datetime.datetime:
    tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    return timezone.localtime(value, tz) if timezone.is_aware(value) else value


def day(value: datetime.date | datetime.datetime | None, zone: str | None = None) -> str:
    """ "3. Dezember 2026", "3 грудня 2026 р.": a date, or a moment's date where the reader is."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value, zone).date()
    return _day_in(get_language(), value)


@functools.lru_cache(maxsize=4096)
def _day_in(language: str | None, value: datetime.date) -> str:
    """A list shows the same few dates again and again: each is written once per language."""
    return formats.date_format(value, "DATE_FORMAT")


def period(starts_on: datetime.date | None, ends_on: datetime.date | None) -> str:
    """ "3. Mai 2026 – 30. April 2027", "from 3 May 2026", "until …", or "not set yet"."""
    if starts_on and ends_on:
        return f"{day(starts_on)} – {day(ends_on)}"
    if starts_on:
        return gettext("from %(day)s") % {"day": day(starts_on)}
    if ends_on:
        return gettext("until %(day)s") % {"day": day(ends_on)}
    return gettext("not set yet")


def zone_name(zone: str) -> str:
    """ "Kyiv time" (en), "Kyjiwer Zeit" (de), «за київським часом» (uk); a zone we do not name
    by its city is named by the tz database's city ("Warsaw time")."""
    known = _ZONES.get(zone)
    if known is not None:
        return str(known.time)
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return pgettext("time zone", "%(city)s time") % {"city": city}


def time_in_city(value: datetime.datetime | None, zone: str | None = None) -> str:
    """ "14:53, Kyiv time" / "14:53 Uhr (Kyjiwer Zeit)" / «14:53 (за київським часом)»."""
    if not value:
        return ""
    zone = zone or timezone.get_current_timezone_name()
    local = _local(value, zone)
    return pgettext("time in a city", "%(time)s, %(zone)s") % {
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": zone_name(zone),
    }


def moment(value: datetime.datetime | None, zone: str | None = None) -> str:
    """ "3. Dezember 2026, 14:53 Uhr (Berliner Zeit)": date and time where the reader is."""
    if not value:
        return ""
    return pgettext("date and time", "%(date)s, %(time)s") % {
        "date": day(value, zone),
        "time": time_in_city(value, zone),
    }


def dates_in_cities(
    value: datetime.datetime, zones: Sequence[str] = PARTNER_TIME_ZONES
) -> list[tuple[str, datetime.date]]:
    """The calendar date of a moment in each city: a dispatch at 23:30 in Berlin is already
    the next day in Kyiv."""
    return [(zone, _local(value, zone).date()) for zone in zones]


def dates_differ(
    value: datetime.datetime | datetime.date | None, zones: Sequence[str] = PARTNER_TIME_ZONES
) -> bool:
    if not isinstance(value, datetime.datetime) or not timezone.is_aware(value):
        return False
    return len({date for _zone, date in dates_in_cities(value, zones)}) > 1


def day_in_cities(
    value: datetime.datetime | datetime.date | None, zones: Sequence[str] = PARTNER_TIME_ZONES
) -> str:
    """The date, or, when the two cities see different dates, both: "3. Dezember 2026 in
    Berlin, 4. Dezember 2026 in Kyjiw"."""
    if not value:
        return ""
    if not dates_differ(value, zones):
        return day(value)
    dates = dates_in_cities(value, zones)
    return ", ".join(
        pgettext("a date in a city", "%(date)s %(in_city)s")
        % {"date": day(date), "in_city": _in_city(zone)}
        for zone, date in dates
    )


def _in_city(zone: str) -> str:
    known = _ZONES.get(zone)
    if known is not None:
        return str(known.in_city)
    return pgettext("a date in a city", "in %(city)s") % {
        "city": zone.rsplit("/", 1)[-1].replace("_", " ")
    }


def time_zone_choices(names: Sequence[str]) -> list[tuple[str, str]]:
    """The profile's list: Berlin and Kyiv first, named by city, then every other zone by its
    city ("America/New_York" → "America / New York")."""
    first = [(zone, str(_ZONES[zone].choice)) for zone in PARTNER_TIME_ZONES]
    rest = [
        (name, name.replace("_", " ").replace("/", " / "))
        for name in sorted(names)
        if name not in PARTNER_TIME_ZONES and name != "Europe/Kiev"
    ]
    return first + rest
