"""Pages of an agreement's versions: reading, drafting, proposing, comparing and printing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.partnerships.access import partnership_for

from ..diff import text_diff
from ..documents import version_pdf as render_pdf
from ..forms import VersionForm
from ..selectors import agreements as selectors
from ..services import agreements as services
from .agreements import (
    LANGUAGES,
    VIEW,
    agreement_for,
    language_links,
    reading_language,
    texts_initial,
)


@login_required
@require_GET
def version_detail(request, slug: str, agreement_id: int, number: int):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        agreement = selectors.agreement_get(
            viewer=request.user, partnership=partnership, agreement_id=agreement_id
        )
        version = selectors.version_get(agreement=agreement, number=number)
        title = _("Version %(number)s") % {"number": version.number}
        return {
            "partnership": partnership,
            "head_title": f"{title} · {selectors.heading_of(agreement)}",
            "agreement": agreement,
            "version": version,
            "texts": list(version.texts.all()),
            "language": request.LANGUAGE_CODE,
        }

    return kept_page(request, "agreements/version.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, slug: str, agreement_id: int):
    """A new draft, starting from the text of the latest version."""
    partnership, agreement = agreement_for(
        request, slug, agreement_id, "agreements.change_agreement"
    )
    latest = agreement.versions.order_by("-number").prefetch_related("texts").first()
    if latest is not None and not latest.is_frozen:
        return redirect(
            "agreements:version_edit", slug=slug, agreement_id=agreement.pk, number=latest.number
        )
    form = VersionForm(form_data(request), initial=texts_initial(latest))
    if version := submit(
        request,
        form,
        lambda: services.version_create(
            agreement=agreement,
            by=request.user,
            texts=form.texts(),
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, _("The new version was saved as a draft."))
        return redirect(
            "agreements:version", slug=slug, agreement_id=agreement.pk, number=version.number
        )
    return render(
        request,
        "agreements/version_form.html",
        {"partnership": partnership, "agreement": agreement, "form": form, "version": None},
        status=status_of(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, slug: str, agreement_id: int, number: int):
    partnership, agreement = agreement_for(
        request, slug, agreement_id, "agreements.change_agreement"
    )
    version = selectors.version_get(agreement=agreement, number=number)
    if version.is_frozen:
        messages.error(
            request,
            _("This version has been proposed and can no longer change. Create a new version."),
        )
        return redirect("agreements:version", slug=slug, agreement_id=agreement.pk, number=number)
    initial = texts_initial(version) | {"note": version.note, "revision": version.revision}
    form = VersionForm(form_data(request), initial=initial)
    if submit(
        request,
        form,
        lambda: services.version_update(
            version=version,
            by=request.user,
            texts=form.texts(),
            note=form.cleaned_data["note"],
            revision=form.cleaned_data["revision"],
        ),
    ):
        messages.success(request, _("The draft was saved."))
        return redirect("agreements:version", slug=slug, agreement_id=agreement.pk, number=number)
    return render(
        request,
        "agreements/version_form.html",
        {"partnership": partnership, "agreement": agreement, "form": form, "version": version},
        status=status_of(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_propose(request, slug: str, agreement_id: int, number: int):
    """Propose a version for signature (asked first on GET): its text is frozen from then on."""
    partnership, agreement = agreement_for(request, slug, agreement_id)
    version = selectors.version_get(agreement=agreement, number=number)
    require(request.user, "agreements.propose_version", version)
    if request.method == "GET":
        confirmation = Confirmation(
            title=_("Propose version %(number)s for signature?") % {"number": number},
            action=_("Yes, propose it for signature"),
            consequences=[
                _("The text of this version is frozen: nobody can edit it any more."),
                _("The signatories of both sides are asked to sign exactly this text."),
                _("A change after this needs a new version."),
            ],
            back=reverse(
                "agreements:version",
                kwargs={"slug": slug, "agreement_id": agreement.pk, "number": number},
            ),
            danger=False,
        )
        return confirmation_page(request, confirmation, partnership=partnership)
    try:
        services.version_propose(version=version, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The version was proposed for signature."))
    return redirect("agreements:version", slug=slug, agreement_id=agreement.pk, number=number)


@login_required
@require_GET
def version_diff(request, slug: str, agreement_id: int, number: int):
    """What changed in one language since the previous version."""
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        agreement = selectors.agreement_get(
            viewer=request.user, partnership=partnership, agreement_id=agreement_id
        )
        version = selectors.version_get(agreement=agreement, number=number)
        previous = (
            selectors.version_get(agreement=agreement, number=number - 1) if number > 1 else None
        )
        language = reading_language(request)
        title = _("Changes in version %(number)s") % {"number": version.number}
        values = {
            "partnership": partnership,
            "head_title": f"{title} · {selectors.heading_of(agreement)}",
            "agreement": agreement,
            "version": version,
            "previous": previous,
            "language": language,
            "language_name": LANGUAGES[language],
            "languages": language_links(
                [*version.texts.all(), *(previous.texts.all() if previous else [])]
            ),
        }
        if previous is not None:
            old = {text.language: text for text in previous.texts.all()}.get(language)
            new = {text.language: text for text in version.texts.all()}.get(language)
            values["title_segments"] = text_diff(old.title if old else "", new.title if new else "")
            values["body_segments"] = text_diff(old.body if old else "", new.body if new else "")
            values["missing"] = old is None and new is None
        return values

    return kept_page(request, "agreements/diff.html", context)


def _bad_request(request, reason: str) -> HttpResponse:
    return render(request, "400.html", {"reason": reason}, status=400)


@login_required
@require_GET
def version_pdf(request, slug: str, agreement_id: int, number: int):
    """The version as a PDF, in one or more of its languages side by side; headings and notes
    in the reader's language."""
    _partnership, agreement = agreement_for(request, slug, agreement_id)
    version = selectors.version_get(agreement=agreement, number=number)
    available = [code for code, _name in language_links(version.texts.all())]
    asked = [code.strip() for code in request.GET.get("languages", "").split(",") if code.strip()]
    language = request.GET.get("language") or request.LANGUAGE_CODE
    if not asked or len(set(asked)) != len(asked) or not set(asked) <= set(available):
        return _bad_request(
            request,
            _("Please choose languages in which this version has a text: %(languages)s.")
            % {"languages": ", ".join(str(LANGUAGES[code]) for code in available)},
        )
    if language not in LANGUAGES:
        return _bad_request(request, _("This language is not offered."))
    try:
        pdf = render_pdf(version=version, languages=asked, language=language)
    except DomainError as error:
        return _bad_request(request, error.message)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"agreement-{agreement.pk}-version-{version.number}-{'-'.join(asked)}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
