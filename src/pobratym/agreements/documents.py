"""Agreement versions printed for signing: one language, or two side by side.

The header, the footer, the title and the signature blocks are in the printed languages, like
the texts (German | Ukrainian for the two cities), and in the reader's when only one language
is printed and it is not theirs. The data (names, places, the fingerprint) appear once.
"""

import re

from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from pobratym.core.errors import DomainError
from pobratym.documents.pdf import page_counter, render_pdf
from pobratym.translation.selectors import every_translation, shown, text_in

from .models import Agreement, Signature, Version, fingerprint_of

LABELS = {
    "signatures": gettext_lazy("Signatures"),
    "place_and_date": gettext_lazy("Place and date"),
    "signature": gettext_lazy("Signature"),
    "name": gettext_lazy("Name"),
    "title_or_office": gettext_lazy("Title or office"),
    "draft": gettext_lazy("Draft"),
    "draft_note": gettext_lazy("Draft: this text may still change and cannot be signed."),
    "fingerprint_note": gettext_lazy(
        "SHA-256 fingerprint of this version (all its language texts). The same fingerprint "
        "is shown in the platform; if they differ, this is not the text that was proposed."
    ),
}
SEPARATOR = mark_safe('<span class="separator"> | </span>')

BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs_of(body: str) -> list[list[tuple[str, list[str]]]]:
    """The body's paragraphs (split on blank lines), each a list of blocks: ("lines", lines)
    for running text and ("list", items) for consecutive lines starting with "- "."""
    paragraphs = []
    for chunk in BLANK_LINES.split(body.replace("\r\n", "\n").strip()):
        if not chunk:
            continue
        blocks: list[tuple[str, list[str]]] = []
        for line in chunk.split("\n"):
            line = line.strip()
            kind, line = ("list", line[2:].strip()) if line.startswith("- ") else ("lines", line)
            if blocks and blocks[-1][0] == kind:
                blocks[-1][1].append(line)
            else:
                blocks.append((kind, [line]))
        paragraphs.append(blocks)
    return paragraphs


def _rows(texts) -> list[list[dict]]:
    """Rows of cells, one cell per language: paragraph beside paragraph when every text has
    as many, else a single row holding each whole text."""
    columns = [paragraphs_of(text.body) for text in texts]
    if len({len(paragraphs) for paragraphs in columns}) == 1:
        rows = zip(*columns, strict=True)
        return [
            [
                {"language": text.language, "paragraphs": [paragraph]}
                for text, paragraph in zip(texts, row, strict=True)
            ]
            for row in rows
        ]
    return [
        [
            {"language": text.language, "paragraphs": paragraphs}
            for text, paragraphs in zip(texts, columns, strict=True)
        ]
    ]


def _check(version: Version, texts: dict, languages: list[str]) -> None:
    if not 1 <= len(languages) <= 2:
        raise DomainError("languages", _("Choose one language, or two to print side by side."))
    missing = [code for code in languages if code not in texts]
    if missing:
        names = ", ".join(str(get_language_info(code)["name_translated"]) for code in missing)
        raise DomainError(
            "missing_language",
            _("This version has no text in %(languages)s.") % {"languages": names},
        )
    if version.is_frozen and fingerprint_of(texts.values()) != version.fingerprint:
        raise DomainError(
            "fingerprint_mismatch",
            _("The texts of this version no longer match its fingerprint; it cannot be printed."),
        )


def label_languages(printed: list[str], reader: str) -> list[str]:
    """The languages of the labels: those printed; with one printed, also the reader's."""
    return list(dict.fromkeys(printed if len(printed) > 1 else [*printed, reader]))


def _each(languages: list[str], render) -> list[tuple[str, str]]:
    """(language, what `render()` gives in it), for each language."""
    made = []
    for code in languages:
        with translation.override(code):
            made.append((code, str(render())))
    return made


def _joined(values: list[tuple[str, str]]) -> SafeString:
    """Texts in several languages side by side, each marked with its language; one text said
    alike in all of them only once."""
    seen, unique = set(), []
    for code, text in values:
        if text not in seen:
            seen.add(text)
            unique.append((code, text))
    return format_html_join(SEPARATOR, '<span lang="{}">{}</span>', unique)


def _title(agreement: Agreement, texts: dict, code: str) -> str:
    """The title in `code`: the version's own, else the agreement's, translated if it is."""
    if code in texts:
        return texts[code].title
    return shown(agreement, "title", code).text


def _signer(signature, languages: list[str]) -> dict:
    """A signature's place and the signer's office in each printed language (as written where
    there is no translation yet, then given once)."""
    if signature is None:
        return {}
    every_translation([signature])
    return {
        field: _joined(
            [
                (code, text_in(signature, field, code) or signature.original(field))
                for code in languages
            ]
        )
        for field in Signature.translatable_fields
    }


def _page_counter_rule(languages: list[str]) -> str:
    """Each page's foot: "Seite 1 von 2 | Сторінка 1 з 2"."""
    return (
        "@page { @bottom-left { width: 60%; } "
        f"@bottom-right {{ content: {page_counter(languages)}; width: 40%; }} }}"
    )


def version_pdf(*, version: Version, languages: list[str], language: str) -> bytes:
    """The version's texts in `languages` (one, or two side by side) with signature blocks for
    both sides; header, footer, title and signature blocks in the languages printed (and the
    reader's `language` when only one other is printed)."""
    languages = list(dict.fromkeys(languages))
    texts = {text.language: text for text in version.texts.all()}
    with translation.override(language):
        _check(version, texts, languages)
    agreement = version.agreement
    shown_texts = [texts[code] for code in languages]
    labelled = label_languages(languages, language)
    signatures = {
        signature.side_id: signature for signature in Signature.objects.filter(version=version)
    }
    sides = list(agreement.partnership.sides.select_related("city").order_by("position"))
    titles = [(code, _title(agreement, texts, code)) for code in labelled]

    def in_each(render) -> SafeString:
        return _joined(_each(labelled, render))

    with translation.override(labelled[0]):
        # The data once, written as the first language writes it.
        dates = {
            side_id: date_format(signature.signed_on, "DATE_FORMAT")
            for side_id, signature in signatures.items()
        }
        document_title = "{titles} – {version}{draft}".format(
            titles=" | ".join(dict.fromkeys(title for _code, title in titles)),
            version=_("Version %(number)s") % {"number": version.number},
            draft="" if version.is_frozen else f" ({LABELS['draft']})",
        )
    context = {
        "agreement": agreement,
        "version": version,
        "texts": shown_texts,
        "side_by_side": len(shown_texts) == 2,
        "columns": [
            {"text": text, "name": get_language_info(text.language)["name_local"]}
            for text in shown_texts
        ],
        "rows": _rows(shown_texts),
        "document_language": labelled[0],
        "document_title": document_title,
        "titles": _joined(titles),
        "cities": in_each(lambda: " – ".join(side.city.name for side in sides)),
        "version_label": in_each(lambda: _("Version %(number)s") % {"number": version.number}),
        "labels": {key: in_each(lambda text=text: text) for key, text in LABELS.items()},
        "sides": [
            {
                "heading": in_each(
                    lambda side=side: _("For the city of %(city)s") % {"city": side.city.name}
                ),
                "signature": signatures.get(side.pk),
                "signed_on": dates.get(side.pk, ""),
                **_signer(signatures.get(side.pk), labelled),
            }
            for side in sides
        ],
        "page_rule": _page_counter_rule(labelled),
    }
    return render_pdf("agreements/pdf/version.html", context, language=language)
