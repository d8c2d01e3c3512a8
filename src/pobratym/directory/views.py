"""Directory pages: organisations (list, page, add, correct, logo) and contacts (list, page,
add, correct), with the data-protection requests: a person's data as JSON and PDF, erasure,
and the contacts past their retention date."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.downloads import private_file
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.core.listing import filters_of, kept_list, kept_records, listed
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from . import documents, selectors, services
from .forms import (
    ContactCreateForm,
    ContactEditForm,
    ContactFilterForm,
    OrganisationCreateForm,
    OrganisationEditForm,
    OrganisationFilterForm,
)
from .involvement import involvement_of

PAGE_SIZE = 50
VIEW_ORGANISATION = "directory.view_organisation"
VIEW_CONTACT = "directory.view_contact"
ORGANISATION_SORTS = {"name": ("name",), "kind": ("kind",), "city": ("side__position",)}
CONTACT_SORTS = {
    "name": ("name_key",),
    "organisation": ("organisation__name",),
    "retain_until": ("retain_until",),
}


def _organisation(request, slug: str, organisation_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW_ORGANISATION)
    organisation = selectors.organisation_detail(
        viewer=request.user, partnership=partnership, organisation_id=organisation_id
    )
    if permission:
        require(request.user, permission, organisation)
    return partnership, organisation


def _contact(request, slug: str, contact_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW_CONTACT)
    contact = selectors.contact_detail(
        viewer=request.user, partnership=partnership, contact_id=contact_id
    )
    if permission:
        require(request.user, permission, contact)
    return partnership, contact


# --- organisations ---


@login_required
@require_GET
def organisation_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW_ORGANISATION)
    form = OrganisationFilterForm(request.GET or None, partnership=partnership)
    return kept_list(
        request,
        "directory/organisation_list.html",
        _("Organisations"),
        partnership,
        form,
        selectors.organisation_list,
        ORGANISATION_SORTS,
        PAGE_SIZE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request, slug: str):
    partnership = partnership_for(request, slug, "directory.add_organisation")
    form = OrganisationCreateForm(form_data(request), form_files(request), partnership=partnership)
    organisation = submit(
        request,
        form,
        lambda: services.organisation_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if organisation is not None:
        messages.success(request, _("The organisation was added."))
        return redirect("directory:organisation_detail", slug=slug, organisation_id=organisation.pk)
    context = {"partnership": partnership, "form": form}
    return render(request, "directory/organisation_form.html", context, status=status_of(form))


@login_required
@require_GET
def organisation_detail(request, slug: str, organisation_id: int):
    partnership = partnership_for(request, slug, VIEW_ORGANISATION)

    def context() -> dict:
        organisation = selectors.organisation_detail(
            viewer=request.user, partnership=partnership, organisation_id=organisation_id
        )
        return {
            "partnership": partnership,
            "head_title": f"{shown(organisation, 'name').text} · {partnership}",
            "organisation": organisation,
            "contacts": selectors.organisation_contacts(
                viewer=request.user, organisation=organisation
            ),
            "involvement": involvement_of(request.user, organisation),
        }

    return kept_page(request, "directory/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug: str, organisation_id: int):
    partnership, organisation = _organisation(
        request, slug, organisation_id, "directory.change_organisation"
    )
    form = OrganisationEditForm(
        form_data(request), form_files(request), instance=organisation, partnership=partnership
    )
    if submit(
        request,
        form,
        lambda: services.organisation_update(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The organisation was saved."))
        return redirect("directory:organisation_detail", slug=slug, organisation_id=organisation.pk)
    context = {"partnership": partnership, "form": form, "organisation": organisation}
    return render(request, "directory/organisation_form.html", context, status=status_of(form))


@login_required
@require_GET
def organisation_logo(request, slug: str, organisation_id: int):
    """The logo, for members only (uploads are never served by path)."""
    organisation = _organisation(request, slug, organisation_id)[1]
    return private_file(organisation.logo, inline_image=True)


# --- contacts ---


@login_required
@require_GET
def contact_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW_CONTACT)
    form = ContactFilterForm(request.GET or None, partnership=partnership)

    def context() -> dict:
        contacts = selectors.contact_list(
            viewer=request.user, partnership=partnership, filters=filters_of(form)
        )
        return {
            "partnership": partnership,
            "head_title": f"{_('Contacts')} · {partnership}",
            "today": timezone.localdate(),
            **listed(request, form, contacts, CONTACT_SORTS, PAGE_SIZE),
        }

    return kept_page(request, "directory/contact_list.html", context, status=status_of(form))


def _duplicate_link(form, slug: str) -> str:
    refusal = getattr(form, "refusal", None)
    if isinstance(refusal, services.DuplicateContact):
        return reverse("directory:contact_detail", args=[slug, refusal.existing.pk])
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, slug: str):
    partnership = partnership_for(request, slug, "directory.add_contact")
    organisations = selectors.organisation_choices(viewer=request.user, partnership=partnership)
    initial = {}
    if (chosen := request.GET.get("organisation", "")).isdigit():
        initial["organisation"] = chosen
    form = ContactCreateForm(form_data(request), organisations=organisations, initial=initial)
    contact = submit(
        request,
        form,
        lambda: services.contact_create(by=request.user, **form.cleaned_data),
    )
    if contact is not None:
        messages.success(request, _("The contact was added."))
        return redirect("directory:contact_detail", slug=slug, contact_id=contact.pk)
    context = {
        "partnership": partnership,
        "form": form,
        "duplicate_url": _duplicate_link(form, slug),
        "has_organisations": organisations.exists(),
    }
    return render(request, "directory/contact_form.html", context, status=status_of(form))


@login_required
@require_GET
def contact_detail(request, slug: str, contact_id: int):
    """A contact's page. Reading it writes nothing (no record of who looked), so its body is
    kept like any other page's: per person and session, until anything is written."""
    partnership = partnership_for(request, slug, VIEW_CONTACT)

    def context() -> dict:
        contact = selectors.contact_detail(
            viewer=request.user, partnership=partnership, contact_id=contact_id
        )
        may_merge = request.user.has_perm("directory.merge_contact", contact)
        return {
            "partnership": partnership,
            "head_title": f"{contact} · {partnership}",
            "contact": contact,
            "past_retention": bool(
                contact.retain_until and contact.retain_until < timezone.localdate()
            ),
            "may_merge": may_merge,
            # Same name, other organisation: not a duplicate by the rules, but worth a look.
            "look_alikes": selectors.merge_candidates(
                viewer=request.user, partnership=partnership, contact=contact
            )
            if may_merge
            else [],
        }

    return kept_page(request, "directory/contact_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, slug: str, contact_id: int):
    partnership, contact = _contact(request, slug, contact_id, "directory.change_contact")
    organisations = selectors.organisation_choices(viewer=request.user, partnership=partnership)
    form = ContactEditForm(form_data(request), instance=contact, organisations=organisations)
    if submit(
        request,
        form,
        lambda: services.contact_update(contact=contact, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The contact was saved."))
        return redirect("directory:contact_detail", slug=slug, contact_id=contact.pk)
    context = {
        "partnership": partnership,
        "form": form,
        "contact": contact,
        "duplicate_url": _duplicate_link(form, slug),
        "merge_url": _merge_link(request, form, slug, contact),
    }
    return render(request, "directory/contact_form.html", context, status=status_of(form))


def _merge_link(request, form, slug: str, contact) -> str:
    """Where an edit made a contact the same person as another of the same city: the page
    that merges the two, keeping the one already there."""
    refusal = getattr(form, "refusal", None)
    if not isinstance(refusal, services.DuplicateContact):
        return ""
    existing = refusal.existing
    if not request.user.has_perm("directory.merge_contact", existing):
        return ""
    return reverse("directory:contact_merge", args=[slug, existing.pk, contact.pk])


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def contact_export(request, slug: str, contact_id: int):
    """Everything stored about the person, as JSON (their data-protection copy)."""
    contact = _contact(request, slug, contact_id, "directory.export_contact")[1]
    data = json.dumps(selectors.contact_data(contact), ensure_ascii=False, indent=2)
    return _download(data.encode(), "application/json; charset=utf-8", f"contact-{contact.pk}.json")


@login_required
@require_GET
def contact_pdf(request, slug: str, contact_id: int):
    """Everything stored about the person, as a readable PDF in the reader's language."""
    contact = _contact(request, slug, contact_id, "directory.export_contact")[1]
    pdf = documents.contact_pdf(contact, language=request.LANGUAGE_CODE)
    return _download(pdf, "application/pdf", f"contact-{contact.pk}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def contact_erase(request, slug: str, contact_id: int):
    """Ask first (GET), then erase the person's data (POST): it cannot be undone."""
    partnership, contact = _contact(request, slug, contact_id, "directory.erase_contact")
    error, status = "", 200
    if request.method == "POST":
        try:
            services.contact_erase(contact=contact, by=request.user)
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("The contact's personal data was erased."))
            return redirect("directory:contact_detail", slug=slug, contact_id=contact.pk)
    confirmation = Confirmation(
        title=_("Erase the personal data of “%(name)s”?") % {"name": contact.name},
        action=_("Yes, erase the personal data"),
        consequences=[
            _(
                "The name, function, languages, e-mail address, phone number and consent are "
                "blanked, also in the change history. The contact stays as “anonymised”, so "
                "counts and the record of who changed what remain."
            ),
            _("Download the person's data first if they asked for a copy."),
        ],
        back=reverse("directory:contact_detail", args=[slug, contact.pk]),
        error=error,
    )
    return confirmation_page(
        request, confirmation, status=status, partnership=partnership, contact=contact
    )


@login_required
@require_GET
def retention_list(request, slug: str):
    """The contacts of the coordinator's city kept beyond their date: extend or erase each."""
    partnership = partnership_for(request, slug, "directory.review_retention")
    return kept_records(
        request,
        "directory/retention_list.html",
        _("Contacts to review"),
        partnership,
        "contacts",
        selectors.retention_list,
    )
