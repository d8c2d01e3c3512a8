"""Agreement versions printed as PDF with WeasyPrint and read back with pypdf."""

import io
import re
from datetime import date

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from pobratym.agreements.documents import paragraphs_of, version_pdf
from pobratym.agreements.models import Agreement, Signature, Version, VersionText, fingerprint_of
from pobratym.core.errors import DomainError
from pobratym.documents.pdf import STATIC_DIR, StaticFilesOnly
from pobratym.partnerships.models import City
from tests.factories import partnership_create

pytestmark = pytest.mark.django_db

GERMAN = (
    "Solidaritätspartnerschaft",
    "Die Städte vereinbaren eine Partnerschaft.\n\n"
    "Schwerpunkte:\n\n- Digitalisierung\n- Wissenschaft",
)
UKRAINIAN = (
    "Угода про партнерство солідарності",
    "Міста домовляються про партнерство.\n\nНапрями співпраці:\n\n- цифровізація\n- наука",
)


@pytest.fixture
def partnership():
    partnership = partnership_create()
    first, second = (side.city for side in partnership.sides.order_by("position"))
    City.objects.filter(pk=first.pk).update(
        name_en="Dortmund", name_de="Dortmund", name_uk="Дортмунд"
    )
    City.objects.filter(pk=second.pk).update(
        name_en="Zhytomyr", name_de="Schytomyr", name_uk="Житомир"
    )
    return partnership


def version_make(partnership, texts=None, *, frozen=False, agreement=None, number=1) -> Version:
    agreement = agreement or Agreement.objects.create(
        partnership=partnership, kind=Agreement.Kind.SOLIDARITY, title="Solidarity partnership"
    )
    version = Version.objects.create(agreement=agreement, number=number)
    for language, (title, body) in (texts or {"de": GERMAN, "uk": UKRAINIAN}).items():
        VersionText.objects.create(version=version, language=language, title=title, body=body)
    if frozen:
        version.proposed_at = timezone.now()
        version.fingerprint = fingerprint_of(version.texts.all())
        version.save()
    return version


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, lines joined where hyphenation broke a word, white space collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = [page.extract_text().replace("\u2010\n", "") for page in reader.pages]
    return [" ".join(text.split()) for text in texts]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_of(pdf))


def label(text: str, language: str) -> str:
    """`text` as the catalogue of `language` has it now (the source text until translated)."""
    with translation.override(language):
        return gettext(text)


def test_german_version_prints_its_text_title_and_list_items(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["de"], language="de")

    text = text_of(pdf)
    assert "Solidaritätspartnerschaft" in text
    assert "Die Städte vereinbaren eine Partnerschaft." in text
    assert "Digitalisierung" in text
    assert "Угода" not in text


def test_ukrainian_version_prints_cyrillic_that_can_be_extracted(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["uk"], language="uk")

    text = text_of(pdf)
    assert "Угода про партнерство солідарності" in text
    assert "Міста домовляються про партнерство." in text
    assert "цифровізація" in text
    assert "Житомир" in text


def test_side_by_side_puts_both_languages_on_the_same_page(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["de", "uk"], language="en")

    first_page = pages_of(pdf)[0]
    assert "Die Städte vereinbaren eine Partnerschaft." in first_page
    assert "Міста домовляються про партнерство." in first_page
    assert "Deutsch".casefold() in first_page.casefold()
    assert "Українська".casefold() in first_page.casefold()


def line_heights(pdf: bytes) -> dict[str, float]:
    """Where each printed line starts on the first page, from the top: text → y."""
    positions: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            positions.setdefault(text.strip(), round(tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return positions


def test_side_by_side_aligns_paragraph_with_paragraph_when_counts_match(partnership):
    long_german = "Erster Absatz, der über mehrere Zeilen läuft. " * 6
    version = version_make(
        partnership,
        {
            "de": ("Titel", f"{long_german}\n\nZweiter Absatz."),
            "uk": ("Назва", "Перший.\n\nДругий."),
        },
    )
    heights = line_heights(version_pdf(version=version, languages=["de", "uk"], language="en"))

    assert heights["Zweiter Absatz."] == heights["Другий."]


def test_side_by_side_prints_whole_texts_when_paragraph_counts_differ(partnership):
    long_german = "Erster Absatz, der über mehrere Zeilen läuft. " * 6
    version = version_make(
        partnership,
        {"de": ("Titel", long_german), "uk": ("Назва", "Перший.\n\nДругий.\n\nТретій.")},
    )
    pdf = version_pdf(version=version, languages=["de", "uk"], language="en")

    heights = line_heights(pdf)
    german_lines = [y for text, y in heights.items() if "Absatz" in text or "läuft" in text]
    assert "Третій." in pages_of(pdf)[0]
    assert heights["Другий."] > min(german_lines), "Ukrainian runs on, not waiting for German"


def test_signature_blocks_header_and_footer_are_in_both_printed_languages(partnership):
    text = text_of(
        version_pdf(version=version_make(partnership), languages=["de", "uk"], language="en")
    )

    for language, city in (("de", "Schytomyr"), ("uk", "Житомир")):
        assert label("Signatures", language) in text
        assert label("For the city of %(city)s", language) % {"city": city} in text
        assert label("Place and date", language) in text
        assert label("Draft: this text may still change and cannot be signed.", language) in text
    assert "Dortmund – Schytomyr" in text and "Дортмунд – Житомир" in text, "the header"
    assert f"{GERMAN[0]} | {UKRAINIAN[0]}" in text, "the title in both languages"
    assert "Seite 1 von 1" in text and "Сторінка 1 з 1" in text
    assert label("Signatures", "en") not in text, "the reader's language only if not printed"


def test_one_language_is_labelled_also_in_the_readers_own(partnership):
    version = version_make(partnership)

    for_a_german = text_of(version_pdf(version=version, languages=["uk"], language="de"))
    for_a_ukrainian = text_of(version_pdf(version=version, languages=["uk"], language="uk"))

    assert label("Signatures", "uk") in for_a_german and label("Signatures", "de") in for_a_german
    assert GERMAN[0] in for_a_german, "the German title beside the Ukrainian"
    assert "Дортмунд" in for_a_ukrainian and "Житомир" in for_a_ukrainian
    assert "Schytomyr" not in for_a_ukrainian
    assert label("Signatures", "de") not in for_a_ukrainian


def test_a_title_without_text_in_a_language_is_the_agreements_translated_title(partnership):
    from pobratym.translation.models import Translation, TranslationKind

    version = version_make(partnership, {"uk": UKRAINIAN})
    agreement = version.agreement
    Agreement.objects.filter(pk=agreement.pk).update(language="en")
    agreement.refresh_from_db()
    Translation.objects.create(
        record=agreement,
        field="title",
        language="de",
        text="Solidaritätspartnerschaft (Übersetzung)",
        kind=TranslationKind.HUMAN,
        source_digest="",
    )

    text = text_of(version_pdf(version=version, languages=["uk"], language="de"))

    assert f"{UKRAINIAN[0]} | Solidaritätspartnerschaft (Übersetzung)" in text


def test_pdf_metadata_carry_the_readers_language_and_the_title(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["uk"], language="uk")

    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    assert reader.metadata.title.startswith("Угода про партнерство солідарності")


def test_pages_are_numbered_in_the_readers_language(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["de"], language="en")

    pages = pages_of(pdf)
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_recorded_signature_prints_its_signer_place_and_date(partnership):
    version = version_make(partnership, frozen=True)
    Signature.objects.create(
        agreement=version.agreement,
        version=version,
        side=partnership.sides.get(position=1),
        fingerprint=version.fingerprint,
        signed_on=date(2023, 5, 12),
        place="Dortmund",
        signer_name="Thomas Westphal",
        signer_title="Oberbürgermeister",
    )

    text = text_of(version_pdf(version=version, languages=["de", "uk"], language="de"))

    assert "Thomas Westphal" in text
    assert "Oberbürgermeister" in text
    assert "Dortmund, 12. Mai 2023" in text


def test_signature_under_another_version_is_not_printed(partnership):
    signed = version_make(partnership, frozen=True)
    Signature.objects.create(
        agreement=signed.agreement,
        version=signed,
        side=partnership.sides.get(position=1),
        fingerprint=signed.fingerprint,
        signed_on=date(2023, 5, 12),
        place="Dortmund",
        signer_name="Thomas Westphal",
        signer_title="Oberbürgermeister",
    )
    later = version_make(partnership, agreement=signed.agreement, number=2)

    assert "Westphal" not in text_of(version_pdf(version=later, languages=["de"], language="de"))


def test_draft_is_marked_and_has_no_fingerprint(partnership):
    pdf = version_pdf(version=version_make(partnership), languages=["de"], language="de")

    text = text_of(pdf)
    assert label("Draft", "de").casefold() in text.casefold()
    assert not re.search(r"\b[0-9a-f]{64}\b", text)
    assert "(" + label("Draft", "de") + ")" in PdfReader(io.BytesIO(pdf)).metadata.title


def test_frozen_version_prints_the_fingerprint_of_its_texts(partnership):
    version = version_make(partnership, frozen=True)

    text = text_of(version_pdf(version=version, languages=["de", "uk"], language="uk"))

    printed = set(re.findall(r"\b[0-9a-f]{64}\b", text))
    assert printed == {fingerprint_of(VersionText.objects.filter(version=version))}
    assert label("Draft", "uk").casefold() not in text.casefold()


def test_frozen_version_whose_texts_changed_is_not_printed(partnership):
    version = version_make(partnership, frozen=True)
    VersionText.objects.filter(version=version, language="de").update(body="Anders.")

    with pytest.raises(DomainError) as error:
        version_pdf(version=version, languages=["de"], language="de")
    assert error.value.code == "fingerprint_mismatch"


def test_missing_language_is_a_domain_error(partnership):
    version = version_make(partnership, {"de": GERMAN})

    with pytest.raises(DomainError) as error:
        version_pdf(version=version, languages=["de", "uk"], language="en")
    assert error.value.code == "missing_language"
    assert "Ukrainian" in error.value.message


def test_more_than_two_languages_is_a_domain_error(partnership):
    version = version_make(partnership, {"de": GERMAN, "uk": UKRAINIAN, "en": GERMAN})

    with pytest.raises(DomainError) as error:
        version_pdf(version=version, languages=["de", "uk", "en"], language="en")
    assert error.value.code == "languages"


def test_paragraphs_split_on_blank_lines_with_dash_lines_as_list_items():
    body = (
        "Erster Absatz\nzweite Zeile.\r\n\r\nSchwerpunkte:\n- Digitalisierung\n- Wissenschaft\n\n\n"
    )

    assert paragraphs_of(body) == [
        [("lines", ["Erster Absatz", "zweite Zeile."])],
        [("lines", ["Schwerpunkte:"]), ("list", ["Digitalisierung", "Wissenschaft"])],
    ]


def test_pdf_fetches_our_static_files_and_nothing_else():
    fetcher = StaticFilesOnly()

    assert fetcher.fetch((STATIC_DIR / "favicon.svg").as_uri()).read().startswith(b"<")
    for address in ("http://127.0.0.1/x.png", "https://example.org/a.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="only our own static files"):
            fetcher.fetch(address)
