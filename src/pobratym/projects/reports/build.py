"""Making a council report: the year read, its sections written once, and printed as a PDF
(WeasyPrint, the charts as SVG) and as a DOCX (python-docx, the charts as PNG)."""

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pobratym.core.formatting import day
from pobratym.documents.pdf import render_pdf
from pobratym.partnerships.models import Partnership

from ..selectors.reports import report_year
from .content import sections, title_of
from .docx import docx_bytes


def _facts(partnership: Partnership, year: int) -> list[str]:
    return [
        str(partnership),
        _("Year: %(year)s") % {"year": year},
        _("Made on %(day)s") % {"day": day(timezone.localdate())},
    ]


def build(partnership: Partnership, year: int, language: str, progress: Callable) -> tuple:
    """What `reports.build_report` promises, once matplotlib and python-docx are loaded."""
    with translation.override(language):
        data = report_year(partnership, year, language)
        progress(20)
        title, facts, parts = title_of(year), _facts(partnership, year), sections(data)
        progress(50)
        context = {"title": title, "facts": facts, "sections": parts, "partnership": partnership}
        pdf = render_pdf("projects/reports/report.html", context, language=language)
        progress(80)
        docx = docx_bytes(title=title, facts=facts, sections=parts, language=language)
        progress(95)
    return pdf, docx
