"""What a partnership's menu and overview show of each domain. Each domain registers its tabs
and panels in its AppConfig.ready, so this base knows none of them."""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.urls import reverse


@dataclass(frozen=True)
class Tab:
    key: str  # the `active` name a page passes to the menu
    label: str
    url_name: str  # takes the partnership's slug
    position: int
    permission: str = "partnerships.view_partnership"


@dataclass(frozen=True)
class Panel:
    template: str  # rendered with `partnership` and `panel` (what `context` returned)
    context: Callable  # (viewer, partnership) -> dict, or None to show nothing
    position: int


_tabs: dict[str, Tab] = {}
_panels: dict[str, Panel] = {}


def register_tab(key: str, label: str, url_name: str, *, position: int, permission=None) -> None:
    _tabs[key] = Tab(key, label, url_name, position, permission or Tab.permission)


def register_panel(template: str, context: Callable, *, position: int) -> None:
    _panels[template] = Panel(template, context, position)


def tabs_for(user, partnership) -> list[dict]:
    """The menu entries the person may open, in order, with their addresses."""
    return [
        {"key": tab.key, "label": tab.label, "url": reverse(tab.url_name, args=[partnership.slug])}
        for tab in sorted(_tabs.values(), key=lambda tab: tab.position)
        if rules.has_perm(tab.permission, user, partnership)
    ]


def panels_for(user, partnership) -> list[dict]:
    """The overview's panels with what each shows to this person, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda panel: panel.position):
        data = panel.context(user, partnership)
        if data is not None:
            shown.append({"template": panel.template, "data": data})
    return shown
