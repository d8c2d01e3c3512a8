"""The partnership's calendar for its members: a month (a table on wide screens, a list of the
days with events on a phone) and the upcoming events by day, each time on the clock of the
city where the event happens, with the addresses to subscribe in a calendar app."""

from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pobratym.core import formatting
from pobratym.core.changes import kept_page
from pobratym.core.forms import status_of
from pobratym.core.listing import filters_of
from pobratym.partnerships.access import partnership_for

from ..forms.calendar import FIRST_YEAR, LAST_YEAR, MonthForm
from ..models import Event
from ..selectors import calendar as selectors

VIEW = "exchanges.view_event"
PAGE_SIZE = 50


def _clock(value, zone: str) -> str:
    return formats.time_format(value.astimezone(ZoneInfo(zone)), "TIME_FORMAT")


def when(event: Event, part: str = "single") -> str:
    """When an event happens on one of its days, on its own city's clock: "10:00–12:00,
    Kyiv time" for an event of one day; "from 10:00", "all day", "until 16:00" on the days
    of a longer one; "10:00 until 5 June 2026, 16:00" under its first day (`span`)."""
    if part == "middle":
        return _("all day")
    zone = event.time_zone
    start, end = _clock(event.starts_at, zone), _clock(event.ends_at, zone)
    if part == "start":
        time = _("from %(time)s") % {"time": start}
    elif part == "end":
        time = _("until %(time)s") % {"time": end}
    elif part == "span":
        time = _("%(start)s until %(end_day)s, %(end)s") % {
            "start": start,
            "end_day": formatting.day(event.ends_at, zone),
            "end": end,
        }
    else:
        time = start if start == end else f"{start}–{end}"
    return pgettext("time in a city", "%(time)s, %(zone)s") % {
        "time": time,
        "zone": formatting.zone_name(zone),
    }


def feed_address(request, name: str, **kwargs) -> tuple[str, str]:
    """A feed's address in the reader's language, as https and as webcal (which opens the
    calendar app)."""
    address = request.build_absolute_uri(reverse(name, kwargs=kwargs))
    address += "?" + urlencode({"lang": get_language()})
    return address, "webcal://" + address.split("://", 1)[1]


def subscribe_addresses(request, partnership) -> dict:
    """The public feed's address for the "subscribe" box."""
    public, webcal = feed_address(request, "api:partnership_calendar", slug=partnership.slug)
    return {"public_feed": public, "public_webcal": webcal}


@login_required
@require_GET
def calendar_month(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = MonthForm(request.GET or None)

    def context() -> dict:
        today = timezone.localdate()
        chosen = filters_of(form).get("month") or today
        month = selectors.calendar_month(
            viewer=request.user, partnership=partnership, first=chosen.replace(day=1), today=today
        )
        for week in month.weeks:
            for shown in week:
                shown.entries = [(event, when(event, part)) for event, part in shown.events]
        title = formats.date_format(month.first, "YEAR_MONTH_FORMAT")
        return {
            "partnership": partnership,
            "head_title": f"{title} · {_('Calendar')} · {partnership}",
            "form": form,
            "month": month,
            "weekdays": [(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in range(7)],
            "this_month": today.replace(day=1),
            "show_previous": month.previous.year >= FIRST_YEAR,
            "show_next": month.next.year <= LAST_YEAR,
            **subscribe_addresses(request, partnership),
        }

    return kept_page(request, "exchanges/calendar_month.html", context, status=status_of(form))


@login_required
@require_GET
def calendar_upcoming(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        events = selectors.calendar_upcoming(viewer=request.user, partnership=partnership)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        days = []
        for event in page:
            starts, ends = selectors.local_dates(event)
            if not days or days[-1][0] != starts:
                days.append((starts, []))
            days[-1][1].append((event, when(event, "single" if starts == ends else "span")))
        return {
            "partnership": partnership,
            "head_title": f"{_('Upcoming events')} · {_('Calendar')} · {partnership}",
            "page": page,
            "days": days,
            "today": timezone.localdate(),
            **subscribe_addresses(request, partnership),
        }

    return kept_page(request, "exchanges/calendar_list.html", context)
