import pytest

from pobratym.translation.detection import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Дякуємо за допомогу з генераторами для лікарні", "uk"),
        ("Зустріч у понеділок о десятій у ратуші", "uk"),
        ("Wir schicken nächste Woche zwei Generatoren", "de"),
        ("Bitte prüfen Sie die Liste der Medikamente", "de"),
        ("We will send two generators next week", "en"),
        ("Please check the list of medicines before Friday", "en"),
    ],
)
def test_sentences_are_detected(text, language):
    assert detect_language(text, default="xx") == language


@pytest.mark.parametrize("text", ["Так", "Дякую!", "Привіт"])
def test_short_cyrillic_is_ukrainian(text):
    assert detect_language(text, default="de") == "uk"


def test_russian_comes_out_ukrainian_because_it_is_no_partnership_language():
    assert detect_language("Привет, как дела? Спасибо за помощь.", default="de") == "uk"


@pytest.mark.parametrize("text", ["", "   ", "Ja", "OK", "12345", "👍👍", "Danke", "Generator"])
def test_short_or_undecidable_text_gives_the_default(text):
    assert detect_language(text, default="en") == "en"
    assert detect_language(text, default="uk") == "uk"


def test_links_and_mentions_do_not_count_as_english():
    text = "Siehe https://example.org/shipment/status und frag @olena"

    assert detect_language(text, default="xx") == "de"


def test_only_the_configured_languages_come_out(settings):
    settings.LANGUAGES = [("de", "German"), ("en", "English")]

    assert detect_language("Дякуємо за допомогу з генераторами", default="de") in {"de", "en"}
    assert detect_language("Wir schicken nächste Woche zwei Generatoren", default="en") == "de"
