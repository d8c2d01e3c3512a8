"""Agreement versions printed for signing: one language, or two side by side."""

import re

from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from pobratym.core.errors import DomainError
from pobratym.documents.pdf import render_pdf

from .models import Signature, Version, fingerprint_of

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


def version_pdf(*, version: Version, languages: list[str], language: str) -> bytes:
    """The version's texts in `languages` (one, or two side by side) with signature blocks for
    both sides, labelled in the reader's `language`."""
    languages = list(dict.fromkeys(languages))
    texts = {text.language: text for text in version.texts.all()}
    with translation.override(language):
        _check(version, texts, languages)
    agreement = version.agreement
    shown = [texts[code] for code in languages]
    signatures = {
        signature.side_id: signature for signature in Signature.objects.filter(version=version)
    }
    sides = agreement.partnership.sides.select_related("city").order_by("position")
    context = {
        "agreement": agreement,
        "version": version,
        "texts": shown,
        "side_by_side": len(shown) == 2,
        "columns": [
            {"text": text, "name": get_language_info(text.language)["name_local"]} for text in shown
        ],
        "rows": _rows(shown),
        "sides": [{"city": side.city, "signature": signatures.get(side.pk)} for side in sides],
    }
    return render_pdf("agreements/pdf/version.html", context, language=language)
