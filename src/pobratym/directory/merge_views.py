"""Directory pages: two contacts that are one person merged into one: find the other
contact, compare the two field by field and choose what stays (merging.contact_merge)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, status_of
from pobratym.partnerships.access import partnership_for

from . import merging, selectors
from .forms import ContactMergeForm, MergeSearchForm

MERGE = "directory.merge_contact"


def _mergeable(request, partnership, contact_id: int):
    contact = selectors.contact_detail(
        viewer=request.user, partnership=partnership, contact_id=contact_id
    )
    require(request.user, MERGE, contact)
    return contact


@login_required
@require_GET
def contact_merge_choose(request, slug: str, contact_id: int):
    """The contacts of the same city this one could be merged with: those of the same name,
    or those found by words."""
    partnership = partnership_for(request, slug, "directory.view_contact")
    contact = _mergeable(request, partnership, contact_id)
    search = MergeSearchForm(request.GET or None)
    words = search.cleaned_data["q"] if search.is_valid() else ""
    candidates = selectors.merge_candidates(
        viewer=request.user, partnership=partnership, contact=contact, words=words
    )
    context = {
        "partnership": partnership,
        "contact": contact,
        "candidates": candidates,
        "search": search,
        "q": words,
    }
    return render(request, "directory/contact_merge_choose.html", context, status=status_of(search))


@login_required
@require_http_methods(["GET", "POST"])
def contact_merge(request, slug: str, contact_id: int, other_id: int):
    """Compare two contacts; on POST keep the chosen values in the first and remove the
    second, moving everything that pointed at it."""
    partnership = partnership_for(request, slug, "directory.view_contact")
    contact = _mergeable(request, partnership, contact_id)
    other = _mergeable(request, partnership, other_id)
    if other.pk == contact.pk:
        raise Http404
    form = ContactMergeForm(form_data(request), contact=contact, other=other)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            merged = merging.contact_merge(
                contact=contact,
                other=other,
                by=request.user,
                keep=form.choices(),
                revision=form.cleaned_data["revision"],
                other_revision=form.cleaned_data["other_revision"],
            )
        except DomainError as refused:
            # Compare the two again as stored now (a stale page's values are not kept).
            error, status = refused.message, refused.status
            contact = _mergeable(request, partnership, contact_id)
            other = _mergeable(request, partnership, other_id)
            form = ContactMergeForm(None, contact=contact, other=other)
        else:
            messages.success(request, _("The two contacts were merged into this one."))
            return redirect("directory:contact_detail", slug=slug, contact_id=merged.contact.pk)
    elif request.method == "POST":
        status = 400
    context = {
        "partnership": partnership,
        "contact": contact,
        "other": other,
        "form": form,
        "error": error,
    }
    return render(request, "directory/contact_merge.html", context, status=status)
