"""Aid pages: the dashboard of needs, pledges, shipments and receipts with its charts."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from pobratym.core.changes import kept_page
from pobratym.partnerships.access import partnership_for

from .. import selectors

# The month chart's drawing area, in SVG user units; it scales with the page.
CHART_WIDTH = 720
CHART_TOP = 30
CHART_BASE = 220
GROUP = 60
BAR = 14
# Named after what the bar measures: value pledged, shipped or received in a month.
SERIES = (
    ("pledged", pgettext_lazy("value in a month", "pledged")),
    ("shipped", pgettext_lazy("value in a month", "shipped")),
    ("received", pgettext_lazy("value in a month", "received")),
)


@dataclass(frozen=True)
class Bar:
    series: str
    label: str
    value: object
    x: int
    y: int
    height: int


def _scaled(value, largest, length: int) -> int:
    """`value` as a share of `length`; at least 1 when it is not zero, so it stays visible."""
    if not largest or not value:
        return 0
    return max(1, round(float(value) / float(largest) * length))


def month_chart(months: list) -> dict:
    """Where each month's pledged, shipped and received bars go in the SVG chart."""
    largest = max((getattr(m, key) for m in months for key, _label in SERIES), default=0)
    groups = []
    for index, month in enumerate(months):
        left = index * GROUP
        bars = []
        for position, (key, label) in enumerate(SERIES):
            value = getattr(month, key)
            height = _scaled(value, largest, CHART_BASE - CHART_TOP)
            x = left + 7 + position * (BAR + 1)
            bars.append(Bar(key, label, value, x, CHART_BASE - height, height))
        groups.append({"month": month.month, "bars": bars, "middle": left + GROUP // 2})
    return {
        "groups": groups,
        "largest": largest,
        "width": len(months) * GROUP,
        "base": CHART_BASE,
        "top": CHART_TOP,
    }


def donor_bars(donors: list) -> list[dict]:
    """Each donor row with its bar lengths (0 to 100) against the largest pledged value."""
    largest = max((donor.pledged for donor in donors), default=0)
    return [
        {
            "donor": donor,
            "pledged_width": _scaled(donor.pledged, largest, 100),
            "shipped_width": _scaled(donor.shipped, largest, 100),
        }
        for donor in donors
    ]


@login_required
@require_GET
def dashboard(request, slug: str):
    partnership = partnership_for(request, slug, "aid.view_need")

    def context() -> dict:
        figures = selectors.aid_dashboard(viewer=request.user, partnership=partnership)
        donors = figures.donors + ([figures.other_donors] if figures.other_donors else [])
        return {
            "partnership": partnership,
            "head_title": f"{_('Aid dashboard')} · {partnership}",
            "figures": figures,
            "donor_rows": donor_bars(donors),
            "chart": month_chart(figures.months),
            "series": SERIES,
        }

    return kept_page(request, "aid/dashboard/dashboard.html", context)
