"""What a public page tells search engines and link previews: its address in each language
(hreflang alternates, x-default in English) and the Open Graph locale."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Open Graph names a locale with its country.
OG_LOCALES = {"de": "de_DE", "uk": "uk_UA", "en": "en_GB"}
DEFAULT_LANGUAGE = "en"


def address_in(language: str, url_name: str, kwargs: dict | None = None) -> str:
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs)


def page_meta(request, url_name: str, kwargs: dict | None = None) -> dict:
    """The alternates of a page in every language, and its Open Graph locales."""
    current = (translation.get_language() or DEFAULT_LANGUAGE)[:2]
    alternates = [
        (code, request.build_absolute_uri(address_in(code, url_name, kwargs)))
        for code, _name in settings.LANGUAGES
    ]
    return {
        "alternates": alternates,
        "x_default": request.build_absolute_uri(address_in(DEFAULT_LANGUAGE, url_name, kwargs)),
        "canonical": request.build_absolute_uri(address_in(current, url_name, kwargs)),
        "og_locale": OG_LOCALES.get(current, "en_GB"),
        "og_locale_alternates": [
            OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != current
        ],
    }
