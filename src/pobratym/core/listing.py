"""What every list page shares: `?sort=` against an allow-list, the links in its column
headers, and the query string its pagination and filters keep."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, QuerySet

from .changes import kept_page
from .forms import status_of


@dataclass(frozen=True)
class Column:
    """A sortable column header: the link that sorts by it (the other way round when the list
    is already sorted by it) and its `aria-sort`."""

    url: str
    aria_sort: str  # "ascending", "descending" or "" when the list is not sorted by it


class Listing:
    """`sorts` maps each sortable column's name to the fields it orders by. An unknown
    `?sort=` is ignored: the list keeps its default order."""

    def __init__(self, request, sorts: Mapping[str, tuple[str, ...]]):
        self.sorts = sorts
        written = request.GET.get("sort", "")
        self.sort = written if written.removeprefix("-") in sorts else ""
        query = request.GET.copy()
        query.pop("page", None)
        self.query = query.urlencode()
        self.columns = {name: self._column(query, name) for name in sorts}

    def _column(self, query, name: str) -> Column:
        query = query.copy()
        query["sort"] = f"-{name}" if self.sort == name else name
        aria = {name: "ascending", f"-{name}": "descending"}.get(self.sort, "")
        return Column(url=f"?{query.urlencode()}", aria_sort=aria)

    def order(self, records: QuerySet) -> QuerySet:
        if not self.sort:
            return records
        descending = self.sort.startswith("-")
        fields = self.sorts[self.sort.removeprefix("-")]
        order = [
            F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
            for field in fields
        ]
        return records.order_by(*order, "-pk" if descending else "pk")


def filters_of(form) -> dict:
    """The filters a list's GET form holds, or none while it has errors (shown with it)."""
    return form.cleaned_data if form.is_valid() else {}


def listed(request, form, records: QuerySet, sorts, page_size: int) -> dict:
    """What a filtered, sorted and paginated list page shows: its form, the page of records
    in the order asked for, the `Listing`, the query its links keep, and whether a filter is
    set (the disclosure is open then)."""
    listing = Listing(request, sorts)
    page = Paginator(listing.order(records), page_size).get_page(request.GET.get("page"))
    return {
        "form": form,
        "page": page,
        "listing": listing,
        "query": listing.query,
        "filtered": any(filters_of(form).values()),
    }


def kept_list(request, template_name, title, partnership, form, selector, sorts, page_size):
    """A partnership's filtered list page, kept until anything is written
    (`core.changes.kept_page`): `selector(viewer=, partnership=, filters=)` is asked for the
    form's filters only when the body is rendered; an invalid filter answers 400 with the
    form."""

    def context() -> dict:
        records = selector(viewer=request.user, partnership=partnership, filters=filters_of(form))
        return {
            "partnership": partnership,
            "head_title": f"{title} · {partnership}",
            **listed(request, form, records, sorts, page_size),
        }

    return kept_page(request, template_name, context, status=status_of(form))


def kept_records(request, template_name, title, partnership, name, selector):
    """A partnership's page of its records, `selector(viewer=, partnership=)` under `name`,
    kept until anything is written (`core.changes.kept_page`): the selector is asked only
    when the body is rendered."""

    def context() -> dict:
        return {
            "partnership": partnership,
            "head_title": f"{title} · {partnership}",
            name: selector(viewer=request.user, partnership=partnership),
        }

    return kept_page(request, template_name, context)
