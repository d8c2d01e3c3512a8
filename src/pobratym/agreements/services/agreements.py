"""An agreement's life up to its end: drafting versions, proposing, signing, written notice,
and succession by a new agreement."""

from collections.abc import Mapping
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.partnerships.models import Partnership, Side
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.services import language_of, translate_later

from ..models import (
    TERMS,
    Agreement,
    AgreementKind,
    EndReason,
    Notice,
    Signature,
    Version,
    VersionText,
    fingerprint_of,
)

Texts = Mapping[str, tuple[str, str]]
"""Texts of a document by language code: (title, body). A language left empty has no text."""


def own_side(user: User, record) -> Side:
    """The side a person speaks for in the record's partnership: always their own."""
    membership = membership_of(user, record)
    if membership is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    return membership.side


def locked(agreement: Agreement) -> Agreement:
    """The agreement re-read and locked, so two people acting at once are serialised."""
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def refuse_if_ended(agreement: Agreement) -> None:
    if agreement.is_ended():
        raise Conflict("agreement_ended", _("This agreement has ended; it cannot be changed."))


def write_texts(model, owner_field: str, owner, texts: Texts, by: User) -> list:
    """Replace an unfrozen document's texts; at least one language is required."""
    rows = []
    for language, (title, body) in texts.items():
        if language not in dict(settings.LANGUAGES):
            raise DomainError("unknown_language", _("This language is not offered."))
        title, body = (title or "").strip(), (body or "").strip()
        if not title and not body:
            continue
        if not (title and body):
            raise DomainError(
                "text_incomplete", _("Each language needs both a title and a text, or neither.")
            )
        rows.append(model(**{owner_field: owner}, language=language, title=title, body=body))
    if not rows:
        raise DomainError("no_text", _("Please enter the text in at least one language."))
    for row in model.objects.filter(**{owner_field: owner}):
        audited(row, by).delete()
    for row in rows:
        validate(audited(row, by), exclude=[owner_field])
        row.save()
    return rows


def _agreement(*, partnership: Partnership, by: User, texts: Texts, stamp: dict, **terms):
    predecessor = terms.get("predecessor")
    if predecessor is not None and predecessor.partnership_id != partnership.pk:
        raise DomainError("other_partnership", _("This record belongs to another partnership."))
    agreement = audited(Agreement(partnership=partnership, **stamp, **terms), by)
    agreement.language = language_of(agreement, default=by.language or settings.LANGUAGE_CODE)
    validate(agreement, validate_constraints=False)
    agreement.save()
    version = audited(Version(agreement=agreement, number=1, language=agreement.language), by)
    version.save()
    write_texts(VersionText, "version", version, texts, by)
    translate_later(agreement)
    return agreement


def written_by(record, by: User) -> None:
    """A note or reason someone wrote about an agreement: in the language they wrote it in
    (detected), translated with the agreement after the change commits."""
    record.language = language_of(record, default=by.language or settings.LANGUAGE_CODE)
    translate_later(record.translation_owner())


def _once(partnership: Partnership, key, data: Mapping, create) -> Agreement:
    agreement, _created = create_once(
        Agreement, key=key, scope={"partnership": partnership}, data=data, create=create
    )
    return agreement


@transaction.atomic
def agreement_create(
    *,
    partnership: Partnership,
    by: User,
    kind: str,
    title: str,
    texts: Texts,
    idempotency_key=None,
    **terms,
) -> Agreement:
    """A new agreement with its first draft version; the same `idempotency_key` again returns
    the agreement created first, so a form sent twice creates one."""
    require(by, "agreements.add_agreement", partnership)
    terms |= {"kind": kind, "title": title}
    return _once(
        partnership,
        idempotency_key,
        {"texts": dict(texts), **terms},
        lambda stamp: _agreement(partnership=partnership, by=by, texts=texts, stamp=stamp, **terms),
    )


@transaction.atomic
def successor_create(
    *,
    predecessor: Agreement,
    by: User,
    title: str,
    texts: Texts,
    due_on: date | None,
    idempotency_key=None,
    **terms,
) -> Agreement:
    """A twinning agreement that is to replace the solidarity partnership, with the date by
    which it should be concluded; the predecessor is superseded once it is in force."""
    predecessor = locked(predecessor)
    partnership = predecessor.partnership
    require(by, "agreements.add_agreement", partnership)
    terms |= {"title": title, "due_on": due_on, "predecessor": predecessor}
    terms.setdefault("kind", AgreementKind.TWINNING)

    def create(stamp):
        refuse_if_ended(predecessor)
        if predecessor.successors.filter(ends_on__isnull=True).exists():
            raise Conflict("successor_exists", _("This agreement already has a successor."))
        return _agreement(partnership=partnership, by=by, texts=texts, stamp=stamp, **terms)

    return _once(partnership, idempotency_key, {"texts": dict(texts), **terms}, create)


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, by: User, revision: int | None = None, **terms
) -> Agreement:
    """Change the terms while nobody has signed; after a signature they are fixed. From the
    `revision` the person saw (else unguarded)."""
    require(by, "agreements.change_agreement", agreement)
    agreement = locked(agreement)
    if agreement.signatures.exists():
        raise Conflict(
            "agreement_signed", _("The agreement has been signed; its terms can no longer change.")
        )
    model_update(
        instance=agreement, fields=("kind", "title", *TERMS), data=terms, revision=revision
    )
    validate(audited(agreement, by))
    agreement.save()
    translate_later(agreement)
    return agreement


@transaction.atomic
def version_create(*, agreement: Agreement, by: User, texts: Texts, note: str = "") -> Version:
    """A new draft version, e.g. after the other side asked for changes."""
    require(by, "agreements.change_agreement", agreement)
    agreement = locked(agreement)
    refuse_if_ended(agreement)
    if agreement.signatures.exists():
        raise Conflict(
            "agreement_signed", _("The agreement has been signed; its text can no longer change.")
        )
    if agreement.versions.filter(proposed_at__isnull=True).exists():
        raise Conflict("draft_exists", _("There is already a draft version. Please edit that one."))
    number = (agreement.versions.order_by("-number").values_list("number", flat=True).first()) or 0
    version = audited(Version(agreement=agreement, number=number + 1, note=note), by)
    written_by(version, by)
    version.save()
    write_texts(VersionText, "version", version, texts, by)
    return version


def _refuse_if_frozen(version: Version) -> None:
    if version.is_frozen:
        raise Conflict(
            "version_frozen",
            _("This version has been proposed and can no longer change. Create a new version."),
        )


@transaction.atomic
def version_update(
    *, version: Version, by: User, texts: Texts, note: str = "", revision: int | None = None
) -> Version:
    """Correct a draft's texts and note, from the `revision` the person saw (else
    unguarded)."""
    require(by, "agreements.change_agreement", version.agreement)
    locked(version.agreement)
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    model_update(instance=version, fields=("note",), data={"note": note}, revision=revision)
    written_by(version, by)
    audited(version, by).save()
    write_texts(VersionText, "version", version, texts, by)
    return version


@transaction.atomic
def version_propose(*, version: Version, by: User) -> Version:
    """Freeze a draft and put it to the other side; it carries the fingerprint of its texts."""
    require(by, "agreements.propose_version", version)
    agreement = locked(version.agreement)
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    refuse_if_ended(agreement)
    texts = list(version.texts.all())
    languages = {text.language for text in texts}
    if agreement.authoritative_language and agreement.authoritative_language not in languages:
        raise DomainError(
            "authoritative_text_missing",
            _("The version needs a text in the authoritative language."),
        )
    version.proposed_at = timezone.now()
    version.proposed_by = by
    version.proposed_by_side = own_side(by, agreement)
    version.fingerprint = fingerprint_of(texts)
    audited(version, by).save()
    return version


def _current_version(agreement: Agreement) -> Version | None:
    return agreement.versions.filter(proposed_at__isnull=False).order_by("-number").first()


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    by: User,
    fingerprint: str,
    signed_on: date,
    place: str,
    signer_name: str,
    signer_title: str,
    scan=None,
) -> Signature:
    """A signatory records their side's signature under the proposed version they read.

    The second signature puts the agreement in force (on its stated later date, if any) and
    supersedes a predecessor."""
    require(by, "agreements.sign_agreement", agreement)
    agreement = locked(agreement)
    refuse_if_ended(agreement)
    side = own_side(by, agreement)
    if agreement.signatures.filter(side=side).exists():
        raise Conflict("already_signed", _("Your side has already signed this agreement."))
    version = _current_version(agreement)
    if version is None or agreement.versions.filter(proposed_at__isnull=True).exists():
        raise DomainError(
            "nothing_to_sign", _("Only a proposed version without a newer draft can be signed.")
        )
    if fingerprint != version.fingerprint:
        raise Conflict(
            "fingerprint_mismatch",
            _("The text has changed since you opened it. Please read the current version."),
        )
    if signed_on > timezone.localdate():
        raise DomainError("date_in_future", _("The date cannot be in the future."))
    signature = Signature(
        agreement=agreement,
        version=version,
        fingerprint=version.fingerprint,
        side=side,
        recorded_by=by,
        signed_on=signed_on,
        place=place,
        signer_name=signer_name,
        signer_title=signer_title,
        scan=clean_upload(scan, field="scan") if scan else "",
    )
    written_by(signature, by)
    validate(audited(signature, by), exclude=["agreement", "version", "side"])
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as error:
        raise Conflict(
            "already_signed", _("Your side has already signed this agreement.")
        ) from error
    signatures = list(agreement.signatures.all())
    if len(signatures) == 2:
        _enter_into_force(agreement, signatures, by)
    return signature


def _enter_into_force(agreement: Agreement, signatures: list[Signature], by: User) -> None:
    if {s.fingerprint for s in signatures} != {signatures[0].version.fingerprint}:
        raise Conflict("fingerprint_mismatch", _("Both sides must sign the same version."))
    second = max(signature.signed_on for signature in signatures)
    agreement.in_force_from = max(second, agreement.effective_from or second)
    if agreement.term_end is not None:
        agreement.ends_on = agreement.term_end + timedelta(days=1)
        agreement.end_reason = EndReason.TERM
    audited(agreement, by).save()
    predecessor = agreement.predecessor
    if predecessor is not None and not predecessor.is_ended(agreement.in_force_from):
        predecessor = locked(predecessor)
        predecessor.ends_on = agreement.in_force_from
        predecessor.end_reason = EndReason.SUPERSEDED
        audited(predecessor, by).save()


@transaction.atomic
def notice_record(
    *,
    agreement: Agreement,
    by: User,
    letter_date: date,
    effective_on: date,
    reason: str = "",
    scan=None,
) -> Notice:
    """A signatory records their side's written notice; the agreement ends on the effective
    date and everyone sees why."""
    require(by, "agreements.terminate_agreement", agreement)
    agreement = locked(agreement)
    refuse_if_ended(agreement)
    if agreement.in_force_from is None:
        raise DomainError(
            "not_in_force", _("Only an agreement that both sides have signed can be terminated.")
        )
    if Notice.objects.filter(agreement=agreement).exists():
        raise Conflict("notice_exists", _("Notice of termination has already been given."))
    if letter_date > timezone.localdate():
        raise DomainError("date_in_future", _("The date cannot be in the future."))
    earliest = letter_date + timedelta(days=agreement.notice_period_days or 0)
    if effective_on < earliest:
        raise DomainError(
            "notice_too_short",
            _("With the notice period the agreement can end on %(date)s at the earliest.")
            % {"date": earliest.isoformat()},
        )
    notice = Notice(
        agreement=agreement,
        side=own_side(by, agreement),
        recorded_by=by,
        letter_date=letter_date,
        effective_on=effective_on,
        reason=reason,
        scan=clean_upload(scan, field="scan") if scan else "",
    )
    written_by(notice, by)
    validate(audited(notice, by), exclude=["agreement", "side"])
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError as error:
        raise Conflict(
            "notice_exists", _("Notice of termination has already been given.")
        ) from error
    if agreement.ends_on is None or effective_on < agreement.ends_on:
        agreement.ends_on = effective_on
        agreement.end_reason = EndReason.NOTICE
        audited(agreement, by).save()
    return notice
