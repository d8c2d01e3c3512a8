"""The register of official letters: each office registers its letters under its own numbers."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.partnerships.models import Partnership
from pobratym.translation.services import language_of, translate_later

from ..models import Amendment, Letter, LetterScan, Notice
from .agreements import own_side

# What a person types in; partnership, side and recorded_by are never taken from input.
FIELDS = (
    "direction",
    "registration_number",
    "registered_at",
    "file_index",
    "sender",
    "addressee",
    "subject",
    "letter_language",
    "summary",
    "agreement",
    "amendment",
    "notice",
    "in_reply_to",
)


def _partnership_id_of(record) -> int:
    if isinstance(record, (Amendment, Notice)):
        return record.agreement.partnership_id
    return record.partnership_id


def _check_links(letter: Letter) -> None:
    for name in ("agreement", "amendment", "notice", "in_reply_to"):
        record = getattr(letter, name)
        if record is not None and _partnership_id_of(record) != letter.partnership_id:
            raise DomainError("other_partnership", _("This record belongs to another partnership."))
    if letter.registered_at and letter.registered_at > timezone.now() + timedelta(minutes=5):
        raise DomainError("date_in_future", _("The date cannot be in the future."))
    if letter.in_reply_to is not None and letter.in_reply_to.pk == letter.pk:
        raise DomainError("reply_to_itself", _("A letter cannot answer itself."))


def _number_taken(letter: Letter) -> Conflict:
    return Conflict(
        "letter_number_taken",
        _(
            "The registration number %(number)s is already registered in this register. "
            "Please check whether the letter was registered before."
        )
        % {"number": letter.registration_number},
    )


def _save(letter: Letter, by: User) -> None:
    """Check and save; one number once per register, also when two people save at once."""
    _check_links(letter)
    taken = Letter.objects.filter(
        side_id=letter.side_id,
        direction=letter.direction,
        registration_number=letter.registration_number,
    ).exclude(pk=letter.pk)
    if taken.exists():
        raise _number_taken(letter)
    validate(audited(letter, by))
    try:
        with transaction.atomic():
            letter.save()
    except IntegrityError as error:
        raise _number_taken(letter) from error


def _scan(letter: Letter, upload, by: User, field: str) -> LetterScan:
    scan = audited(LetterScan(letter=letter, file=clean_upload(upload, field=field)), by)
    scan.save()
    return scan


@transaction.atomic
def letter_register(
    *, partnership: Partnership, by: User, scans: Iterable = (), **fields
) -> Letter:
    """Register a letter in the register of the person's own office, with its scans. The
    language of its subject and summary is detected from them (else the person's own); the
    task worker translates them after the change commits."""
    require(by, "agreements.register_letter", partnership)
    letter = Letter(partnership=partnership, side=own_side(by, partnership), recorded_by=by)
    model_update(instance=letter, fields=FIELDS, data=fields)
    letter.language = language_of(letter, default=by.language or settings.LANGUAGE_CODE)
    _save(letter, by)
    for upload in scans:
        _scan(letter, upload, by, "scans")
    translate_later(letter)
    return letter


@transaction.atomic
def letter_update(*, letter: Letter, by: User, revision: int | None = None, **fields) -> Letter:
    """Correct a registered letter, from the `revision` the person saw (else unguarded); only
    its own office may."""
    require(by, "agreements.change_letter", letter)
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    model_update(instance=letter, fields=FIELDS, data=fields, revision=revision)
    _save(letter, by)
    translate_later(letter)
    return letter


@transaction.atomic
def letter_scan_add(*, letter: Letter, by: User, upload) -> LetterScan:
    require(by, "agreements.change_letter", letter)
    return _scan(letter, upload, by, "scan")


@transaction.atomic
def letter_scan_remove(*, scan: LetterScan, by: User) -> None:
    """Remove a scan and its file: a wrong upload may hold what nobody should keep. The audit
    still says who removed which file."""
    require(by, "agreements.change_letter", scan.letter)
    storage, name = scan.file.storage, scan.file.name
    audited(scan, by).delete()
    transaction.on_commit(lambda: storage.delete(name))
