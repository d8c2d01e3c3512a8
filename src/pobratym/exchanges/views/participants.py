"""Pages of an event's participants: add one (with the guardian's consent for a minor),
remove one, and import or export the list as a spreadsheet; the list itself is on the event's
page (partials/participants.html)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.spreadsheets import csv_response, xlsx_download, xlsx_response
from pobratym.core.spreadsheets.pages import import_view

from .. import services, spreadsheets
from ..forms.participants import ParticipantForm
from ..models import Participant
from ..selectors.participants import contact_choices, participants_for_export
from .events import _event, _to_event


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, "exchanges.add_participant")
    form = ParticipantForm(
        form_data(request), contacts=contact_choices(viewer=request.user, event=event)
    )
    participant = submit(
        request,
        form,
        lambda: services.participant_add(event=event, by=request.user, **form.cleaned_data),
    )
    if participant is not None:
        messages.success(
            request, _("%(person)s takes part now.") % {"person": participant.contact.name}
        )
        return _to_event(slug, event.pk, "participants")
    context = {"partnership": partnership, "event": event, "form": form}
    return render(request, "exchanges/participant_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request, slug: str, event_id: int, participant_id: int):
    """Ask first (GET), then take the person off the event (POST)."""
    partnership, event = _event(request, slug, event_id, "exchanges.remove_participant")
    participant = get_object_or_404(
        Participant.objects.select_related("contact"), event=event, pk=participant_id
    )
    error, status = "", 200
    if request.method == "POST":
        try:
            services.participant_remove(participant=participant, by=request.user)
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(
                request,
                _("%(person)s no longer takes part.") % {"person": participant.contact.name},
            )
            return _to_event(slug, event.pk, "participants")
    confirmation = Confirmation(
        title=_("Take “%(person)s” off the event?") % {"person": participant.contact.name},
        action=_("Yes, remove the participant"),
        consequences=[
            _(
                "The person stays in the directory; their role, travel dates and any "
                "guardian's consent for this event are removed from the list."
            )
        ],
        back=reverse("exchanges:event_detail", args=[slug, event.pk]) + "#participants",
        final=False,
        error=error,
    )
    return confirmation_page(
        request, confirmation, status=status, partnership=partnership, event=event
    )


@login_required
@require_GET
def participant_template(request, slug: str, event_id: int):
    event = _event(request, slug, event_id, "exchanges.add_participant")[1]
    return xlsx_download(
        f"{slug}-event-{event.pk}-participants-template.xlsx", spreadsheets.participant_template()
    )


def _imported_message(result) -> str:
    message = ngettext(
        "%(count)d participant imported.", "%(count)d participants imported.", result.added
    ) % {"count": result.added}
    if result.already:
        message += " " + ngettext(
            "%(count)d person of the file was on the list already and was left as they are.",
            "%(count)d people of the file were on the list already and were left as they are.",
            result.already,
        ) % {"count": result.already}
    return message


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request, slug: str, event_id: int):
    """Add everyone of a filled-in participants list (XLSX or CSV), or nobody."""
    partnership, event = _event(request, slug, event_id, "exchanges.add_participant")
    return import_view(
        request,
        "exchanges/participant_import.html",
        {"partnership": partnership, "event": event},
        run=lambda upload: spreadsheets.participant_import(
            event=event, by=request.user, upload=upload
        ),
        done=lambda _result: _to_event(slug, event.pk, "participants"),
        message=_imported_message,
    )


@login_required
@require_GET
def participant_export(request, slug: str, event_id: int):
    """The participants with their names, for whom the directory shows contacts: XLSX, or
    CSV with `?format=csv`; the columns of the import template."""
    event = _event(request, slug, event_id, "exchanges.view_participant")[1]
    participants = participants_for_export(viewer=request.user, event=event)
    headers, rows = spreadsheets.participant_table(
        Participant.objects.none() if participants is None else participants
    )
    filename = f"{slug}-event-{event.pk}-participants"
    if request.GET.get("format") == "csv":
        return csv_response(f"{filename}.csv", headers, rows)
    return xlsx_response(f"{filename}.xlsx", headers, rows, title=_("Participants"))
