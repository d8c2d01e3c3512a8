"""Pages of the register of official letters: search, register, read, correct, and the
scans, which are only ever sent through a permission check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.formatting import moment
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.core.inputs import parse_id
from pobratym.core.listing import kept_list
from pobratym.partnerships.access import partnership_for
from pobratym.partnerships.predicates import membership_of

from ..forms import LetterCreateForm, LetterEditForm, LetterSearchForm, ScanForm
from ..models import Letter
from ..selectors import letters as selectors
from ..services import letters as services

PAGE_SIZE = 50

VIEW = "agreements.view_letter"
SORTS = {
    "number": ("registration_number",),
    "registered": ("registered_at",),
    "side": ("side__city__name",),
    "direction": ("direction",),
    "file_index": ("file_index",),
    "correspondent": ("sender", "addressee"),
    "subject": ("subject",),
    "scans": ("scan_count",),
}


def _letter(request, slug: str, letter_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    letter = selectors.letter_get(viewer=request.user, partnership=partnership, letter_id=letter_id)
    if permission:
        require(request.user, permission, letter)
    return partnership, letter


@login_required
@require_GET
def letter_list(request, slug: str):
    """The register, searched and filtered (the letter search)."""
    partnership = partnership_for(request, slug, VIEW)
    form = LetterSearchForm(request.GET or None, sides=partnership.sides.all())
    return kept_list(
        request,
        "agreements/letters/list.html",
        _("Letters"),
        partnership,
        form,
        selectors.letter_list,
        SORTS,
        PAGE_SIZE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_create(request, slug: str):
    partnership = partnership_for(request, slug, "agreements.register_letter")
    links = selectors.letter_links(viewer=request.user, partnership=partnership)
    initial = {
        "registered_at": timezone.localtime().replace(second=0, microsecond=0),
        "letter_language": request.LANGUAGE_CODE,
    }
    reply_to_id = parse_id(request.GET.get("in_reply_to", ""))
    reply_to = links.letters.filter(pk=reply_to_id).first() if reply_to_id else None
    if reply_to is not None:
        initial.update(in_reply_to=reply_to, direction=Letter.Direction.OUTGOING)
    form = LetterCreateForm(form_data(request), form_files(request), links=links, initial=initial)
    if letter := submit(
        request,
        form,
        lambda: services.letter_register(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The letter was registered."))
        return redirect("agreements:letter_detail", slug=slug, letter_id=letter.pk)
    existing = None
    if status_of(form) == 409:
        # The number is taken, likely by a form sent twice: point to the letter registered.
        existing = selectors.letter_registered(
            viewer=request.user,
            partnership=partnership,
            side_id=membership_of(request.user, partnership).side_id,
            direction=form.cleaned_data["direction"],
            registration_number=form.cleaned_data["registration_number"],
        )
    context = {"partnership": partnership, "form": form, "existing": existing}
    return render(request, "agreements/letters/form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def letter_detail(request, slug: str, letter_id: int):
    """One letter; its office adds scans here (a plain POST of the scan form)."""
    partnership = partnership_for(request, slug, VIEW)
    form = ScanForm(form_data(request), form_files(request))
    letter = None
    if request.method == "POST":
        letter = selectors.letter_get(
            viewer=request.user, partnership=partnership, letter_id=letter_id
        )
        require(request.user, "agreements.change_letter", letter)
        if submit(
            request,
            form,
            lambda: services.letter_scan_add(
                letter=letter, by=request.user, upload=form.cleaned_data["scan"]
            ),
        ):
            messages.success(request, _("The scan was added."))
            return redirect("agreements:letter_detail", slug=slug, letter_id=letter.pk)

    def context() -> dict:
        shown_letter = letter or selectors.letter_get(
            viewer=request.user, partnership=partnership, letter_id=letter_id
        )
        title = _("Letter %(number)s") % {"number": shown_letter.registration_number}
        return {
            "partnership": partnership,
            "head_title": f"{title} · {partnership}",
            "letter": shown_letter,
            "scan_form": form,
            "time_zone": timezone.get_current_timezone_name(),
        }

    return kept_page(request, "agreements/letters/detail.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def letter_edit(request, slug: str, letter_id: int):
    partnership, letter = _letter(request, slug, letter_id, "agreements.change_letter")
    links = selectors.letter_links(viewer=request.user, partnership=partnership)
    form = LetterEditForm(form_data(request), instance=letter, links=links)
    if submit(
        request,
        form,
        lambda: services.letter_update(letter=letter, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The letter was saved."))
        return redirect("agreements:letter_detail", slug=slug, letter_id=letter.pk)
    context = {"partnership": partnership, "form": form, "letter": letter}
    return render(request, "agreements/letters/form.html", context, status=status_of(form))


@login_required
@require_GET
def letter_scan(request, slug: str, letter_id: int, scan_id: int):
    """A scan, only to those who may read the letter; scans never have a public address."""
    letter = _letter(request, slug, letter_id)[1]
    scan = selectors.letter_scan_get(viewer=request.user, letter=letter, scan_id=scan_id)
    return private_file(scan.file)


@login_required
@require_http_methods(["GET", "POST"])
def letter_scan_remove(request, slug: str, letter_id: int, scan_id: int):
    """Remove a scan and its file (asked first on GET)."""
    partnership, letter = _letter(request, slug, letter_id, "agreements.change_letter")
    scan = selectors.letter_scan_get(viewer=request.user, letter=letter, scan_id=scan_id)
    if request.method == "GET":
        confirmation = Confirmation(
            title=_("Remove a scan of letter %(number)s?") % {"number": letter.registration_number},
            action=_("Yes, remove the scan"),
            consequences=[
                _("The scan added on %(moment)s is deleted; the letter stays registered.")
                % {"moment": moment(scan.created_at)},
                _("The letter's history keeps who removed a scan, and when."),
            ],
            back=reverse("agreements:letter_detail", args=[slug, letter.pk]),
        )
        return confirmation_page(request, confirmation, partnership=partnership)
    services.letter_scan_remove(scan=scan, by=request.user)
    messages.success(request, _("The scan was removed."))
    return redirect("agreements:letter_detail", slug=slug, letter_id=letter.pk)
