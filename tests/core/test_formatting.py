"""Numbers, money, quantities, dates and times read as each language writes them (issue 13)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from pobratym.accounts.models import time_zone_choices
from pobratym.core import formatting

NBSP = "\xa0"
# 23:30 in Berlin is already 00:30 the next day in Kyiv.
LATE_DISPATCH = datetime(2026, 12, 3, 23, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def _render(source: str, language: str, **context) -> str:
    with translation.override(language), timezone.override(ZoneInfo("Europe/Berlin")):
        return Template("{% load formats %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "1.234,50 EUR"), ("uk", f"1{NBSP}234,50 EUR"), ("en", "1,234.50 EUR")],
)
def test_money(language, expected):
    assert _render("{{ amount|money }}", language, amount=Decimal("1234.5")) == expected


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("de", Decimal("200.000"), "pack", "200 Packungen"),
        ("de", Decimal("1.000"), "pack", "1 Packung"),
        ("uk", Decimal("400"), "pack", "400 упаковок"),
        ("uk", Decimal("2"), "pack", "2 упаковки"),
        ("uk", Decimal("21"), "box", "21 коробка"),
        ("uk", Decimal("2.5"), "kg", "2,5 кг"),
        ("de", Decimal("1234.5"), "kg", "1.234,5 kg"),
        ("en", Decimal("3"), "hour", "3 hours"),
    ],
)
def test_quantities_take_the_units_plural_form(language, value, unit, expected):
    assert _render("{{ value|quantity:unit }}", language, value=value, unit=unit) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "3. Dezember 2026"), ("uk", "3 грудня 2026 р.")]
)
def test_dates_without_a_leading_zero_and_the_month_in_the_genitive(language, expected):
    assert _render("{{ value|day }}", language, value=date(2026, 12, 3)) == expected


def test_the_same_date_in_one_language_after_another():
    value = date(2026, 12, 3)
    written = [
        _render("{{ value|day }}", language, value=value) for language in ["de", "uk", "de", "en"]
    ]
    assert written == ["3. Dezember 2026", "3 грудня 2026 р.", "3. Dezember 2026", "Dec. 3, 2026"]


class _Span:
    def __init__(self, starts_on=None, ends_on=None):
        self.starts_on, self.ends_on = starts_on, ends_on


@pytest.mark.parametrize(
    ("language", "span", "expected"),
    [
        ("de", _Span(date(2026, 5, 3), date(2027, 4, 30)), "3. Mai 2026 – 30. April 2027"),
        ("uk", _Span(date(2026, 5, 3)), "з 3 травня 2026 р."),
        ("de", _Span(ends_on=date(2027, 4, 30)), "bis 30. April 2027"),
        ("uk", _Span(), "ще не визначено"),
    ],
)
def test_a_period_open_at_either_end(language, span, expected):
    assert _render("{{ span|period }}", language, span=span) == expected


@pytest.mark.parametrize(("language", "expected"), [("de", "3. Dezember"), ("uk", "3 грудня")])
def test_day_and_month(language, expected):
    rendered = _render('{{ value|date:"MONTH_DAY_FORMAT" }}', language, value=date(2026, 12, 3))
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "14:53, Kyiv time"),
        ("de", "14:53 Uhr (Kyjiwer Zeit)"),
        ("uk", "14:53 (за київським часом)"),
    ],
)
def test_times_name_the_city_never_the_zone(language, expected):
    at = datetime(2022, 6, 3, 14, 53, tzinfo=ZoneInfo("Europe/Kyiv"))
    rendered = _render('{{ at|time_in_city:"Europe/Kyiv" }}', language, at=at)
    assert rendered == expected
    assert "Europe" not in rendered


def test_a_date_that_differs_between_the_cities_is_shown_for_both():
    assert formatting.dates_differ(LATE_DISPATCH)
    rendered = _render("{{ at|day_in_cities }}", "de", at=LATE_DISPATCH)
    assert rendered == "3. Dezember 2026 in Berlin, 4. Dezember 2026 in Kyjiw"
    rendered = _render("{{ at|day_in_cities }}", "uk", at=LATE_DISPATCH)
    assert rendered == "3 грудня 2026 р. у Берліні, 4 грудня 2026 р. у Києві"


def test_a_date_the_cities_share_is_shown_once():
    noon = datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert not formatting.dates_differ(noon)
    assert _render("{{ at|day_in_cities }}", "de", at=noon) == "3. Dezember 2026"


def test_the_profile_offers_berlin_and_kyiv_first_named_by_city():
    with translation.override("de"):
        (first_label, first), (rest_label, rest) = time_zone_choices()
        assert (str(first_label), str(rest_label)) == ("Partnerstädte", "Alle Zeitzonen")
        assert [zone for zone, _label in first] == ["Europe/Berlin", "Europe/Kyiv"]
        assert [str(label) for _zone, label in first] == ["Berlin (Dortmund)", "Kyjiw (Schytomyr)"]
    assert "America/New_York" in dict(rest)
    assert "Europe/Berlin" not in dict(rest)
    assert "Europe/Kiev" not in dict(rest)
