"""An event's people in a real browser: the forms that add a participant, import a list and
send invitations, as Zhytomyr's coordinator in each language, and the reply page an invitee
opens from the e-mail without signing in; axe-core finds nothing and a 390 px phone needs no
horizontal scrolling."""

import pytest

from tests.browser.helpers import (
    PHONE,
    SLUG,
    assert_accessible,
    assert_pages_pass_axe_and_fit_a_phone,
)

EVENTS = f"/partnerships/{SLUG}/events"


def _visit():
    from pobratym.exchanges.models import Event

    return Event.objects.get(partnership__slug=SLUG, kind="delegation")


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_participant_and_invitation_forms_pass_axe_and_fit_a_phone(
    demo, new_context, site, language
):
    visit = _visit()
    pages = [
        ("add a participant", f"{EVENTS}/{visit.pk}/participants/new/"),
        ("import participants", f"{EVENTS}/{visit.pk}/participants/import/"),
        ("send invitations", f"{EVENTS}/{visit.pk}/invitations/new/"),
    ]
    email = demo.demo_email("coordinator", "zhytomyr")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, pages)


@pytest.mark.parametrize("language", ["uk", "de"])
def test_an_invitee_answers_on_a_phone_without_signing_in(demo, new_context, site, language):
    from pobratym.core.tokens import new_token
    from pobratym.exchanges.models import Invitation

    invitation = Invitation.objects.filter(event=_visit()).order_by("pk")[0]
    token, digest = new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=digest)

    page = new_context(viewport=PHONE).new_page()
    response = page.goto(site(f"/{language}/events/invitations/{token}/"))
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, f"reply page ({language})")
    page.get_by_role("button").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    invitation.refresh_from_db()
    assert invitation.reply
    assert page.goto(site(f"/{language}/events/invitations/{token}x/")).status == 404
