"""Columns of imported spreadsheets: each parses and checks its cells, and knows its header in
every language of the site, so a sheet filled in German reads like one in Ukrainian."""

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

GROUP, LINE = "group", "line"
YES = {"yes", "y", "ja", "j", "так", "true", "1", "x"}
NO = {"no", "n", "nein", "ні", "false", "0"}


class CellError(Exception):
    pass


@dataclass(frozen=True)
class Column:
    """A column of a sheet: `parse` turns a filled cell into a value or raises CellError.

    `level` is GROUP for columns of the record a row belongs to (a need, a package), given
    on its first row, or LINE for columns of each row (every column of a list without
    groups). `kind` picks the template's cell
    check; `choices` are (code, label) pairs."""

    name: str
    label: object
    parse: Callable[[object], object]
    required: bool = False
    level: str = LINE
    kind: str = "text"
    choices: Sequence[tuple[str, object]] = ()

    def title(self) -> str:
        """The header as the template writes it; `*` marks a required column."""
        return f"{capfirst(self.label)} *" if self.required else capfirst(self.label)

    def headers(self) -> set[str]:
        """Every header accepted for this column: its label in each language, its name."""
        found = {normalized(self.name), normalized(self.name.replace("_", " "))}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                found.add(normalized(str(self.label)))
        return found


def capfirst(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def normalized(text: str) -> str:
    return " ".join(str(text).replace("*", " ").casefold().split())


# Cell parsers -----------------------------------------------------------------------------


def _plain_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a reference typed as 12 arrives as 12.0
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return str(value).strip()


def text_column(name, label, max_length: int, **options) -> Column:
    def parse(value) -> str:
        value = _plain_text(value)
        if len(value) > max_length:
            raise CellError(
                ngettext(
                    "Use at most %(count)d character.",
                    "Use at most %(count)d characters.",
                    max_length,
                )
                % {"count": max_length}
            )
        return value

    return Column(name, label, parse, **options)


def _choice_lookup(choices, built: dict | None = None) -> dict[str, str]:
    """Code or label, in any language, to the code; codes win, then the active language.
    Kept in `built` per active language, as every cell of a column asks again."""
    active = translation.get_language()
    if built is not None and active in built:
        return built[active]
    lookup = {normalized(code): code for code, _label in choices}
    languages = [translation.get_language()] + [code for code, _name in settings.LANGUAGES]
    for language in languages:
        with translation.override(language):
            for code, label in choices:
                lookup.setdefault(normalized(str(label)), code)
    if built is not None:
        built[active] = lookup
    return lookup


def choice_column(name, label, choices, **options) -> Column:
    choices = tuple(choices)
    built = {}

    def parse(value) -> str:
        code = _choice_lookup(choices, built).get(normalized(_plain_text(value)))
        if code is None:
            raise CellError(
                _("“%(value)s” is not in the list. Choose one of: %(choices)s.")
                % {
                    "value": _plain_text(value),
                    "choices": ", ".join(str(label) for _code, label in choices),
                }
            )
        return code

    return Column(name, label, parse, kind="choice", choices=choices, **options)


LIST_SEPARATORS = re.compile(r"[,;/\n]")


def choices_column(name, label, choices, **options) -> Column:
    """Several values of `choices` in one cell, separated by commas (or semicolons, slashes,
    line breaks): codes or labels in any language, read in the order of `choices`."""
    choices = tuple(choices)
    built = {}

    def parse(value) -> list[str]:
        lookup = _choice_lookup(choices, built)
        words = [word for word in LIST_SEPARATORS.split(_plain_text(value)) if word.strip()]
        unknown = [word.strip() for word in words if normalized(word) not in lookup]
        if unknown:
            raise CellError(
                _("“%(value)s” is not in the list. Choose one of: %(choices)s.")
                % {
                    "value": ", ".join(unknown),
                    "choices": ", ".join(str(label) for _code, label in choices),
                }
            )
        codes = {lookup[normalized(word)] for word in words}
        return [code for code, _label in choices if code in codes]

    return Column(name, label, parse, kind="choices", choices=choices, **options)


def choices_text(codes, choices) -> str:
    """Codes as a `choices_column` reads them back: their labels, separated by commas."""
    labels = dict(choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def _decimal(value) -> Decimal:
    if isinstance(value, bool | datetime | date):
        raise CellError(_("Enter a number."))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # 2,5 as German and Ukrainian write it
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise CellError(_("Enter a number.")) from error
    if not number.is_finite():
        raise CellError(_("Enter a number."))
    return number


def number_column(name, label, places: int = 3, digits: int = 14, **options) -> Column:
    """A number greater than zero with at most `places` decimals, as the model stores it."""

    def parse(value) -> Decimal:
        number = _decimal(value)
        if number <= 0:
            raise CellError(_("Enter a number greater than zero."))
        if number.as_tuple().exponent < -places and number != round(number, places):
            raise CellError(
                ngettext(
                    "Use at most %(count)d decimal place.",
                    "Use at most %(count)d decimal places.",
                    places,
                )
                % {"count": places}
            )
        number = round(number, places)
        if number >= Decimal(10) ** (digits - places):
            raise CellError(_("This number is too large."))
        return number

    return Column(name, label, parse, kind="number", **options)


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


def date_column(name, label, **options) -> Column:
    def parse(value) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            for pattern in DATE_FORMATS:
                try:
                    return datetime.strptime(value.strip(), pattern).date()
                except ValueError:
                    continue
        raise CellError(_("Enter a date such as 2026-12-31 or 31.12.2026."))

    return Column(name, label, parse, kind="date", **options)


def _yes_no() -> tuple[tuple[str, object], ...]:
    return (("yes", gettext_lazy("yes")), ("no", gettext_lazy("no")))


def yes_no_column(name, label, **options) -> Column:
    built = {}

    def parse(value) -> bool:
        if isinstance(value, bool):
            return value
        word = normalized(_plain_text(value))
        lookup = _choice_lookup(_yes_no(), built)
        if word in YES or lookup.get(word) == "yes":
            return True
        if word in NO or lookup.get(word) == "no":
            return False
        raise CellError(_("Enter yes or no."))

    return Column(name, label, parse, kind="choice", choices=_yes_no(), **options)


@functools.cache
def _choice_label(choices, value: str, language: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # not (or no longer) a choice: as `get_FOO_display()`, the value
        return value


def choice_text(choices, value: str, language: str | None = None) -> str:
    """The label of `value` among `choices` (TextChoices) as exports write it, in `language`
    (the active one if not given), translated once per language: `get_FOO_display()`
    translates every choice of the field again for every row, most of the time of a large
    export."""
    return _choice_label(choices, value, language or translation.get_language())


def yes_no_text(value: bool | None) -> str:
    """A yes-or-no mark as exports write it; empty where it is not known or not shown."""
    if value is None:
        return ""
    return _("yes") if value else _("no")
