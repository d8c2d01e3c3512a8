"""The wording a review of the German and Ukrainian pages asked for stays as agreed (issue 13)."""

import polib
import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, pgettext

from tests.core.test_translations import _catalogue


@pytest.mark.parametrize(
    ("language", "context", "msgid", "expected"),
    [
        ("de", None, "Letters", "Schriftverkehr"),
        ("de", None, "Amendments", "Ergänzungen"),
        ("de", None, "Propose an amendment", "Ergänzung vorschlagen"),
        ("de", None, "Cancel the need", "Bedarf stornieren"),
        ("de", None, "Early recovery", "Früher Wiederaufbau"),
        ("de", None, "Correct the need", "Bedarf bearbeiten"),
        ("de", None, "Correct the letter", "Schreiben bearbeiten"),
        (
            "uk",
            None,
            "Your password can’t be entirely numeric.",
            "Пароль не може складатися лише з цифр.",
        ),
        ("uk", None, "Donation certificate for customs", "Дарчий лист для митного оформлення"),
        ("uk", None, "not legally binding", "юридично не обов'язкова"),
        ("uk", "offer", "accepted", "прийнята"),
        ("uk", None, "Correct the need", "Редагувати потребу"),
    ],
)
def test_reviewed_wording(language, context, msgid, expected):
    with translation.override(language):
        text = pgettext(context, msgid) if context else gettext(msgid)
    assert text == expected


def test_german_amendments_are_never_aenderungen():
    """„Änderung“ is the change history (Änderungsverlauf); an amendment is an „Ergänzung“."""
    wrong = [
        entry.msgid
        for entry in _catalogue("de").translated_entries()
        if "amendment" in entry.msgid.lower()
        and "Änderung" in entry.msgstr.replace("Änderungsv", "")
    ]
    assert not wrong


def test_ukrainian_says_pledge_with_one_word():
    catalogue: polib.POFile = _catalogue("uk")
    texts = [e.msgstr or " ".join(e.msgstr_plural.values()) for e in catalogue.translated_entries()]
    assert not [text for text in texts if "обіця" in text.lower()]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Übersetzung ins Ukrainische hinzufügen"), ("uk", "Перекласти українською")],
)
def test_translate_into_a_language_reads_naturally(language, expected):
    template = Template(
        "{% load i18n formats %}{% blocktranslate with language=code|language_into %}"
        "Translate into {{ language }}{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"code": "uk"})) == expected


def test_ukrainian_names_a_language_in_lower_case_inside_a_sentence():
    template = Template(
        "{% load i18n formats %}{% blocktranslate with language=code|language_in_sentence %}"
        "Not yet translated; the original in {{ language }} is shown.{% endblocktranslate %}"
    )
    with translation.override("uk"):
        assert "(мова: німецька)" in template.render(Context({"code": "de"}))
