"""allauth's pages address people formally in German ("Sie"), never with "du".

allauth's own German catalogue says "du"; our catalogue overrides those texts through
`pobratym/accounts/allauth_texts.py`.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pobratym.partnerships import services
from pobratym.partnerships.models import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(du|dein|deine|deinen|deinem|deiner|deines|dich|dir)\b", re.IGNORECASE)
OUR_CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"
ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
MODULE = "accounts/allauth_texts.py"


class _VisibleText(HTMLParser):
    """Text a person reads: element text and the attributes shown on screen."""

    shown_attributes = ("placeholder", "title", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in self.shown_attributes and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def assert_formal(response, expected: str) -> None:
    assert response.status_code == 200
    text = visible_text(response)
    assert 'lang="de"' in response.content.decode()
    assert not INFORMAL.findall(text), INFORMAL.findall(text)
    assert expected in text


def _url(name: str) -> str:
    with translation.override("de"):
        return reverse(name)


def test_login_page_is_formal():
    assert_formal(
        Client().get(_url("account_login")),
        "Die Einladung erhalten Sie per E-Mail von einer Koordinatorin oder einem Koordinator.",
    )


def test_too_many_failed_logins_is_formal():
    person = UserFactory(email="person@example.org")
    client = Client()
    for _attempt in range(6):
        response = client.post(_url("account_login"), {"login": person.email, "password": "wrong"})

    assert_formal(_as_page(response), "Bitte versuchen Sie es später erneut.")


def _as_page(response):
    """A form that failed validation answers 400 here; the page is what counts."""
    response.status_code = 200 if response.status_code in (200, 400) else response.status_code
    return response


def test_password_reset_pages_are_formal():
    client = Client()
    assert_formal(
        client.get(_url("account_reset_password")),
        "Geben Sie unten Ihre E-Mail-Adresse ein.",
    )
    assert_formal(
        client.get(_url("account_reset_password_done")),
        "Wir haben Ihnen eine E-Mail gesendet.",
    )


def test_totp_activation_after_confirming_the_password_is_formal(partnership):
    coordinator = UserFactory(language="de")
    services.membership_add(
        side=partnership.sides.get(position=1), user=coordinator, role=Role.COORDINATOR
    )
    client = Client()
    client.force_login(coordinator)

    confirm = client.get(_url("mfa_activate_totp"), follow=True)
    assert confirm.request["PATH_INFO"] == _url("account_reauthenticate")
    assert_formal(confirm, "Bitte bestätigen Sie zum Schutz Ihres Kontos, dass Sie es sind.")

    activation = client.post(confirm.request["PATH_INFO"], {"password": PASSWORD}, follow=True)
    assert activation.request["PATH_INFO"] == _url("mfa_activate_totp")
    assert_formal(activation, "scannen Sie den folgenden QR-Code mit Ihrer Authenticator-App")

    wrong_code = client.post(_url("mfa_activate_totp"), {"code": "000000"})
    assert_formal(_as_page(wrong_code), "Falscher Code.")


def test_two_factor_pages_of_a_coordinator_with_totp_are_formal(coordinator, client_of):
    coordinator.language = "de"
    coordinator.save(update_fields=["language"])
    client = client_of(coordinator)

    assert_formal(client.get(_url("mfa_index")), "Zwei-Faktor-Anmeldung")
    assert_formal(client.get(_url("account_logout")), "Möchten Sie sich wirklich abmelden?")


def test_overrides_keep_allauths_msgids_and_are_formal():
    """A msgid that differs from allauth's overrides nothing; its translation must say "Sie"."""
    allauth_msgids = {
        (entry.msgctxt, entry.msgid) for entry in polib.pofile(str(ALLAUTH_CATALOGUE))
    }
    ours = [
        entry
        for entry in polib.pofile(str(OUR_CATALOGUE))
        if any(path == MODULE for path, _line in entry.occurrences)
    ]

    assert ours
    assert [e.msgid for e in ours if (e.msgctxt, e.msgid) not in allauth_msgids] == []
    for entry in ours:
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert text
            assert not INFORMAL.search(text), (entry.msgid, text)
