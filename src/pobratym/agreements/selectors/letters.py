"""What the register of letters shows: the searchable list, one letter, its scans, and the
records a letter can be linked to; subjects and summaries in the reader's language, found by
words of any of their languages."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from pobratym.core.search import contains
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import matching, reader_translations, with_translations

from ..models import Agreement, Amendment, Letter, LetterScan, Notice
from .agreements import in_reader_language


def letter_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's letters in both registers, newest first, narrowed by `filters`
    (the search form's cleaned data; empty values are ignored), with their translations into
    the reader's language. Subject words match the subject in any of its languages."""
    filters = filters or {}
    letters = Letter.objects.filter(partnership=partnership)
    if number := (filters.get("number") or "").strip():
        letters = letters.filter(contains("registration_number", number))
    if date_from := filters.get("date_from"):
        letters = letters.filter(registered_at__date__gte=date_from)
    if date_to := filters.get("date_to"):
        letters = letters.filter(registered_at__date__lte=date_to)
    if correspondent := (filters.get("correspondent") or "").strip():
        letters = letters.filter(
            contains("sender", correspondent) | contains("addressee", correspondent)
        )
    for word in (filters.get("subject") or "").split():
        letters = letters.filter(matching(Letter, ("subject",), word))
    if words := (filters.get("q") or "").strip():
        letters = letters.filter(_with_words(words))
    if direction := filters.get("direction"):
        letters = letters.filter(direction=direction)
    if side := filters.get("side"):
        letters = letters.filter(side=side)
    return with_translations(
        letters.select_related("side__city")
        .annotate(scan_count=Count("scans"))
        .order_by("-registered_at", "-pk")
    )


def _with_words(words: str):
    """Letters whose number, file index, correspondents or subject (in any of its languages)
    contain `words`."""
    typed = Q()
    for field in ("registration_number", "file_index", "sender", "addressee"):
        typed |= contains(field, words)
    return typed | matching(Letter, ("subject",), words)


def letter_get(*, viewer, partnership: Partnership, letter_id: int) -> Letter:
    """A letter of this partnership with its scans, links and replies, all in the reader's
    language; 404 otherwise. As many queries for many replies as for one."""
    letter = (
        with_translations(Letter.objects.filter(partnership=partnership, pk=letter_id))
        .select_related(
            "side__city",
            "recorded_by",
            "amendment__agreement",
            "notice__agreement",
            "notice__side__city",
            "in_reply_to__side__city",
        )
        .prefetch_related(
            "scans",
            Prefetch("agreement", queryset=in_reader_language(Agreement.objects.all())),
            reader_translations("amendment__agreement"),
            reader_translations("notice__agreement"),
            reader_translations("in_reply_to"),
            Prefetch(
                "replies",
                queryset=with_translations(
                    Letter.objects.select_related("side__city").order_by("registered_at")
                ),
            ),
        )
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def letter_scan_get(*, viewer, letter: Letter, scan_id: int) -> LetterScan:
    scan = LetterScan.objects.filter(letter=letter, pk=scan_id).first()
    if scan is None:
        raise Http404
    scan.letter = letter
    return scan


def letter_registered(
    *, viewer, partnership: Partnership, side_id: int, direction: str, registration_number: str
) -> Letter | None:
    """The letter already registered under this number, to point a retried form to it."""
    return Letter.objects.filter(
        partnership=partnership,
        side_id=side_id,
        direction=direction,
        registration_number=registration_number.strip(),
    ).first()


@dataclass(frozen=True)
class LetterLinks:
    """What a letter may refer to: records of the same partnership only."""

    agreements: QuerySet
    amendments: QuerySet
    notices: QuerySet
    letters: QuerySet


def letter_links(*, viewer, partnership: Partnership) -> LetterLinks:
    """Each named in the reader's language, in one query per kind and one for translations."""
    return LetterLinks(
        agreements=in_reader_language(Agreement.objects.filter(partnership=partnership)).order_by(
            "created_at"
        ),
        amendments=Amendment.objects.filter(agreement__partnership=partnership)
        .select_related("agreement")
        .prefetch_related(reader_translations("agreement"))
        .order_by("agreement__created_at", "number"),
        notices=Notice.objects.filter(agreement__partnership=partnership)
        .select_related("agreement", "side__city")
        .prefetch_related(reader_translations("agreement")),
        letters=with_translations(
            Letter.objects.filter(partnership=partnership).select_related("side__city")
        ).order_by("-registered_at"),
    )
