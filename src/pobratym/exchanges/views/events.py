"""Event pages: the list (upcoming or past), an event's page with its agenda, follow-up tasks
and photos, and the forms to add and correct an event; the agenda, tasks and photos are
changed from the event's page by plain POST forms."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.listing import filters_of, listed
from pobratym.partnerships import records
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    EventCreateForm,
    EventEditForm,
    EventFilterForm,
    EventPhotoForm,
    FollowUpForm,
)
from ..models import AgendaItem, FollowUp

PAGE_SIZE = 50
VIEW = "exchanges.view_event"
CHANGE = "exchanges.change_event"


def _event(request, slug: str, event_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    event = selectors.event_detail(viewer=request.user, partnership=partnership, event_id=event_id)
    if permission:
        require(request.user, permission, event)
    return partnership, event


def _to_event(slug: str, event_id: int, anchor: str = ""):
    response = redirect("exchanges:event_detail", slug=slug, event_id=event_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
@require_GET
def event_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = EventFilterForm(request.GET or None, partnership=partnership)
    filters = filters_of(form)
    past = filters.get("when") == selectors.PAST

    def context() -> dict:
        events = selectors.event_list(viewer=request.user, partnership=partnership, filters=filters)
        page = listed(request, form, events, {}, PAGE_SIZE)
        page["filtered"] = bool(filters.get("kind") or filters.get("focus_area"))
        title = _("Past events") if past else _("Upcoming events")
        return {
            "partnership": partnership,
            "head_title": f"{title} · {partnership}",
            "past": past,
            **page,
        }

    return kept_page(request, "exchanges/event_list.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, slug: str):
    partnership = partnership_for(request, slug, "exchanges.add_event")
    form = EventCreateForm(form_data(request), partnership=partnership)
    event = submit(
        request,
        form,
        lambda: services.event_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if event is not None:
        messages.success(request, _("The event was added. Now add its agenda."))
        return _to_event(slug, event.pk, "agenda")
    context = {"partnership": partnership, "form": form}
    return render(request, "exchanges/event_form.html", context, status=status_of(form))


def _next_step(event, can_change: bool, own_follow_ups: list) -> str:
    """The one thing to do next on an event's page: one's own open task first, then (for the
    offices) the agenda of a coming event or the outcomes of a past one, else a thread."""
    if own_follow_ups:
        return "follow_up"
    if can_change and event.ends_at >= timezone.now() and not event.agenda_items.all():
        return "agenda"
    if can_change and event.ends_at < timezone.now() and not event.outcomes:
        return "outcomes"
    return "thread"


def _detail(request, partnership, load, *, agenda_form=None, follow_up_form=None, photo_form=None):
    """An event's page; `load()` gives the event (its reads run only when the page's body is
    rendered, not while it is kept)."""

    def context() -> dict:
        event = load()
        can_change = rules.has_perm(CHANGE, request.user, event)
        own = [t for t in event.follow_ups.all() if t.owner_id == request.user.pk and not t.done_at]
        follow_ups = follow_up_form or FollowUpForm(
            prefix="follow_up", members=selectors.member_choices(partnership)
        )
        return {
            "partnership": partnership,
            "head_title": f"{shown(event, 'title').text} · {partnership}",
            "event": event,
            "can_change": can_change,
            "next_step": _next_step(event, can_change, own),
            "own_follow_up": own[0] if own else None,
            "about": records.reference(event),
            "agenda_form": agenda_form or AgendaItemForm(prefix="agenda"),
            "follow_up_form": follow_ups,
            "photo_form": photo_form or EventPhotoForm(prefix="photo"),
        }

    sent = agenda_form or follow_up_form or photo_form
    status = status_of(sent) if sent is not None else 200
    return kept_page(request, "exchanges/event_detail.html", context, status=status)


@login_required
@require_GET
def event_detail(request, slug: str, event_id: int):
    partnership = partnership_for(request, slug, VIEW)
    return _detail(
        request,
        partnership,
        lambda: selectors.event_detail(
            viewer=request.user, partnership=partnership, event_id=event_id
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, CHANGE)
    form = EventEditForm(form_data(request), instance=event, partnership=partnership)
    if submit(
        request,
        form,
        lambda: services.event_update(event=event, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The event was saved."))
        return _to_event(slug, event.pk)
    context = {"partnership": partnership, "form": form, "event": event}
    return render(request, "exchanges/event_form.html", context, status=status_of(form))


# --- agenda ---


@login_required
@require_POST
def agenda_item_add(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, CHANGE)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if submit(
        request,
        form,
        lambda: services.agenda_item_add(event=event, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The agenda item was added."))
        return _to_event(slug, event.pk, "agenda")
    return _detail(request, partnership, lambda: event, agenda_form=form)


def _agenda_item(event, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, event=event)


@login_required
@require_POST
def agenda_item_remove(request, slug: str, event_id: int, agenda_item_id: int):
    event = _event(request, slug, event_id, CHANGE)[1]
    services.agenda_item_remove(item=_agenda_item(event, agenda_item_id), by=request.user)
    messages.success(request, _("The agenda item was removed."))
    return _to_event(slug, event.pk, "agenda")


@login_required
@require_POST
def agenda_item_move(request, slug: str, event_id: int, agenda_item_id: int):
    event = _event(request, slug, event_id, CHANGE)[1]
    up = request.POST.get("direction") != "down"
    services.agenda_item_move(item=_agenda_item(event, agenda_item_id), by=request.user, up=up)
    return _to_event(slug, event.pk, "agenda")


# --- follow-up tasks ---


@login_required
@require_POST
def follow_up_add(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, CHANGE)
    form = FollowUpForm(
        request.POST, prefix="follow_up", members=selectors.member_choices(partnership)
    )
    if submit(
        request,
        form,
        lambda: services.follow_up_add(event=event, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The follow-up task was added."))
        return _to_event(slug, event.pk, "follow-ups")
    return _detail(request, partnership, lambda: event, follow_up_form=form)


@login_required
@require_POST
def follow_up_done(request, slug: str, event_id: int, follow_up_id: int):
    event = _event(request, slug, event_id)[1]
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id, event=event)
    services.follow_up_complete(follow_up=follow_up, by=request.user)
    messages.success(request, _("The follow-up task is marked done."))
    return _to_event(slug, event.pk, "follow-ups")


# --- photos ---


@login_required
@require_POST
def event_photo_add(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, CHANGE)
    form = EventPhotoForm(request.POST, request.FILES, prefix="photo")
    if submit(
        request,
        form,
        lambda: services.event_photo_add(event=event, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The photo was added."))
        return _to_event(slug, event.pk, "photos")
    return _detail(request, partnership, lambda: event, photo_form=form)


@login_required
@require_GET
def event_photo(request, slug: str, event_id: int, event_photo_id: int):
    """A photo, for members only (uploads are never served by path)."""
    partnership = partnership_for(request, slug, VIEW)
    photo = selectors.event_photo(
        viewer=request.user, partnership=partnership, event_id=event_id, photo_id=event_photo_id
    )
    return private_file(photo.image, inline_image=True)
