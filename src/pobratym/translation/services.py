"""Every change to translations: the original language of a record, a person's translation,
and the machine's, made in the task worker after the record's change commits."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require
from pobratym.core.inputs import TEXT_MAX_LENGTH

from . import detection
from .models import Translatable, Translation, TranslationKind, digest_of
from .providers import Provider
from .selectors import translations_of

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_of(
    record: Translatable, *, given: str | None = None, default: str, also: Iterable[str] = ()
) -> str:
    """The language a new record is written in: the one given, else detected from its texts
    and `also` (its lines' texts; offline), else `default` (the author's language)."""
    if given:
        if given not in LANGUAGE_CODES:
            raise DomainError("unknown_language", _("This language is not offered."))
        return given
    texts = [record.original(field) for field in record.translatable_fields]
    text = "\n".join([*texts, *also])
    return detection.detect_language(text, default=default)


def translate_later(*records: Translatable) -> None:
    """After the change commits, the task worker translates what changed into the other
    languages; readers see the original meanwhile."""
    from .tasks import record_translate  # tasks import this module

    for record in records:
        label, pk = record._meta.label_lower, record.pk
        transaction.on_commit(lambda label=label, pk=pk: record_translate.enqueue(label, pk))


def _field_of(record: Translatable, field: str):
    if field not in record.translatable_fields:
        raise DomainError("not_translatable", _("This text cannot be translated."))
    return record._meta.get_field(field)


@transaction.atomic
def language_set(*, record: Translatable, by, language: str) -> Translatable:
    """Correct the detected original language. Machine translations made from the wrong
    language go and are made again; people's translations stay."""
    owner = record.translation_owner()
    require(by, owner.translate_permission, owner)
    if language not in LANGUAGE_CODES:
        raise DomainError("unknown_language", _("This language is not offered."))
    record = type(record).objects.select_for_update().get(pk=record.pk)
    record.language = language
    audited(record, by).save(update_fields=["language", "updated_at"])
    for part in [record, *record.translation_parts()]:
        type(part).objects.filter(pk=part.pk).update(language=language)
        translations = part.translations.all()
        translations.filter(kind=TranslationKind.MACHINE).delete()
        translations.filter(language=language).delete()
    translate_later(record)
    return record


@transaction.atomic
def translation_save(
    *, record: Translatable, field: str, language: str, text: str, by, revision: int | None
) -> Translation | None:
    """A person translates or corrects one field. `revision` is the one the person saw (None:
    there was none); if someone saved meanwhile, nothing is overwritten (Conflict). An empty
    text removes a person's translation, so the machine's can come back."""
    owner = record.translation_owner()
    require(by, owner.translate_permission, owner)
    model_field = _field_of(record, field)
    if language not in LANGUAGE_CODES or language == record.language:
        raise DomainError("unknown_language", _("Choose a language other than the original."))
    text = (text or "").strip()
    limit = model_field.max_length or TEXT_MAX_LENGTH
    if len(text) > limit:
        raise DomainError(
            "translation_too_long",
            _("The translation may have at most %(limit)d characters.") % {"limit": limit},
            field="text",
        )
    changed = Conflict(
        "translation_changed",
        _("Someone else saved a translation meanwhile. Read it, then correct it if needed."),
    )
    kind = ContentType.objects.get_for_model(record)
    where = {"content_type": kind, "object_id": record.pk, "field": field, "language": language}
    current = Translation.objects.select_for_update().filter(**where).first()
    if (current.revision if current else None) != revision:
        raise changed
    if not text:
        if current is not None:
            audited(current, by).delete()
        translate_later(record)
        return None
    translation = current or Translation(**where, revision=0)
    translation.text = text
    translation.kind = TranslationKind.HUMAN
    translation.translated_by = by
    translation.provider = ""
    translation.source_digest = digest_of(record.original(field))
    translation.revision += 1
    try:
        with transaction.atomic():
            audited(translation, by).save()
    except IntegrityError as error:  # someone's first translation won the unique key
        raise changed from error
    return translation


def record_translate_by_machine(*, record: Translatable, provider: Provider) -> int:
    """Translate each field of the record and its parts (a need's lines) that has no
    translation, or only a machine one of an earlier wording, into each other language, one
    request per language; return how many were saved. Raises TranslationError when the
    provider fails; what was done until then is kept. A text in a language the platform does
    not speak stays as written."""
    records = [record, *record.translation_parts()]
    existing = translations_of(records)
    done = 0
    for source in LANGUAGE_CODES:
        for target in LANGUAGE_CODES:
            if source == target:
                continue
            wanted = [
                (part, field)
                for part in records
                if part.language == source
                for field in part.translatable_fields
                if part.original(field).strip() and _wants_machine(existing, part, field, target)
            ]
            if not wanted:
                continue
            texts = [part.original(field) for part, field in wanted]
            answers = provider.translate(texts, source=source, target=target)
            for (part, field), text in zip(wanted, answers, strict=True):
                done += _machine_save(part, field, target, text, provider.name)
    return done


def _wants_machine(existing, record, field, language) -> bool:
    current = existing.get((record._meta.label, record.pk, field, language))
    if current is None:
        return True
    return current.kind == TranslationKind.MACHINE and current.is_stale(record.original(field))


@transaction.atomic
def _machine_save(record, field, language, text, provider_name) -> int:
    limit = record._meta.get_field(field).max_length
    kind = ContentType.objects.get_for_model(record)
    where = {"content_type": kind, "object_id": record.pk, "field": field, "language": language}
    current = Translation.objects.select_for_update().filter(**where).first()
    if current is not None and current.kind == TranslationKind.HUMAN:
        return 0  # a person translated it meanwhile: theirs stays
    translation = current or Translation(**where)
    translation.text = text[:limit] if limit else text
    translation.kind = TranslationKind.MACHINE
    translation.translated_by = None
    translation.provider = provider_name
    translation.source_digest = digest_of(record.original(field))
    try:
        with transaction.atomic():
            audited(translation, None).save()
    except IntegrityError:
        return 0  # a person's first translation won the unique key
    return 1


def translations_copy(*, source: Translatable, target: Translatable, by=None) -> int:
    """Give `target`, a copy of `source` (a measure in a new version of its plan), the
    translations of `source` as they are: made by the same person or machine, from the same
    original. Returns how many were copied."""
    kind = ContentType.objects.get_for_model(source)
    copies = [
        Translation(
            content_type=kind,
            object_id=target.pk,
            field=translation.field,
            language=translation.language,
            text=translation.text,
            kind=translation.kind,
            translated_by=translation.translated_by,
            provider=translation.provider,
            source_digest=translation.source_digest,
        )
        for translation in Translation.objects.filter(content_type=kind, object_id=source.pk)
    ]
    for copy in copies:
        audited(copy, by).save()
    return len(copies)
