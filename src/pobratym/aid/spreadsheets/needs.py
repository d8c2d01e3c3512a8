"""Needs lists as spreadsheets: the template an office fills in, its all-or-nothing import
through `services.need_create`, and the export of the needs a member may see."""

import hashlib
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pobratym.core.errors import DomainError
from pobratym.core.inputs import TEXT_MAX_LENGTH
from pobratym.core.spreadsheets.columns import (
    GROUP,
    choice_column,
    choice_text,
    date_column,
    number_column,
    text_column,
    yes_no_column,
    yes_no_text,
)
from pobratym.core.spreadsheets.reading import Problem, Refused
from pobratym.core.spreadsheets.writing import in_readers_language, template_bytes
from pobratym.translation.selectors import with_translations

from .. import services
from ..models import (
    SPECIFICATION_MAX_LENGTH,
    InstitutionType,
    Need,
    NeedKind,
    NeedLine,
    Priority,
    Sector,
    Unit,
)
from ..selectors import lines_with_coverage, need_list
from .reading import read_groups
from .writing import readers_text

CHUNK = 500  # needs an export reads at a time

# Fixed for ever: keys made from it identify an uploaded file's needs across retries.
IMPORT_NAMESPACE = uuid.UUID("6f1c1d2e-5b8a-4f0e-9c1a-3d7e2b9a4c55")


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _length(model, name) -> int:
    return model._meta.get_field(name).max_length


REFERENCE = text_column(
    "reference", gettext_lazy("need reference"), 100, required=True, level=GROUP
)
COLUMNS = (
    REFERENCE,
    text_column("title", _label(Need, "title"), _length(Need, "title"), required=True, level=GROUP),
    choice_column("kind", _label(Need, "kind"), NeedKind.choices, required=True, level=GROUP),
    choice_column("sector", _label(Need, "sector"), Sector.choices, required=True, level=GROUP),
    choice_column("priority", _label(Need, "priority"), Priority.choices, level=GROUP),
    text_column(
        "institution",
        _label(Need, "institution"),
        _length(Need, "institution"),
        required=True,
        level=GROUP,
    ),
    choice_column(
        "institution_type",
        _label(Need, "institution_type"),
        InstitutionType.choices,
        required=True,
        level=GROUP,
    ),
    text_column("area", _label(Need, "area"), _length(Need, "area"), required=True, level=GROUP),
    text_column("address", _label(Need, "address"), _length(Need, "address"), level=GROUP),
    yes_no_column("critical_infrastructure", _label(Need, "critical_infrastructure"), level=GROUP),
    date_column("needed_by", _label(Need, "needed_by"), level=GROUP),
    text_column("description", _label(Need, "description"), TEXT_MAX_LENGTH, level=GROUP),
    text_column("item", _label(NeedLine, "item"), _length(NeedLine, "item"), required=True),
    text_column("specification", _label(NeedLine, "specification"), SPECIFICATION_MAX_LENGTH),
    number_column("quantity", _label(NeedLine, "quantity"), required=True),
    choice_column("unit", _label(NeedLine, "unit"), Unit.choices, required=True),
)
NEED_COLUMNS = tuple(column.name for column in COLUMNS if column.level == GROUP)[1:]


def need_template() -> bytes:
    """The needs list template in the active language."""
    instructions = [
        _("How to fill in the needs list"),
        _(
            "One row per item line. Rows with the same need reference (a short text of your "
            "choice, such as H-1) belong to one need; its title, kind, sector and the other "
            "columns up to the description are read from its first row and may be left empty "
            "in the rows after it."
        ),
        _("Columns marked * must be filled in."),
        _(
            "Kind, sector, priority, type of institution and unit: choose from the list in "
            "the cell, or write a value or code from the sheet “%(sheet)s”."
        )
        % {"sheet": _("Lists")},
        _("Quantity: a number greater than zero. Needed by: a date such as 2026-12-31."),
        _(
            "Exact address and critical infrastructure are shown only to the roles allowed "
            "to see them, never in open data."
        ),
        _(
            "The import takes all rows or none: if any row has a problem, you get a list of "
            "them by row and column, and nothing is imported. Uploading the same file again "
            "creates nothing twice."
        ),
    ]
    return template_bytes(COLUMNS, instructions, _("Needs"))


@dataclass(frozen=True)
class Imported:
    needs: int
    lines: int
    earlier: int


def _key(digest: str, reference: str) -> uuid.UUID:
    """The same file and reference give the same key, so a retried upload finds its needs."""
    return uuid.uuid5(IMPORT_NAMESPACE, f"{digest}:{reference}")


def need_import(*, partnership, by, upload) -> Imported:
    """Post every need of an uploaded needs list, or none: raises Refused with every
    problem of the sheet (by row and column) or of the needs it describes."""
    groups, data = read_groups(upload, REFERENCE, COLUMNS)
    digest = hashlib.sha256(data).hexdigest()
    keys = {group.key: _key(digest, group.key) for group in groups}
    earlier = set(
        Need.objects.filter(
            partnership=partnership, created_by=by, idempotency_key__in=keys.values()
        ).values_list("idempotency_key", flat=True)
    )
    problems, needs, lines = [], 0, 0
    with transaction.atomic():
        for group in groups:
            fields = {
                name: value for name in NEED_COLUMNS if (value := group.values[name]) is not None
            }
            fields["critical_infrastructure"] = bool(fields.get("critical_infrastructure"))
            try:
                services.need_create(
                    partnership=partnership,
                    by=by,
                    idempotency_key=keys[group.key],
                    lines=[
                        {name: value for name, value in line.items() if value is not None}
                        for _row, line in group.lines
                    ],
                    **fields,
                )
            except DomainError as error:
                problems.append(Problem(group.row, "", error.message))
                continue
            if keys[group.key] not in earlier:
                needs += 1
                lines += len(group.lines)
        if problems:
            raise Refused(problems)  # inside the transaction: every need made so far goes too
    return Imported(needs=needs, lines=lines, earlier=len(earlier))


# Export -----------------------------------------------------------------------------------


def _coverage_columns() -> list[tuple[str, object]]:
    """Requested and pledged, and shipped and received once the selectors count them."""
    annotations = lines_with_coverage().query.annotations
    names = [
        ("quantity", gettext_lazy("requested")),
        ("pledged", gettext_lazy("pledged")),
        ("shipped", gettext_lazy("shipped")),
        ("received", gettext_lazy("received")),
    ]
    return [(name, label) for name, label in names if name == "quantity" or name in annotations]


def needs_for_export(*, viewer, partnership, filters=None):
    """The needs of the list page (same filters, same scope), each with `coverage`, its lines,
    both with their translations into the reader's language; the same number of queries
    however many there are."""
    lines = with_translations(lines_with_coverage())
    return need_list(viewer=viewer, partnership=partnership, filters=filters).prefetch_related(
        Prefetch("lines", queryset=lines, to_attr="coverage")
    )


def need_table(needs) -> tuple[list, list]:
    """Headers and rows of a needs export: one row per item line, what people typed as written
    and in the reader's language side by side. The exact address and the
    critical-infrastructure mark are filled only where the viewer may see them."""
    coverage = _coverage_columns()

    def typed(model, field):
        return [_label(model, field), in_readers_language(_label(model, field))]

    headers = [
        _("Need"),
        *typed(Need, "title"),
        _("status"),
        _label(Need, "kind"),
        _label(Need, "sector"),
        _label(Need, "priority"),
        *typed(Need, "institution"),
        _label(Need, "institution_type"),
        *typed(Need, "area"),
        _label(Need, "address"),
        _label(Need, "critical_infrastructure"),
        _label(Need, "needed_by"),
        *typed(NeedLine, "item"),
        *typed(NeedLine, "specification"),
        _label(NeedLine, "unit"),
        *(label for _name, label in coverage),
    ]

    def rows():
        for need in needs:
            shown = need.sensitive_shown
            # The need's cells once for all its lines.
            of_need = [
                need.pk,
                need.title,
                readers_text(need, "title"),
                choice_text(Need.Status, need.status),
                choice_text(Need.Kind, need.kind),
                choice_text(Need.Sector, need.sector),
                choice_text(Need.Priority, need.priority),
                need.institution,
                readers_text(need, "institution"),
                choice_text(Need.InstitutionType, need.institution_type),
                need.area,
                readers_text(need, "area"),
                need.address if shown else "",
                yes_no_text(need.critical_infrastructure) if shown else "",
                need.needed_by,
            ]
            for line in need.coverage:
                yield [
                    *of_need,
                    line.item,
                    readers_text(line, "item"),
                    line.specification,
                    readers_text(line, "specification"),
                    choice_text(Unit, line.unit),
                    *(getattr(line, name) for name, _heading in coverage),
                ]

    return headers, rows()
