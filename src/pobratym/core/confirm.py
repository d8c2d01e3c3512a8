"""Irreversible steps ask first: GET of the action's URL shows a page that says what will
happen (templates/_confirm.html), POST does it."""

from dataclasses import dataclass, field

from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    title: str
    action: str  # the button's words, e.g. "Yes, remove the package"
    back: str  # where "No, go back" leads: the record
    consequences: list[str] = field(default_factory=list)
    danger: bool = True
    final: bool = True  # says "This cannot be undone."
    error: str = ""


def confirmation_page(request, confirmation: Confirmation, *, status: int = 200, **context):
    return render(request, "_confirm.html", {"confirm": confirmation, **context}, status=status)
