"""Every read of the public portal: what anybody may see of a partnership, composed from the
domains' public records (needs, projects and events marked public, agreements in force, the
news) and nothing else. Each read is a fixed number of queries however many records there
are; lists are cut to a few, so a page stays light on a weak connection.

What is never read here: needs not public, exact addresses and the critical-infrastructure
mark, projects and events not public, participants (only their number), letters, threads,
contacts, members."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from pobratym.agreements.selectors.agreements import PublicStep, public_timeline
from pobratym.aid import selectors as aid
from pobratym.exchanges import selectors as exchanges
from pobratym.exchanges.models import Event
from pobratym.exchanges.selectors.participants import public_participant_counts
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.partnerships.selectors import partnership_public_list
from pobratym.projects import selectors as projects
from pobratym.projects.models import Project
from pobratym.translation.selectors import with_translations

from .models import NewsPost

SHOWN = 10  # of each list: projects, upcoming and past events, news, needs
FEED_POSTS = 20


def portal_partnerships() -> QuerySet[Partnership]:
    """The partnerships of this installation shown to everyone: the active ones."""
    return partnership_public_list()


def portal_partnership(slug: str) -> Partnership:
    """An active partnership with its cities, for anybody; 404 for any other."""
    partnership = (
        portal_partnerships()
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position")))
        .filter(slug=slug)
        .first()
    )
    if partnership is None:
        raise Http404
    return partnership


def public_projects(partnership: Partnership) -> QuerySet[Project]:
    """The public projects, running first, with their milestones done and in all."""
    return with_translations(
        projects.with_milestones(projects.public_projects(partnership=partnership))
        .select_related("focus_area")
        .order_by("-starts_on", "pk")
    )[:SHOWN]


def _events(partnership: Partnership) -> QuerySet[Event]:
    return with_translations(
        exchanges.public_events(partnership=partnership).select_related(
            "host_side__city", "focus_area"
        )
    )


@dataclass(frozen=True)
class Events:
    upcoming: list
    past: list


def public_events(partnership: Partnership) -> Events:
    """The next and the latest public events, each with only the number of its participants
    (`participant_count`): never a name, and nothing of a minor. Four queries."""
    now = timezone.now()
    upcoming = list(_events(partnership).filter(ends_at__gte=now).order_by("starts_at")[:SHOWN])
    past = list(_events(partnership).filter(ends_at__lt=now).order_by("-starts_at")[:SHOWN])
    counts = public_participant_counts(event_ids=[event.pk for event in upcoming + past])
    for event in upcoming + past:
        found = counts.get(event.pk)
        event.participant_count = found.total if found else 0
    return Events(upcoming=upcoming, past=past)


def news_of(partnership: Partnership, limit: int = SHOWN) -> QuerySet[NewsPost]:
    """The partnership's latest news, newest first, in the reader's language."""
    posts = NewsPost.objects.filter(partnership=partnership).select_related("partnership")
    return with_translations(posts)[:limit]


def news_photo(*, slug: str, post_id: int) -> NewsPost:
    """A post with a photo, of an active partnership; 404 for any other."""
    post = (
        NewsPost.objects.filter(pk=post_id, partnership__in=portal_partnerships())
        .filter(partnership__slug=slug)
        .exclude(photo="")
        .first()
    )
    if post is None:
        raise Http404
    return post


@dataclass(frozen=True)
class Portal:
    partnership: Partnership
    sides: list[Side]
    focus_areas: list[FocusArea]
    story: list[PublicStep]
    aid: aid.Dashboard
    projects: list[Project]
    events: Events
    news: list[NewsPost]
    needs: list


def portal_of(slug: str, today: date | None = None) -> Portal:
    """Everything one partnership's portal page shows, for anybody."""
    partnership = portal_partnership(slug)
    return Portal(
        partnership=partnership,
        sides=list(partnership.sides.all()),
        focus_areas=list(partnership.focus_areas.all()),
        story=public_timeline(partnership=partnership, today=today),
        aid=aid.aid_public_figures(partnership=partnership, today=today),
        projects=list(public_projects(partnership)),
        events=public_events(partnership),
        news=list(news_of(partnership)),
        needs=list(aid.public_open_needs(partnership=partnership, limit=SHOWN)),
    )


# --- the members' pages of the news ---


def news_list(*, partnership: Partnership) -> QuerySet[NewsPost]:
    """Every post of the partnership, newest first, for its members' list."""
    return with_translations(
        NewsPost.objects.filter(partnership=partnership).select_related("created_by")
    )


def news_post_get(*, partnership: Partnership, post_id: int) -> NewsPost:
    post = NewsPost.objects.filter(partnership=partnership, pk=post_id).first()
    if post is None:
        raise Http404
    return post
