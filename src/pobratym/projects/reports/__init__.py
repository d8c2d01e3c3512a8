"""The council report (issue 14): a partnership's year in one language, as a PDF and a DOCX,
made in the task worker. `build_report` is what the task and the benchmark call."""

from collections.abc import Callable

from pobratym.partnerships.models import Partnership


def build_report(
    partnership: Partnership,
    year: int,
    language: str,
    progress: Callable[[int], None] = lambda percent: None,
) -> tuple[bytes, bytes]:
    """The council report of `partnership` for `year` in `language`: (PDF, DOCX). Reads the
    year in a fixed number of queries; `progress` hears how far it has got (0-100)."""
    # matplotlib and python-docx take a second and some 60 MB to load: only where a report is
    # made (the task worker), not in every web process that imports the projects.
    from .build import build

    return build(partnership, year, language, progress)
