"""The German and Ukrainian catalogues are complete, compile, and keep every placeholder."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%[sd]")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["de", "uk"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = _catalogue(language)
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated in {language}: {missing}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_catalogue_compiles(language, tmp_path):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["de", "uk"])
def test_translations_keep_placeholders(language):
    for entry in _catalogue(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            found = sorted(set(PLACEHOLDER.findall(translation)))
            assert set(found) <= set(expected) | set(
                PLACEHOLDER.findall(entry.msgid_plural or "")
            ), f"{language}: {entry.msgid!r} -> {translation!r}"


def test_ukrainian_catalogue_is_not_english():
    """No Ukrainian entry is a copy of the English text (names and codes aside)."""
    copies = [
        entry.msgid
        for entry in _catalogue("uk").translated_entries()
        if entry.msgstr == entry.msgid
        and re.search(r"[a-z]{4,}", PLACEHOLDER.sub("", entry.msgid))
        and entry.msgid not in {"Pobratym"}
    ]
    assert not copies, copies
