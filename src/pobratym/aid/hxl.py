"""Open data: the public needs of a partnership as CSV tagged with the Humanitarian Exchange
Language (HXL 1.1): a row of labels, a row of hashtags, then one row per need line.

Tags follow the HXL core dictionary (#country, #adm1, #adm2, #org, #sector, #item, #date,
#status, #value, #meta); attributes beyond the documented ones (+requested, +pledged,
+deadline, +priority, +recipient) are HXL's way to refine a tag and are read by any HXL tool.
Titles and item names come as written, then once per language with HXL's language attribute
(+i_de, +i_uk, +i_en): the original in its language's column, translations in the others,
empty where there is none yet.
Only needs a coordinator made public appear, and never an exact address or the
critical-infrastructure mark: open data is for anyone. Members download the same columns over
every need they may see, with those two filled only where their role may see them; one writer
serves both.
"""

import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pobratym.core import csv
from pobratym.core.spreadsheets import choice_text, yes_no_text
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import every_translation, text_in, translated_chunks

from .models import InstitutionType, Need, NeedKind, NeedLine, NeedStatus, Priority, Sector, Unit
from .selectors import lines_with_coverage, need_list, with_status

CHUNK = 500  # needs read and written at a time: about 5,000 lines


@dataclass(frozen=True)
class Column:
    """A column of the export: `value(need)`, or `value(line)` for a line's own column."""

    label: object
    hashtag: str
    value: Callable[[Need], object] | Callable[[NeedLine], object]
    of_line: bool = False


def _number(value) -> str:
    return format(value.normalize(), "f")


# The export's language, read once per chunk: asking Django for it in every cell of a large
# export costs more than the cell.
_language: ContextVar[str] = ContextVar("hxl_language", default="")


def _label(choices, value: str) -> str:
    return choice_text(choices, value, _language.get() or None)


@contextmanager
def _in_language(language: str) -> Iterator[None]:
    """Words and labels in `language` while a chunk is written (never across a `yield`: the
    pieces are read one by one, after the request has ended)."""
    token = _language.set(language)
    try:
        with translation.override(language):
            yield
    finally:
        _language.reset(token)


def _in_each_language(label, hashtag: str, field: str, of_line: bool = False) -> tuple:
    """`field` of the need (or line) once per language of the site, tagged with HXL's
    language attribute: the original, a translation or nothing."""
    return tuple(
        Column(
            format_lazy("{label} ({language})", label=label, language=name),
            f"{hashtag}+i_{code}",
            lambda record, code=code: text_in(record, field, code),
            of_line,
        )
        for code, name in settings.LANGUAGES
    )


COLUMNS = (
    Column(_("Need"), "#meta+id", lambda need: need.pk),
    Column(_("Title"), "#meta+title", lambda need: need.title),
    *_in_each_language(_("Title"), "#meta+title", "title"),
    Column(_("Country"), "#country+code", lambda need: need.side.city.country.alpha3),
    Column(_("Region"), "#adm1+name", lambda need: need.side.city.region),
    Column(_("City or district"), "#adm2+name", lambda need: need.area),
    Column(_("Recipient institution"), "#org+name+recipient", lambda need: need.institution),
    Column(
        _("Type of institution"),
        "#org+type+recipient",
        lambda need: _label(InstitutionType, need.institution_type),
    ),
    Column(_("Sector code"), "#sector+code", lambda need: need.sector),
    Column(_("Sector"), "#sector+name", lambda need: _label(Sector, need.sector)),
    Column(_("Kind"), "#item+type", lambda need: _label(NeedKind, need.kind)),
    Column(_("Priority"), "#meta+priority", lambda need: _label(Priority, need.priority)),
    Column(
        _("Needed by"),
        "#date+deadline",
        lambda need: need.needed_by.isoformat() if need.needed_by else "",
    ),
    Column(_("Status"), "#status", lambda need: _label(NeedStatus, need.status)),
    Column(_("Item"), "#item+name", lambda line: line.item, of_line=True),
    *_in_each_language(_("Item"), "#item+name", "item", of_line=True),
    Column(_("Specification"), "#item+description", lambda line: line.specification, True),
    Column(_("Unit"), "#item+unit", lambda line: _label(Unit, line.unit), of_line=True),
    Column(_("Requested"), "#value+requested", lambda line: _number(line.quantity), True),
    Column(_("Pledged"), "#value+pledged", lambda line: _number(line.pledged), of_line=True),
)


def _address(need: Need) -> str:
    return need.address if need.sensitive_shown else ""


def _critical(need: Need) -> str:
    return yes_no_text(need.critical_infrastructure) if need.sensitive_shown else ""


# Members only, and filled only where `need.sensitive_shown` (the selectors blank them too).
SENSITIVE_COLUMNS = (
    Column(_("Exact address"), "#loc+name+address", _address),
    Column(_("Critical infrastructure"), "#indicator+critical", _critical),
)
MEMBER_COLUMNS = COLUMNS + SENSITIVE_COLUMNS


@dataclass(slots=True)
class Line:
    """A need line as the export writes it, read as plain values: building a model instance
    for each line took most of the time of a large export. `text_in` reads it as a line."""

    pk: int
    need_id: int
    language: str
    item: str
    specification: str
    unit: str
    quantity: Decimal
    pledged: Decimal
    every_translation: list = dataclass_field(default_factory=list)

    def original(self, field: str) -> str:
        return getattr(self, field) or ""


_LINE_VALUES = tuple(field.name for field in dataclass_fields(Line))[:-1]


def _lines_of(needs: list[Need]) -> dict[int, list[Line]]:
    """The lines of `needs` with their pledged quantities and every translation, by need, in
    two queries."""
    rows = lines_with_coverage().filter(need__in=[need.pk for need in needs])
    lines = [Line(*values) for values in rows.values_list(*_LINE_VALUES)]
    every_translation(lines, model=NeedLine)
    found = defaultdict(list)
    for line in lines:
        found[line.need_id].append(line)
    return found


def member_needs(*, viewer, partnership: Partnership) -> QuerySet:
    """Every need the member may see, as the needs list shows them (sensitive fields blanked
    row by row); `hxl_text` reads their lines and the translations of both."""
    return need_list(viewer=viewer, partnership=partnership).prefetch_related(None)


def public_needs(*, partnership: Partnership) -> QuerySet:
    """The partnership's public needs with their status; `hxl_text` reads their lines and
    the translations of both. The sensitive columns are never read."""
    return (
        with_status(Need.objects.filter(partnership=partnership, public=True))
        .defer("address", "critical_infrastructure")
        .select_related("side__city")
        .order_by("pk")
    )


def hxl_text(needs: QuerySet, columns: Sequence[Column] = COLUMNS) -> Iterator[str]:
    """The CSV as pieces of text: the labels and the hashtags, then `columns` over the lines
    of a chunk of `needs` at a time (four queries a chunk), in the language active now (the
    pieces may be read after the request has ended). Open data uses the default, public
    columns. Text that a spreadsheet would run as a formula is written as text (`core.csv`)."""
    language = get_language()
    with _in_language(language):
        head = _rows_text([[str(column.label) for column in columns]])
    return _hxl_chunks(head, needs, columns, language)


def _hxl_chunks(head: str, needs, columns, language: str) -> Iterator[str]:
    yield head + _rows_text([[column.hashtag for column in columns]])
    for chunk in translated_chunks(needs, CHUNK):
        lines = _lines_of(chunk)
        with _in_language(language):
            text = _rows_text(_rows(chunk, lines, columns))
        del chunk, lines
        yield text


def _rows(needs: Iterable[Need], lines: dict, columns: Sequence[Column]) -> Iterator[list]:
    """A row per line: the need's cells made once for all its lines, the line's own for
    each, every cell as `core.csv` writes text."""
    of_need = [(index, column.value) for index, column in enumerate(columns) if not column.of_line]
    of_line = [(index, column.value) for index, column in enumerate(columns) if column.of_line]
    for need in needs:
        row = [None] * len(columns)
        for index, value in of_need:
            row[index] = csv.text_cell(value(need))
        for line in lines.get(need.pk, ()):
            for index, value in of_line:
                row[index] = csv.text_cell(value(line))
            yield list(row)


def _rows_text(rows: Iterable[list]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows_of_cells(rows)
    return out.getvalue()
