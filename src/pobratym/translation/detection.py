"""Which partnership language a text is written in, decided offline (py3langid)."""

from __future__ import annotations

import functools
import re

from django.conf import settings
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Fewer letters than this say too little about the language ("Ja", "OK", "Hi").
MIN_LETTERS = 3
# Below this confidence (among our languages only) the text stays in the default language.
MIN_CONFIDENCE = 0.8
# Links, e-mail addresses and @mentions are no language; they would tilt short texts to English.
_NOT_LANGUAGE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|@\w+")


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    # Loading the model takes most of a second, so it is done once per set of languages.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [code for code in languages if code in identifier.labels]
    identifier.set_languages(known or None)
    return identifier


def _is_cyrillic(letter: str) -> bool:
    return "\u0400" <= letter <= "\u052f"


def detect_language(text: str, *, default: str) -> str:
    """The language code (from settings.LANGUAGES) the text is written in, or `default`.

    Very short or undecidable texts give `default`. Cyrillic text is Ukrainian: of the
    partnership's languages only Ukrainian is written in Cyrillic (and the classifier, which
    knows Russian, is never allowed to answer it).
    """
    languages = tuple(code for code, _name in settings.LANGUAGES)
    cleaned = _NOT_LANGUAGE.sub(" ", text or "")
    letters = [character for character in cleaned if character.isalpha()]
    if not letters:
        return default
    if "uk" in languages and sum(map(_is_cyrillic, letters)) * 2 > len(letters):
        return "uk"
    if len(letters) < MIN_LETTERS:
        return default
    language, confidence = _identifier(languages).classify(cleaned)
    if language not in languages or confidence < MIN_CONFIDENCE:
        return default
    return language
