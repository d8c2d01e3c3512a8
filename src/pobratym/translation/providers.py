"""Machine translation providers behind one small interface, chosen in settings."""

from __future__ import annotations

from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Our language codes (settings.LANGUAGES); every provider maps them to its own.
LANGUAGES = ("de", "uk", "en")
# DeepL takes at most 50 texts in one request.
DEEPL_MAX_TEXTS = 50
DEEPL_FREE_URL = "https://api-free.deepl.com"
DEEPL_PRO_URL = "https://api.deepl.com"


class TranslationError(Exception):
    """The provider failed, timed out or answered something unusable; the message is for logs.

    Never shown to users, and never carries the texts or an API key.
    """


class Provider:
    """Translates a batch of texts from one of our languages into another.

    `translate` returns the translations in the order of `texts`, one per text, or raises
    TranslationError. Languages are our codes (de, uk, en); each provider maps them. An
    unknown code or the same language on both sides is a programming error (ValueError).
    """

    name: str = ""
    available: bool = False

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        raise NotImplementedError

    def __repr__(self) -> str:  # never shows a key
        return f"<{type(self).__name__} {self.name}>"


class NoProvider(Provider):
    """No machine translation: messages wait for a human translation and show the original."""

    name = "none"
    available = False

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        raise TranslationError("No machine translation provider is configured.")


class _HttpProvider(Provider):
    """What both HTTP adapters share: one request with a timeout, no retries, strict answers."""

    available = True

    def __init__(self, *, url: str, timeout: float):
        self.url = url.rstrip("/")
        self.timeout = float(timeout)

    def _post(self, path: str, *, body: dict[str, Any], headers: dict[str, str]) -> Any:
        """POST JSON, return the decoded JSON answer; anything else is a TranslationError."""
        try:
            response = httpx.post(
                self.url + path,
                json=body,
                headers={"Accept": "application/json", **headers},
                timeout=self.timeout,
                follow_redirects=False,
            )
        except httpx.TimeoutException as error:
            raise TranslationError(
                f"{self.name}: no answer within {self.timeout:g} s ({type(error).__name__})"
            ) from error
        except httpx.HTTPError as error:
            raise TranslationError(f"{self.name}: request failed: {error!r}") from error
        if response.status_code != 200:
            raise TranslationError(
                f"{self.name}: HTTP {response.status_code} {_error_detail(response)}".rstrip()
            )
        try:
            return response.json()
        except ValueError as error:  # not JSON, or not even text
            raise TranslationError(f"{self.name}: the answer is not JSON") from error

    def _check(self, texts: list[str], source: str, target: str) -> None:
        for code in (source, target):
            if code not in LANGUAGES:
                raise ValueError(f"Unknown language code {code!r}; expected one of {LANGUAGES}.")
        if source == target:
            raise ValueError(f"Nothing to translate: source and target are both {source!r}.")
        if not all(isinstance(text, str) for text in texts):
            raise ValueError("Texts to translate must be strings.")

    def _checked_translations(self, texts: list[str], translations: Any) -> list[str]:
        """The translations, if they are one string per text; else a TranslationError."""
        if not isinstance(translations, list) or not all(
            isinstance(translation, str) for translation in translations
        ):
            raise TranslationError(f"{self.name}: the answer has an unexpected shape")
        if len(translations) != len(texts):
            raise TranslationError(
                f"{self.name}: asked for {len(texts)} translations, got {len(translations)}"
            )
        for text, translation in zip(texts, translations, strict=True):
            # An empty answer to a real text is a failure, not a translation to show.
            if text.strip() and not translation.strip():
                raise TranslationError(f"{self.name}: an empty translation for a non-empty text")
        return translations


class LibreTranslateProvider(_HttpProvider):
    """LibreTranslate (open source, usually self-hosted): POST /translate with a list of texts."""

    name = "libretranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 10):
        if not url:
            raise ImproperlyConfigured("LibreTranslate needs LIBRETRANSLATE_URL.")
        super().__init__(url=url, timeout=timeout)
        self.api_key = api_key

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        self._check(texts, source, target)
        if not texts:
            return []
        # LibreTranslate uses the same ISO 639-1 codes as we do.
        body: dict[str, Any] = {
            "q": list(texts),
            "source": source,
            "target": target,
            "format": "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        answer = self._post("/translate", body=body, headers={})
        if not isinstance(answer, dict):
            raise TranslationError(f"{self.name}: the answer has an unexpected shape")
        return self._checked_translations(texts, answer.get("translatedText"))


class DeepLProvider(_HttpProvider):
    """DeepL (API key): POST /v2/translate, up to 50 texts a request."""

    name = "deepl"
    SOURCE_CODES = {"de": "DE", "uk": "UK", "en": "EN"}
    # DeepL wants a variant for English as a target; the partnership writes British English.
    TARGET_CODES = {"de": "DE", "uk": "UK", "en": "EN-GB"}

    def __init__(self, api_key: str, url: str | None = None, timeout: float = 10):
        if not api_key:
            raise ImproperlyConfigured("DeepL needs DEEPL_API_KEY.")
        # Keys of the free plan end in ":fx" and work only on the free endpoint.
        default_url = DEEPL_FREE_URL if api_key.endswith(":fx") else DEEPL_PRO_URL
        super().__init__(url=url or default_url, timeout=timeout)
        self.api_key = api_key

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        self._check(texts, source, target)
        translations: list[str] = []
        for start in range(0, len(texts), DEEPL_MAX_TEXTS):
            translations += self._translate_batch(
                texts[start : start + DEEPL_MAX_TEXTS], source=source, target=target
            )
        return translations

    def _translate_batch(self, texts: list[str], *, source: str, target: str) -> list[str]:
        body = {
            "text": list(texts),
            "source_lang": self.SOURCE_CODES[source],
            "target_lang": self.TARGET_CODES[target],
        }
        answer = self._post(
            "/v2/translate",
            body=body,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
        )
        items = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise TranslationError(f"{self.name}: the answer has an unexpected shape")
        return self._checked_translations(texts, [item.get("text") for item in items])


def _error_detail(response: httpx.Response) -> str:
    """The provider's own error text, short: LibreTranslate says "error", DeepL "message"."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict):
        detail = body.get("error") or body.get("message") or ""
        return str(detail)[:200]
    return ""


def get_provider() -> Provider:
    """The provider the settings choose (POBRATYM_TRANSLATION_PROVIDER); "none" by default."""
    choice = (getattr(settings, "POBRATYM_TRANSLATION_PROVIDER", "none") or "none").lower()
    timeout = float(getattr(settings, "POBRATYM_TRANSLATION_TIMEOUT", 10))
    if choice == "none":
        return NoProvider()
    if choice == "libretranslate":
        return LibreTranslateProvider(
            url=getattr(settings, "LIBRETRANSLATE_URL", ""),
            api_key=getattr(settings, "LIBRETRANSLATE_API_KEY", ""),
            timeout=timeout,
        )
    if choice == "deepl":
        return DeepLProvider(
            api_key=getattr(settings, "DEEPL_API_KEY", ""),
            url=getattr(settings, "DEEPL_URL", "") or None,
            timeout=timeout,
        )
    raise ImproperlyConfigured(
        f"POBRATYM_TRANSLATION_PROVIDER is {choice!r}; choose none, libretranslate or deepl "
        "(see docs/operations.md, Machine translation)."
    )
