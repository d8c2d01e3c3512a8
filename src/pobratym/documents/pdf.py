"""Django templates rendered as PDF with WeasyPrint, in the reader's language, never online."""

import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PACKAGE_DIR / "static"
STYLESHEET = Path(__file__).resolve().parent / "templates" / "documents" / "pdf.css"
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


class StaticFilesOnly(URLFetcher):
    """Reads our own static files and refuses every other address, so a text typed by a user
    can never make the server fetch anything."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(url2pathname(parts.path)).resolve()
            if path.is_relative_to(STATIC_DIR) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": content_type}
                )
        raise ValueError(f"PDFs load only our own static files, not {url}")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string; anything but letters, digits and spaces is escaped."""
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):x} " for char in text
    )
    return f'"{escaped}"'


def page_counter(languages=()) -> str:
    """CSS `content` printing "Page X of Y" in each of `languages` (default: the active one),
    side by side: "Seite 1 von 2 | Сторінка 1 з 2"."""
    parts = []
    for language in languages or [translation.get_language()]:
        with translation.override(language):
            label = _("Page %(page)s of %(pages)s")
        if parts:
            parts.append(css_string(" | "))
        parts += [
            f"counter({part})" if index % 2 else css_string(part)
            for index, part in enumerate(PLACEHOLDER.split(label))
            if part
        ]
    return " ".join(parts)


def page_counter_rule() -> str:
    """An @page rule printing "Page X of Y" in the active language."""
    return "@page { @bottom-right { content: " + page_counter() + "; } }"


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render `template_name` in `language` and print it as an A4 PDF.

    The template sets the PDF's title (`<title>`) and language (`<html lang>`); it may use
    `language` and relative addresses of files under our static directory."""
    fetcher = StaticFilesOnly(allowed_protocols=["file"])
    with translation.override(language):
        html = render_to_string(template_name, {"language": language, **context})
        stylesheets = [
            CSS(filename=STYLESHEET, url_fetcher=fetcher),
            CSS(string=page_counter_rule(), url_fetcher=fetcher),
        ]
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, pdf_tags=True)
