"""Pages of agreements: the list, one agreement with its timeline, and what signatories and
coordinators do with it (terms, signing, notice, successor), plus the consolidated text and
the protected scans."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.core.listing import kept_records
from pobratym.partnerships.access import partnership_for
from pobratym.partnerships.predicates import membership_of

from ..forms import (
    AgreementCreateForm,
    NoticeForm,
    SignatureForm,
    SuccessorForm,
    TermsEditForm,
    TextsForm,
)
from ..models import AgreementState, Approval, Notice, Signature
from ..selectors import agreements as selectors
from ..services import agreements as services

LANGUAGES = dict(settings.LANGUAGES)


VIEW = "agreements.view_agreement"


def agreement_for(request, slug: str, agreement_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    agreement = selectors.agreement_get(
        viewer=request.user, partnership=partnership, agreement_id=agreement_id
    )
    if permission:
        require(request.user, permission, agreement)
    return partnership, agreement


def reading_language(request) -> str:
    """The language a person reads a text in: the one asked for, else the page's."""
    language = request.GET.get("language", "")
    return language if language in LANGUAGES else request.LANGUAGE_CODE


def text_in(texts, language: str, preferred: str = ""):
    """The text in `language`, else in the preferred (authoritative) language, else any."""
    by_language = {text.language: text for text in texts}
    return (
        by_language.get(language)
        or by_language.get(preferred)
        or next(iter(by_language.values()), None)
    )


def language_links(texts) -> list[tuple[str, str]]:
    """(code, name) of the languages a document has, in the order the site offers them."""
    present = {text.language for text in texts}
    return [(code, name) for code, name in settings.LANGUAGES if code in present]


def own_side_id(request, partnership) -> int | None:
    membership = membership_of(request.user, partnership)
    return membership.side_id if membership else None


@login_required
@require_GET
def agreement_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    return kept_records(
        request,
        "agreements/list.html",
        _("Agreements"),
        partnership,
        "agreements",
        selectors.agreement_list,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request, slug: str):
    partnership = partnership_for(request, slug, "agreements.add_agreement")
    form = AgreementCreateForm(form_data(request))

    def create():
        terms = {
            name: value
            for name, value in form.cleaned_data.items()
            if not name.startswith(("title_", "body_"))
        }
        return services.agreement_create(
            partnership=partnership, by=request.user, texts=form.texts(), **terms
        )

    if agreement := submit(request, form, create):
        messages.success(request, _("The agreement was created as a draft."))
        return redirect("agreements:detail", slug=slug, agreement_id=agreement.pk)
    context = {"partnership": partnership, "form": form}
    return render(request, "agreements/create.html", context, status=status_of(form))


def _state_since(detail):
    """Since when the agreement is in its state, for "in force since 1 May"."""
    agreement, state = detail.agreement, detail.state
    if state in (AgreementState.ENDED, AgreementState.SUPERSEDED):
        return agreement.ends_on
    if state in (AgreementState.IN_FORCE, AgreementState.NOTICE_GIVEN, AgreementState.SIGNED):
        return agreement.in_force_from
    if state == AgreementState.PARTLY_SIGNED:
        return min(signature.signed_on for signature in detail.signatures)
    if state == AgreementState.PROPOSED and detail.current:
        return detail.current.proposed_at
    return agreement.created_at


def _side_signatures(partnership, detail) -> list[tuple]:
    by_side = {signature.side_id: signature for signature in detail.signatures}
    return [(side, by_side.get(side.pk)) for side in partnership.sides.all()]


@login_required
@require_GET
def agreement_detail(request, slug: str, agreement_id: int):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        agreement = selectors.agreement_get(
            viewer=request.user, partnership=partnership, agreement_id=agreement_id
        )
        detail = selectors.agreement_detail(viewer=request.user, agreement=agreement)
        shown = detail.current or detail.draft
        language = reading_language(request)
        texts = list(shown.texts.all()) if shown else []
        text = text_in(texts, language, agreement.authoritative_language)
        side_id = own_side_id(request, partnership)
        return {
            "partnership": partnership,
            "head_title": f"{selectors.heading_of(agreement)} · {partnership}",
            "agreement": agreement,
            "detail": detail,
            "state_since": _state_since(detail),
            "shown": shown,
            "text": text,
            "language": language,
            "languages": language_links(texts),
            "shown_languages": [text.language for text in texts],
            "side_signatures": _side_signatures(partnership, detail),
            "amendment_rows": [
                (
                    amendment,
                    text_in(amendment.texts.all(), language, agreement.authoritative_language),
                )
                for amendment in detail.amendments
            ],
            "own_side_signed": side_id in detail.signed_sides,
            "ended": agreement.is_ended(),
            "can_sign_now": detail.current is not None and detail.draft is None,
        }

    return kept_page(request, "agreements/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, slug: str, agreement_id: int):
    partnership, agreement = agreement_for(
        request, slug, agreement_id, "agreements.change_agreement"
    )
    form = TermsEditForm(form_data(request), instance=agreement)
    if submit(
        request,
        form,
        lambda: services.agreement_update(
            agreement=agreement, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The terms of the agreement were saved."))
        return redirect("agreements:detail", slug=slug, agreement_id=agreement.pk)
    context = {"partnership": partnership, "agreement": agreement, "form": form}
    return render(request, "agreements/edit.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_sign(request, slug: str, agreement_id: int):
    """The signature form next to the text being signed; its fingerprint goes with the form,
    so a signature always belongs to the exact version the signatory read."""
    partnership, agreement = agreement_for(request, slug, agreement_id, "agreements.sign_agreement")
    detail = selectors.agreement_detail(viewer=request.user, agreement=agreement)
    version = detail.current
    form = SignatureForm(
        form_data(request),
        form_files(request),
        initial={
            "fingerprint": version.fingerprint if version else "",
            "signer_name": request.user.name,
        },
    )
    if submit(
        request,
        form,
        lambda: services.agreement_sign(agreement=agreement, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("Your side's signature was recorded."))
        return redirect("agreements:detail", slug=slug, agreement_id=agreement.pk)
    texts = list(version.texts.all()) if version else []
    context = {
        "partnership": partnership,
        "agreement": agreement,
        "detail": detail,
        "version": version,
        "text": text_in(texts, reading_language(request), agreement.authoritative_language),
        "languages": language_links(texts),
        "form": form,
        "own_side_signed": own_side_id(request, partnership) in detail.signed_sides,
        "confirm": Confirmation(
            title=_("Sign the agreement"),
            action=_("Record the signature"),
            consequences=[
                _("Your side's signature is recorded under exactly the version shown above."),
                _("When both sides have signed, the agreement enters into force as its terms say."),
            ],
            back=reverse("agreements:detail", kwargs={"slug": slug, "agreement_id": agreement.pk}),
            danger=False,
        ),
    }
    return render(request, "agreements/sign.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_terminate(request, slug: str, agreement_id: int):
    partnership, agreement = agreement_for(
        request, slug, agreement_id, "agreements.terminate_agreement"
    )
    form = NoticeForm(form_data(request), form_files(request))
    if submit(
        request,
        form,
        lambda: services.notice_record(agreement=agreement, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The written notice of termination was recorded."))
        return redirect("agreements:detail", slug=slug, agreement_id=agreement.pk)
    confirm = Confirmation(
        title=_("Record a written termination"),
        action=_("Record the termination"),
        consequences=[
            _("The written notice of termination is recorded for your side."),
            _("The agreement ends when the notice period from the date of the letter is over."),
        ],
        back=reverse("agreements:detail", kwargs={"slug": slug, "agreement_id": agreement.pk}),
    )
    context = {"partnership": partnership, "agreement": agreement, "form": form, "confirm": confirm}
    return render(request, "agreements/terminate.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def successor_create(request, slug: str, agreement_id: int):
    partnership, agreement = agreement_for(request, slug, agreement_id)
    require(request.user, "agreements.add_agreement", partnership)
    form = SuccessorForm(form_data(request))
    if successor := submit(
        request,
        form,
        lambda: services.successor_create(
            predecessor=agreement,
            by=request.user,
            title=form.cleaned_data["title"],
            texts=form.texts(),
            due_on=form.cleaned_data["due_on"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    ):
        messages.success(request, _("The twinning agreement was created as a draft."))
        return redirect("agreements:detail", slug=slug, agreement_id=successor.pk)
    context = {"partnership": partnership, "agreement": agreement, "form": form}
    return render(request, "agreements/successor.html", context, status=status_of(form))


@login_required
@require_GET
def consolidated(request, slug: str, agreement_id: int):
    """The signed text with every amendment in force, in one language."""
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        agreement = selectors.agreement_get(
            viewer=request.user, partnership=partnership, agreement_id=agreement_id
        )
        detail = selectors.agreement_detail(viewer=request.user, agreement=agreement)
        language = reading_language(request)
        return {
            "partnership": partnership,
            "head_title": f"{_('Consolidated text')} · {selectors.heading_of(agreement)}",
            "agreement": agreement,
            "language": language,
            "language_name": LANGUAGES[language],
            "languages": list(settings.LANGUAGES),
            "consolidated": selectors.consolidated_text(detail=detail, language=language),
        }

    return kept_page(request, "agreements/consolidated.html", context)


SCANS = {
    "signature": (Signature, "agreement__partnership"),
    "approval": (Approval, "amendment__agreement__partnership"),
    "notice": (Notice, "agreement__partnership"),
}


@login_required
@require_GET
def scan(request, slug: str, kind: str, record_id: int):
    """A scan, only to members of the partnership; scans never have a public address."""
    if kind not in SCANS:
        raise Http404
    partnership = partnership_for(request, slug, VIEW)
    model, path = SCANS[kind]
    record = get_object_or_404(model, pk=record_id, **{path: partnership})
    return private_file(record.scan)


def texts_initial(version) -> dict:
    return TextsForm.initial_from(version.texts.all()) if version else {}
