"""Aid exports in the reader's language: typed text beside its translation."""

from django.utils.translation import get_language

from pobratym.translation.models import Translatable
from pobratym.translation.selectors import shown


def readers_text(record: Translatable | None, field: str) -> str:
    """`field` of `record` in the reader's language, for the column beside its original: the
    original where it is written in it, else its translation, else empty (not yet
    translated). The reader's translations are fetched with the records."""
    if record is None:
        return ""
    text = shown(record, field)
    return text.text if text.language == get_language()[:2] else ""
