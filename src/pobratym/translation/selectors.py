"""Records read in the reader's language: translations fetched with the records (one query
for a whole list, never one per row), and each field shown as a `Shown`."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from pobratym.core.chunks import chunks_of
from pobratym.core.search import contains

from .models import Translatable, Translation, TranslationKind


@dataclass(frozen=True)
class Shown:
    """One field as a reader sees it: the text in their language where a translation exists,
    who or what translated it, and the original beside it."""

    text: str
    language: str
    original: str
    original_language: str
    translation: Translation | None = None

    @property
    def is_translation(self) -> bool:
        return self.translation is not None

    @property
    def by_machine(self) -> bool:
        return self.is_translation and self.translation.kind == TranslationKind.MACHINE

    @property
    def is_stale(self) -> bool:
        return self.is_translation and self.translation.is_stale(self.original)


def _reader_language(language: str | None) -> str:
    return (language or get_language() or "en")[:2]


def with_translations(records: QuerySet, language: str | None = None) -> QuerySet:
    """`records` with their translations into the reader's language, fetched in one query."""
    return records.prefetch_related(reader_translations(language=language))


def reader_translations(path: str = "", language: str | None = None) -> Prefetch:
    """For `prefetch_related`: the reader's translations of the records at `path` (a related
    record such as "in_reply_to"; empty: the records themselves), in one query."""
    language = _reader_language(language)
    return Prefetch(
        f"{path}__translations" if path else "translations",
        queryset=Translation.objects.filter(language=language).select_related("translated_by"),
        to_attr="reader_translations",
    )


def annotated_in(
    records: QuerySet, fields: tuple[str, ...], language: str | None = None, path: str = ""
) -> QuerySet:
    """`records` with each of `fields` as `shown` gives it in `language` (the original where
    written in it, else its translation into it, else the original), as annotations
    `<field>_shown`, computed in the records' own query: a stream read with `.iterator()`
    pays no query per chunk, as prefetching would. `path` names a related record (such as
    "version__plan") whose fields to show instead of the records' own."""
    language = _reader_language(language)
    model = records.model
    for step in path.split("__") if path else ():
        model = model._meta.get_field(step).related_model
    prefix = f"{path}__" if path else ""
    annotations = {}
    for field in fields:
        translation = Translation.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id=OuterRef(f"{prefix}pk"),
            field=field,
            language=language,
        ).values("text")[:1]
        annotations[f"{field}_shown"] = Case(
            When(**{f"{prefix}language": language}, then=F(f"{prefix}{field}")),
            default=Coalesce(
                Subquery(translation), F(f"{prefix}{field}"), output_field=TextField()
            ),
            output_field=TextField(),
        )
    return records.annotate(**annotations)


def every_translation(records: list, model: type[Translatable] | None = None) -> list:
    """Every translation of `records` (of one model), in every language, in one query, kept on
    `record.every_translation` for `text_in`. A plain list: Django's `prefetch_related` would
    build the `translations` manager once per record, most of the time of a large export.
    `records` may be plain values of `model` with a `pk` (a large export's lines)."""
    if records:
        content_type = ContentType.objects.get_for_model(model or records[0])
        found = defaultdict(list)
        for translation in Translation.objects.filter(
            content_type=content_type, object_id__in=[record.pk for record in records]
        ):
            found[translation.object_id].append(translation)
        for record in records:
            record.every_translation = found[record.pk]
    return records


def translated_chunks(records: QuerySet, size: int) -> Iterator[list[Translatable]]:
    """`records` read `size` at a time as `core.chunks.chunks_of` reads them, each chunk a
    list with `every_translation`, which the records of a chunk let go of before the next."""
    for chunk in chunks_of(records, size):
        yield every_translation(chunk)
        for record in chunk:
            record.__dict__.pop("every_translation", None)


def shown(record: Translatable, field: str, language: str | None = None) -> Shown:
    """`field` of `record` in the reader's language, or the original while there is none."""
    language = _reader_language(language)
    original = record.original(field)
    if record.language == language or not original:
        return Shown(original, record.language, original, record.language)
    translations = getattr(record, "reader_translations", None)
    if translations is None:
        translations = record.translations.filter(language=language).select_related("translated_by")
    for translation in translations:
        if translation.field == field and translation.language == language:
            return Shown(translation.text, language, original, record.language, translation)
    return Shown(original, record.language, original, record.language)


def text_in(record: Translatable, field: str, language: str) -> str:
    """`field` of `record` as it reads in `language`, for papers and open data that give
    several languages at once: the original where it is written in it, else its translation
    into it, else "". For a list, fetch them first with `every_translation(records)`."""
    if record.language == language:
        return record.original(field)
    translations = getattr(record, "every_translation", None)
    if translations is None:
        translations = record.translations.all()
    for translation in translations:
        if translation.field == field and translation.language == language:
            return translation.text
    return ""


def matching(model: type[Translatable], fields: tuple[str, ...], text: str) -> Q:
    """Records whose `fields` contain `text` in the original or in any translation."""
    condition = Q()
    for field in fields:
        condition |= contains(field, text)
    in_translations = Translation.objects.filter(
        contains("text", text),
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        field__in=fields,
    )
    return condition | Q(Exists(in_translations))


def translations_of(records, language: str | None = None) -> dict:
    """The translations of `records` (of any models), in one query per model, by (model
    label, id, field, language); only into `language` if given."""
    found = {}
    for label, group in groupby(sorted(records, key=_label), key=_label):
        group = list(group)
        translations = Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(group[0]),
            object_id__in=[record.pk for record in group],
        )
        if language:
            translations = translations.filter(language=language)
        for translation in translations.select_related("translated_by"):
            key = (label, translation.object_id, translation.field, translation.language)
            found[key] = translation
    return found


def _label(record) -> str:
    return record._meta.label
