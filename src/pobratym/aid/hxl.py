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

import functools
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pobratym.core import csv
from pobratym.core.spreadsheets import yes_no_text
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import every_translation, text_in

from .models import InstitutionType, Need, NeedKind, NeedLine, NeedStatus, Priority, Sector, Unit
from .selectors import lines_with_coverage, need_list, with_status


@dataclass(frozen=True)
class Column:
    label: object
    hashtag: str
    value: Callable[[Need, NeedLine], object]


def _number(value) -> str:
    return format(value.normalize(), "f")


@functools.cache
def _translated(choices, value: str, language: str) -> str:
    return str(choices(value).label)


# The export's language, read once per export: asking Django for it in every cell of a
# large export costs more than the cell.
_language: ContextVar[str] = ContextVar("hxl_language", default="")


def _label(choices, value: str) -> str:
    """A choice's label, translated once per language: `get_FOO_display()` translates it
    again for every row, which was most of the time of a large export."""
    return _translated(choices, value, _language.get() or get_language())


def _in_each_language(label, hashtag: str, field: str, record_of) -> tuple[Column, ...]:
    """`field` of the record `record_of(need, line)` once per language of the site, tagged
    with HXL's language attribute: the original, a translation or nothing."""
    return tuple(
        Column(
            format_lazy("{label} ({language})", label=label, language=name),
            f"{hashtag}+i_{code}",
            lambda need, line, code=code: text_in(record_of(need, line), field, code),
        )
        for code, name in settings.LANGUAGES
    )


COLUMNS = (
    Column(_("Need"), "#meta+id", lambda need, line: need.pk),
    Column(_("Title"), "#meta+title", lambda need, line: need.title),
    *_in_each_language(_("Title"), "#meta+title", "title", lambda need, line: need),
    Column(_("Country"), "#country+code", lambda need, line: need.side.city.country.alpha3),
    Column(_("Region"), "#adm1+name", lambda need, line: need.side.city.region),
    Column(_("City or district"), "#adm2+name", lambda need, line: need.area),
    Column(_("Recipient institution"), "#org+name+recipient", lambda need, line: need.institution),
    Column(
        _("Type of institution"),
        "#org+type+recipient",
        lambda need, line: _label(InstitutionType, need.institution_type),
    ),
    Column(_("Sector code"), "#sector+code", lambda need, line: need.sector),
    Column(_("Sector"), "#sector+name", lambda need, line: _label(Sector, need.sector)),
    Column(_("Kind"), "#item+type", lambda need, line: _label(NeedKind, need.kind)),
    Column(_("Priority"), "#meta+priority", lambda need, line: _label(Priority, need.priority)),
    Column(
        _("Needed by"),
        "#date+deadline",
        lambda need, line: need.needed_by.isoformat() if need.needed_by else "",
    ),
    Column(_("Status"), "#status", lambda need, line: _label(NeedStatus, need.status)),
    Column(_("Item"), "#item+name", lambda need, line: line.item),
    *_in_each_language(_("Item"), "#item+name", "item", lambda need, line: line),
    Column(_("Specification"), "#item+description", lambda need, line: line.specification),
    Column(_("Unit"), "#item+unit", lambda need, line: _label(Unit, line.unit)),
    Column(_("Requested"), "#value+requested", lambda need, line: _number(line.quantity)),
    Column(_("Pledged"), "#value+pledged", lambda need, line: _number(line.pledged)),
)


def _address(need: Need, line: NeedLine) -> str:
    return need.address if need.sensitive_shown else ""


def _critical(need: Need, line: NeedLine) -> str:
    return yes_no_text(need.critical_infrastructure) if need.sensitive_shown else ""


# Members only, and filled only where `need.sensitive_shown` (the selectors blank them too).
SENSITIVE_COLUMNS = (
    Column(_("Exact address"), "#loc+name+address", _address),
    Column(_("Critical infrastructure"), "#indicator+critical", _critical),
)
MEMBER_COLUMNS = COLUMNS + SENSITIVE_COLUMNS


def _with_lines(needs: QuerySet) -> QuerySet:
    """With the lines (`write_hxl` fetches the translations of both, in every language)."""
    return needs.prefetch_related(
        Prefetch("lines", queryset=lines_with_coverage(), to_attr="coverage")
    )


def member_needs(*, viewer, partnership: Partnership) -> QuerySet:
    """Every need the member may see, as the needs list shows them (sensitive fields blanked
    row by row), with their lines and translations; the same number of queries whatever
    their number."""
    return _with_lines(need_list(viewer=viewer, partnership=partnership))


def public_needs(*, partnership: Partnership) -> QuerySet:
    """The partnership's public needs with status and lines with their pledged quantities, and
    the translations of both; four queries whatever their number. The sensitive columns are
    never read."""
    return _with_lines(
        with_status(Need.objects.filter(partnership=partnership, public=True))
        .defer("address", "critical_infrastructure")
        .select_related("side__city")
        .order_by("pk")
    )


def write_hxl(out, needs: Iterable[Need], columns: Sequence[Column] = COLUMNS) -> None:
    """Write the CSV to the text file `out` (opened with newline=""): `columns` over the
    lines (`need.coverage`) of `needs`. Open data uses the default, public columns. Text that
    a spreadsheet would run as a formula is written as text (`core.csv`)."""
    writer = csv.writer(out)
    writer.writerow([str(column.label) for column in columns])
    writer.writerow([column.hashtag for column in columns])
    needs = every_translation(list(needs))
    every_translation([line for need in needs for line in need.coverage])
    language = _language.set(get_language())
    try:
        for need in needs:
            for line in need.coverage:
                writer.writerow([column.value(need, line) for column in columns])
    finally:
        _language.reset(language)
