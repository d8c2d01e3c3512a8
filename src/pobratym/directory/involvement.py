"""What an organisation took part in, on its page: offers, pledges and shipments (aid), events,
projects. The directory sits below the domains (decision 0017) and names none of them: each
registers a function in its AppConfig.ready.

This is `partnerships.related` for organisations: a function is `(viewer, organisation) ->
Section | None`, None where the viewer may see none of it (or the domain has nothing of the
organisation); else a title, the newest few rows the viewer may see, each checked as the
record's own page checks it, and how many there are in all. A fixed number of queries,
however many records there are.
"""

from pobratym.partnerships.related import ROWS, Related, Row, Section, register_related, related_to

__all__ = ["ROWS", "Row", "Section", "involvement_of", "register_involvement"]

Involvement = Related
ORGANISATION = "directory.organisation"


def register_involvement(fn: Involvement, position: int = 100) -> None:
    """Add a section to every organisation's page; lower positions come first."""
    register_related(ORGANISATION, fn, position)


def involvement_of(viewer, organisation) -> list[Section]:
    """The sections of every domain the viewer may see, in their registered order."""
    return related_to(viewer, organisation)
