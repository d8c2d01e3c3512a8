"""What an organisation took part in, in exchanges, on its page in the directory: the events
its people took part in (registered in apps.py with `directory.involvement`).

Members see the events (as `exchanges.view_event` allows), by title in the reader's language,
start and whether they are still to come; never who took part, so no name of a minor reaches
the page. Three queries, however many events there are.
"""

import rules
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pobratym.directory.involvement import ROWS, Row, Section
from pobratym.translation.selectors import reader_translations, shown

from .models import Event, Participant


def events(viewer, organisation) -> Section | None:
    """The events with a participant from the organisation, newest first."""
    if not rules.has_perm("exchanges.view_event", viewer, organisation.partnership):
        return None
    taking_part = Participant.objects.filter(
        event=OuterRef("pk"), contact__organisation=organisation
    )
    found = Event.objects.filter(partnership=organisation.partnership_id).filter(
        Exists(taking_part)
    )
    total = found.count()
    if not total:
        return None
    newest = found.prefetch_related(reader_translations()).order_by("-starts_at", "-pk")[:ROWS]
    slug, now = organisation.partnership.slug, timezone.now()
    rows = [
        Row(
            title=shown(event, "title").text,
            when=event.starts_at,
            status=pgettext("one event", "upcoming")
            if event.ends_at >= now
            else pgettext("one event", "took place"),
            url=reverse("exchanges:event_detail", args=[slug, event.pk]),
            role=_("participants"),
        )
        for event in newest
    ]
    return Section(_("Events"), rows, total)
