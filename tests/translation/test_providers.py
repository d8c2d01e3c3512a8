import pytest
from django.core.exceptions import ImproperlyConfigured

from pobratym.translation.providers import (
    DeepLProvider,
    LibreTranslateProvider,
    NoProvider,
    TranslationError,
    get_provider,
)

GERMAN = "Wir schicken nächste Woche zwei Generatoren"
UKRAINIAN = "Дякуємо за допомогу з генераторами для лікарні"
FAILURES = ["garbage", "wrong-shape", "wrong-count", 400, 403, 429, 456, 500, 503]


def libretranslate(server, *, timeout=2.0):
    return LibreTranslateProvider(server.url, server.api_key, timeout)


def deepl(server, *, timeout=2.0):
    return DeepLProvider(server.api_key, server.url, timeout)


# LibreTranslate


def test_libretranslate_translates_a_batch_in_order(libretranslate_server):
    provider = libretranslate(libretranslate_server)

    result = provider.translate([GERMAN, "Zweitens", "Drittens"], source="de", target="uk")

    assert result == [f"[uk] {GERMAN}", "[uk] Zweitens", "[uk] Drittens"]
    (request,) = libretranslate_server.requests
    assert request.path == "/translate"
    assert request.data == {
        "q": [GERMAN, "Zweitens", "Drittens"],
        "source": "de",
        "target": "uk",
        "format": "text",
        "api_key": "test-libre-key",
    }


def test_libretranslate_keeps_cyrillic_intact_both_ways(libretranslate_server):
    provider = libretranslate(libretranslate_server)

    assert provider.translate([UKRAINIAN], source="uk", target="de") == [f"[de] {UKRAINIAN}"]
    assert libretranslate_server.requests[0].data["q"] == [UKRAINIAN]


def test_libretranslate_without_a_key_sends_none(libretranslate_server):
    libretranslate_server.api_key = ""
    provider = LibreTranslateProvider(libretranslate_server.url)

    assert provider.translate(["Hallo"], source="de", target="en") == ["[en] Hallo"]
    assert "api_key" not in libretranslate_server.requests[0].data


def test_libretranslate_wrong_key_is_a_translation_error(libretranslate_server):
    provider = LibreTranslateProvider(libretranslate_server.url, "stolen", 2)

    with pytest.raises(TranslationError, match="403 Invalid API key"):
        provider.translate(["Hallo"], source="de", target="uk")


def test_libretranslate_missing_key_is_a_translation_error(libretranslate_server):
    provider = LibreTranslateProvider(libretranslate_server.url, "", 2)

    with pytest.raises(TranslationError, match="400"):
        provider.translate(["Hallo"], source="de", target="uk")


@pytest.mark.parametrize("failure", FAILURES)
def test_libretranslate_failures_are_translation_errors(libretranslate_server, failure):
    libretranslate_server.failure = failure

    with pytest.raises(TranslationError):
        libretranslate(libretranslate_server).translate(["Hallo", "Welt"], source="de", target="uk")


def test_libretranslate_slow_answer_trips_the_timeout(libretranslate_server):
    libretranslate_server.failure = "slow"

    with pytest.raises(TranslationError, match="no answer within"):
        libretranslate(libretranslate_server, timeout=0.2).translate(
            ["Hallo"], source="de", target="uk"
        )


def test_libretranslate_single_string_answer_to_a_batch_is_refused(libretranslate_server):
    libretranslate_server.failure = "wrong-shape"

    with pytest.raises(TranslationError, match="unexpected shape"):
        libretranslate(libretranslate_server).translate(["Hallo"], source="de", target="uk")


# DeepL


def test_deepl_translates_with_its_language_codes_and_key(deepl_server):
    provider = deepl(deepl_server)

    assert provider.translate([GERMAN, "Danke"], source="de", target="uk") == [
        f"[uk] {GERMAN}",
        "[uk] Danke",
    ]
    assert provider.translate([UKRAINIAN], source="uk", target="en") == [f"[en] {UKRAINIAN}"]
    first, second = deepl_server.requests
    assert first.path == "/v2/translate"
    assert first.headers["authorization"] == "DeepL-Auth-Key test-key:fx"
    assert first.data == {"text": [GERMAN, "Danke"], "source_lang": "DE", "target_lang": "UK"}
    assert second.data == {"text": [UKRAINIAN], "source_lang": "UK", "target_lang": "EN-GB"}


def test_deepl_sends_more_than_fifty_texts_in_several_requests_in_order(deepl_server):
    texts = [f"Satz {number}" for number in range(120)]

    result = deepl(deepl_server).translate(texts, source="de", target="en")

    assert result == [f"[en] Satz {number}" for number in range(120)]
    assert [len(request.data["text"]) for request in deepl_server.requests] == [50, 50, 20]


def test_deepl_wrong_key_is_a_translation_error(deepl_server):
    provider = DeepLProvider("wrong-key:fx", deepl_server.url, 2)

    with pytest.raises(TranslationError, match="403"):
        provider.translate(["Hallo"], source="de", target="uk")


@pytest.mark.parametrize("failure", FAILURES)
def test_deepl_failures_are_translation_errors(deepl_server, failure):
    deepl_server.failure = failure

    with pytest.raises(TranslationError):
        deepl(deepl_server).translate(["Hallo", "Welt"], source="de", target="uk")


def test_deepl_quota_exceeded_is_named_in_the_error(deepl_server):
    deepl_server.failure = 456

    with pytest.raises(TranslationError, match="deepl: HTTP 456"):
        deepl(deepl_server).translate(["Hallo"], source="de", target="uk")


def test_deepl_slow_answer_trips_the_timeout(deepl_server):
    deepl_server.failure = "slow"

    with pytest.raises(TranslationError, match="no answer within"):
        deepl(deepl_server, timeout=0.2).translate(["Hallo"], source="de", target="uk")


def test_deepl_picks_the_endpoint_from_the_key():
    assert DeepLProvider("abc:fx").url == "https://api-free.deepl.com"
    assert DeepLProvider("abc").url == "https://api.deepl.com"
    assert DeepLProvider("abc", "https://deepl.example.org/").url == "https://deepl.example.org"


def test_deepl_key_never_shows_in_repr():
    assert "secret" not in repr(DeepLProvider("secret:fx"))


# Both adapters


@pytest.fixture(params=["libretranslate", "deepl"])
def provider_and_server(request):
    server = request.getfixturevalue(f"{request.param}_server")
    make = libretranslate if request.param == "libretranslate" else deepl
    return make(server), server


def test_nothing_to_translate_asks_nobody(provider_and_server):
    provider, server = provider_and_server

    assert provider.translate([], source="de", target="uk") == []
    assert server.requests == []


def test_an_empty_translation_of_a_real_text_is_refused(provider_and_server, monkeypatch):
    provider, _server = provider_and_server
    monkeypatch.setattr(
        "tests.translation.fake_servers.fake_translation", lambda text, target: "  "
    )

    with pytest.raises(TranslationError, match="empty translation"):
        provider.translate(["Hallo"], source="de", target="uk")


def test_an_unreachable_provider_is_a_translation_error(provider_and_server):
    provider, server = provider_and_server
    server.stop()

    with pytest.raises(TranslationError, match="request failed"):
        provider.translate(["Hallo"], source="de", target="uk")


@pytest.mark.parametrize(("source", "target"), [("de", "de"), ("ru", "uk"), ("de", "fr")])
def test_unknown_or_equal_languages_are_a_programming_error(provider_and_server, source, target):
    provider, server = provider_and_server

    with pytest.raises(ValueError):
        provider.translate(["Hallo"], source=source, target=target)
    assert server.requests == []


# No provider and the choice in settings


def test_no_provider_is_unavailable_and_refuses_to_translate():
    provider = NoProvider()

    assert provider.available is False
    assert provider.name == "none"
    with pytest.raises(TranslationError):
        provider.translate(["Hallo"], source="de", target="uk")


def test_none_is_the_default_provider(settings):
    del settings.POBRATYM_TRANSLATION_PROVIDER

    assert isinstance(get_provider(), NoProvider)


def test_settings_choose_libretranslate(settings, libretranslate_server):
    libretranslate_server.use_in(settings, timeout=3)

    provider = get_provider()

    assert isinstance(provider, LibreTranslateProvider)
    assert provider.available is True
    assert (provider.url, provider.api_key, provider.timeout) == (
        libretranslate_server.url,
        "test-libre-key",
        3.0,
    )
    assert provider.translate(["Hallo"], source="de", target="uk") == ["[uk] Hallo"]


def test_settings_choose_deepl(settings, deepl_server):
    deepl_server.use_in(settings)

    provider = get_provider()

    assert isinstance(provider, DeepLProvider)
    assert provider.available is True
    assert provider.translate(["Привіт"], source="uk", target="de") == ["[de] Привіт"]


def test_settings_deepl_without_url_uses_the_free_endpoint_for_a_free_key(settings):
    settings.POBRATYM_TRANSLATION_PROVIDER = "deepl"
    settings.DEEPL_API_KEY = "abc:fx"
    settings.DEEPL_URL = ""

    assert get_provider().url == "https://api-free.deepl.com"


def test_unknown_provider_is_improperly_configured(settings):
    settings.POBRATYM_TRANSLATION_PROVIDER = "google"

    with pytest.raises(ImproperlyConfigured, match=r"'google'.*none, libretranslate or deepl"):
        get_provider()


@pytest.mark.parametrize(
    ("provider", "missing"),
    [("libretranslate", "LIBRETRANSLATE_URL"), ("deepl", "DEEPL_API_KEY")],
)
def test_chosen_provider_without_its_setting_is_improperly_configured(settings, provider, missing):
    settings.POBRATYM_TRANSLATION_PROVIDER = provider
    settings.LIBRETRANSLATE_URL = ""
    settings.DEEPL_API_KEY = ""

    with pytest.raises(ImproperlyConfigured, match=missing):
        get_provider()
