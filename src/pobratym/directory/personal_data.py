"""What the domains keep about a contact beyond the directory (the events they took part in,
the invitations they got), for the person's data-protection requests. The directory names no
domain (decision 0017): each registers, in its `AppConfig.ready`, how to export and how to
erase what it keeps, and the directory's export and erasure ask every registered domain."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalData:
    name: str
    # (contact) -> plain JSON data: everything the domain keeps about the person
    export: Callable
    # (contact, by) -> None: blank what names the person, keep the records and counts
    erase: Callable
    # (contact) -> [(heading, [line, …]), …] in the active language, for the readable copy
    describe: Callable | None = None


_REGISTRY: dict[str, PersonalData] = {}


def register_personal_data(
    name: str, *, export: Callable, erase: Callable, describe: Callable | None = None
) -> None:
    """Register (again, by `name`, replacing the earlier one) a domain's personal data."""
    _REGISTRY[name] = PersonalData(name, export, erase, describe)


def exported(contact) -> dict:
    """Each registered domain's data about the person, by its name."""
    return {name: entry.export(contact) for name, entry in sorted(_REGISTRY.items())}


def described(contact) -> list[tuple[str, list[str]]]:
    """The sections the domains add to the readable copy (PDF): a heading and its lines."""
    sections = []
    for _name, entry in sorted(_REGISTRY.items()):
        if entry.describe is not None:
            sections += entry.describe(contact)
    return sections


def erase_everywhere(contact, by) -> None:
    """Let each registered domain blank what it keeps about the person, in the erasure's
    transaction."""
    for _name, entry in sorted(_REGISTRY.items()):
        entry.erase(contact, by)
