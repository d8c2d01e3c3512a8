"""Every allauth page a person can reach reads in formal German and in Ukrainian.

allauth's German says "du"; its Ukrainian mixes terms and leaves some labels in English. Our
catalogue overrides those texts (`pobratym/accounts/allauth_texts.py`). This walks each page a
person can reach, as the person would (signed in with the second factor where the page needs
it), and reads the text on screen.
"""

import re
from urllib.parse import urlparse

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pobratym.partnerships.demo_code import current_code
from tests.accounts.test_formal_german import visible_text
from tests.factories import PASSWORD, UserFactory, member_create

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(du|dein|deine|deinen|deinem|deiner|deines|dich|dir)\b", re.IGNORECASE)
# English words and labels allauth shows when a text is not translated.
ENGLISH = re.compile(
    r"(?<![\w-])(Email|E-mail|email|Password|password|Sign In|Sign Out|Sign in|Sign out"
    r"|Remember|Forgot"
    r"|Recovery|Activate|Deactivate|Confirm|Change|Reset|Primary|Verified|Unverified|Remove"
    r"|Download|Generate|Cancel|Submit|Enter|Authenticator|Your|your|you|You|the|The|and"
    r"|of|to|is|are|not|Add|Make|Re-send|Account|account)(?![\w-])"
)
# allauth's English says "Email" and writes labels in Title Case; the project writes "e-mail"
# and sentence case.
ENGLISH_AS_ALLAUTH_WRITES_IT = re.compile(
    r"\b(Email|email)\b(?!-)|\b(Remember Me|Sign In|Sign Out|Change Password|Current Password"
    r"|New Password|Password Reset|Reset My Password|Forgot Password|Bad Token|Confirm Access"
    r"|Two-Factor Authentication|Authenticator App|Recovery Codes|Email Address|Change Email"
    r"|Set Password|Cancel Change|Re-send Verification)\b"
)
# Latin words a Ukrainian page may show: the platform's name, the language switcher, codes.
LATIN_ALLOWED = {"Pobratym", "Deutsch", "English", "PDF", "QR", "QR-", "TOTP"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _leader(partnership, language: str):
    """A coordinator with TOTP and recovery codes, signed in with the second factor."""
    person = member_create(partnership, "coordinator", language=language).user
    RecoveryCodes.activate(person)
    return person


def _signed_in(person, language: str) -> Client:
    """Sign in through the login form and answer the second factor, as a person does."""
    client = Client()
    response = client.post(
        _url(language, "account_login"), {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert urlparse(response["Location"]).path == _url(language, "mfa_authenticate")
    response = client.post(_url(language, "mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    return client


def _pages(partnership, language: str):
    """(what, response) for every allauth page a person reaches."""
    anonymous = Client()
    yield "login", anonymous.get(_url(language, "account_login"))
    yield "password reset", anonymous.get(_url(language, "account_reset_password"))
    yield "password reset sent", anonymous.get(_url(language, "account_reset_password_done"))
    yield (
        "bad reset link",
        anonymous.get(
            _url(language, "account_reset_password_from_key", "x", "bad-key"), follow=True
        ),
    )
    forgetful = UserFactory(language=language)
    key_url = _url(
        language,
        "account_reset_password_from_key",
        user_pk_to_url_str(forgetful),
        default_token_generator.make_token(forgetful),
    )
    yield "new password", anonymous.get(key_url, follow=True)
    yield (
        "password reset done",
        anonymous.get(_url(language, "account_reset_password_from_key_done")),
    )

    person = _leader(partnership, language)
    at_second_factor = Client()
    at_second_factor.post(
        _url(language, "account_login"), {"login": person.email, "password": PASSWORD}
    )
    yield "second factor", at_second_factor.get(_url(language, "mfa_authenticate"))
    wrong = at_second_factor.post(_url(language, "mfa_authenticate"), {"code": "000000"})
    wrong.status_code = 200 if wrong.status_code == 400 else wrong.status_code
    yield "wrong second factor", wrong

    client = _signed_in(person, language)
    yield "sign out", client.get(_url(language, "account_logout"))
    yield "change password", client.get(_url(language, "account_change_password"))
    yield "e-mail addresses", client.get(_url(language, "account_email"))
    refused = client.post(
        _url(language, "account_email"), {"action_add": "", "email": "new@example.org"}
    )
    refused.status_code = 200 if refused.status_code == 400 else refused.status_code
    yield "e-mail change refused with two factors", refused
    yield "two-factor login", client.get(_url(language, "mfa_index"))
    yield "confirm access (app)", client.get(_url(language, "mfa_reauthenticate"))
    yield "confirm access (password)", client.get(_url(language, "account_reauthenticate"))
    confirmed = client.post(_url(language, "account_reauthenticate"), {"password": PASSWORD})
    assert confirmed.status_code == 302
    yield "recovery codes", client.get(_url(language, "mfa_view_recovery_codes"))
    yield "new recovery codes", client.get(_url(language, "mfa_generate_recovery_codes"))
    yield "deactivate the app", client.get(_url(language, "mfa_deactivate_totp"))

    newcomer = UserFactory(language=language)
    starter = Client()
    starter.post(_url(language, "account_login"), {"login": newcomer.email, "password": PASSWORD})
    starter.post(_url(language, "account_reauthenticate"), {"password": PASSWORD})
    yield "activate the app", starter.get(_url(language, "mfa_activate_totp"))
    assert not Authenticator.objects.filter(user=newcomer).exists()
    starter.post(_url(language, "account_email"), {"action_add": "", "email": "new@example.org"})
    yield "e-mail change pending", starter.get(_url(language, "account_email"))
    [message] = mail.outbox[-1:]
    link = re.search(r"http://testserver(/\S+/confirm-email/\S+/)", message.body).group(1)
    yield "confirm the new address", starter.get(link)
    yield (
        "expired confirmation link",
        starter.get(_url(language, "account_confirm_email", "expired-key")),
    )


def _problems(language: str, text: str, names: set[str]) -> list[str]:
    for name in names:
        text = text.replace(name, " ")
    # E-mail addresses and the authenticator secret are data, not labels.
    text = re.sub(r"\S+@\S+|\b[A-Z2-7]{16,}\b", " ", text)
    if language == "de":
        return INFORMAL.findall(text) + ENGLISH.findall(text)
    if language == "en":
        return ["".join(match) for match in ENGLISH_AS_ALLAUTH_WRITES_IT.findall(text)]
    return [word for word in LATIN_WORD.findall(text) if word not in LATIN_ALLOWED]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_allauth_page_reads_in_the_language(partnership, language):
    found = {}
    for what, response in _pages(partnership, language):
        assert response.status_code == 200, (what, response.status_code)
        html = response.content.decode()
        assert f'lang="{language}"' in html, what
        problems = _problems(language, visible_text(response), _people())
        if problems:
            found[what] = sorted(set(problems))
    assert found == {}


def _people() -> set[str]:
    from pobratym.accounts.models import User

    return {value for user in User.objects.all() for value in (user.name, user.email) if value}
