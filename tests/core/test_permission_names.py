"""Every permission name the code and templates ask for is registered: a typo in a name would
otherwise refuse everyone (or, in a template, hide a button) without an error."""

import re
from pathlib import Path

import rules

SOURCE = Path(__file__).resolve().parents[2] / "src" / "pobratym"
APPS = "accounts|partnerships|agreements|aid|conversations|directory"
NAME = re.compile(rf"""["']((?:{APPS})\.[a-z]+_[a-z_]+)["']""")


def _names_used() -> dict[str, str]:
    used = {}
    for path in SOURCE.rglob("*"):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts:
            continue
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            used.setdefault(name, str(path.relative_to(SOURCE)))
    return used


def test_the_code_asks_for_permissions():
    assert len(_names_used()) > 30


def test_every_permission_name_in_code_and_templates_is_registered():
    unknown = {name: where for name, where in _names_used().items() if not rules.perm_exists(name)}
    assert unknown == {}
