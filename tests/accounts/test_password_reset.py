"""A person who forgot their password gets a link by e-mail, in their language."""

import re

from django.core import mail
from django.test import Client

from tests.factories import UserFactory


def test_password_reset_by_email_link_lets_the_person_sign_in_again(db):
    person = UserFactory(email="olena@example.org", language="uk")
    client = Client()

    response = client.post("/uk/accounts/password/reset/", {"email": "olena@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"]
    assert re.search(r"[а-щьюяєіїґ]{4,}", message.body), "the e-mail is not in Ukrainian"
    link = re.search(r"https?://[^/\s]+(/uk/accounts/password/reset/key/\S+/)", message.body)
    assert link, message.body

    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    new_password = "sunflower fields of Polissia 2026"
    done = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302

    person.refresh_from_db()
    assert person.check_password(new_password)
    signed_in = Client().post(
        "/en/accounts/login/", {"login": "olena@example.org", "password": new_password}
    )
    assert signed_in.status_code == 302


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(db):
    response = Client().post("/de/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/password/reset/done/"
    assert mail.outbox == []
