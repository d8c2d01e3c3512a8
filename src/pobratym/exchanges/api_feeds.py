"""The iCalendar feeds, in the API beside the JSON: a partnership's public events for anybody
(`/api/v1/partnerships/<slug>/events.ics`), and a person's private feed behind a secret address
(`/api/v1/calendar/feeds/<secret>.ics`), read by calendar apps that cannot sign in.

Both stream (`StreamingHttpResponse`, a chunk per few hundred events) in two queries however
many events: the partnership or the feed, then the events with their texts in the feed's
language (`?lang=de|uk|en`), read in chunks. Ninja endpoints with `auth=None`, so the feeds
appear in the API's documentation beside the JSON they mirror.
"""

from collections.abc import Callable
from typing import Literal

from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router

from pobratym.core.inputs import Slug

from .ical import Feed, calendar_stream
from .models import Event
from .selectors import calendar as selectors

router = Router(tags=["calendar"])

Language = Literal["de", "uk", "en"]
CALENDAR = {
    200: {
        "description": "An iCalendar (RFC 5545) file, streamed.",
        "content": {"text/calendar": {"schema": {"type": "string"}}},
    },
    404: {"description": "No such partnership, or a revoked or unknown secret."},
}


def _addresses(request, language: str) -> Callable[[Event], str]:
    """The event's page in the feed's language, made once per partnership, not per event."""
    prefixes = {}

    def address(event: Event) -> str:
        slug = event.partnership.slug
        if slug not in prefixes:
            with translation.override(language):
                page = reverse("exchanges:event_detail", args=[slug, 0])
            prefixes[slug] = request.build_absolute_uri(page.removesuffix("0/"))
        return f"{prefixes[slug]}{event.pk}/"

    return address


def _calendar(request, events, *, name: str, language: str) -> StreamingHttpResponse:
    feed = Feed(
        name=name,
        language=language,
        host=request.get_host().split(":")[0],
        address=_addresses(request, language),
    )
    response = StreamingHttpResponse(
        calendar_stream(events.iterator(chunk_size=500), feed),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


@router.get(
    "/partnerships/{slug}/events.ics",
    auth=None,
    url_name="partnership_calendar",
    summary="The partnership's public events (iCalendar)",
    openapi_extra={"responses": CALENDAR},
)
def partnership_calendar(request, slug: Slug, lang: Language | None = None):
    """The public events of the partnership, for anybody, in `lang` (by default the
    language of its first side's city)."""
    sides = selectors.feed_sides(slug)
    if not sides:
        raise Http404
    language = lang or selectors.language_of_side(sides[0])
    with translation.override(language):
        cities = " – ".join(side.city.name for side in sides)
        name = _("%(partnership)s: events") % {"partnership": cities}
    events = selectors.public_feed_events(partnership=sides[0].partnership, language=language)
    return _calendar(request, events, name=name, language=language)


@router.get(
    "/calendar/feeds/{secret}.ics",
    auth=None,
    url_name="person_calendar",
    summary="A person's private calendar feed (iCalendar)",
    openapi_extra={"responses": CALENDAR},
)
def person_calendar(request, secret: str, lang: Language | None = None):
    """Every event of every partnership the feed's person is a member of, public or not;
    the secret in the address is the key. 404 once revoked."""
    feed = selectors.feed_by_secret(secret)
    if feed is None:
        raise Http404
    language = lang or (
        feed.user.language if feed.user.language in selectors.FEED_LANGUAGES else "en"
    )
    with translation.override(language):
        name = _("Events of my partnerships")
    events = selectors.person_feed_events(user=feed.user, language=language)
    response = _calendar(request, events, name=name, language=language)
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
