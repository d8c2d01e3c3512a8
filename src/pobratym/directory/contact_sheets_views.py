"""Directory pages: contacts as spreadsheets: the template, an all-or-nothing import with a
report of every problem, and the export of the contacts list (XLSX or CSV)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.listing import filters_of
from pobratym.core.spreadsheets import csv_response, xlsx_download, xlsx_response
from pobratym.core.spreadsheets.pages import import_view
from pobratym.partnerships.access import partnership_for

from . import selectors, spreadsheets
from .forms import ContactFilterForm


@login_required
@require_GET
def contact_template(request, slug: str):
    partnership = partnership_for(request, slug, "directory.import_contacts")
    return xlsx_download(
        f"{partnership.slug}-contacts-template.xlsx", spreadsheets.contact_template()
    )


def _imported_message(result) -> str:
    message = ngettext(
        "%(count)d contact imported.", "%(count)d contacts imported.", result.contacts
    ) % {"count": result.contacts}
    if result.earlier:
        message += " " + ngettext(
            "%(count)d contact of this file had been imported before and was not added again.",
            "%(count)d contacts of this file had been imported before and were not added again.",
            result.earlier,
        ) % {"count": result.earlier}
    return message


@login_required
@require_http_methods(["GET", "POST"])
def contact_import(request, slug: str):
    partnership = partnership_for(request, slug, "directory.import_contacts")
    return import_view(
        request,
        "directory/contact_import.html",
        {"partnership": partnership},
        run=lambda upload: spreadsheets.contact_import(
            partnership=partnership, by=request.user, upload=upload
        ),
        done=lambda _result: redirect("directory:contact_list", slug=partnership.slug),
        message=_imported_message,
    )


@login_required
@require_GET
def contact_list_export(request, slug: str, extension: str):
    """The contacts list as XLSX or CSV, with the list page's filters, in the columns of the
    import; anonymised contacts are left out."""
    partnership = partnership_for(request, slug, "directory.export_contacts")
    form = ContactFilterForm(request.GET or None, partnership=partnership)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("The filters of this list are not valid."))
    contacts = selectors.contact_list(
        viewer=request.user, partnership=partnership, filters=filters_of(form)
    ).filter(anonymised_at__isnull=True)
    headers, rows = spreadsheets.contact_table(contacts)
    filename = f"{partnership.slug}-contacts.{extension}"
    if extension == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, headers, rows, title=_("Contacts"))
