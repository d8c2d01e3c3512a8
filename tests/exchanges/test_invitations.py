"""Invitations to an event: the worker e-mails each chosen contact once, through a real SMTP
server, in their language, with a secret link whose page (no sign-in) records yes, no or
maybe and lets them change it; only the link's SHA-256 is stored."""

import hashlib
import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, timezone, translation
from django_tasks_db.models import DBTaskResult

from pobratym.core.errors import Conflict, DomainError
from pobratym.directory import services as directory
from pobratym.exchanges.models import Invitation
from pobratym.partnerships.models import Role
from tests import smtp
from tests.directory.factories import contact_add
from tests.exchanges import people
from tests.exchanges.people import invite

pytestmark = pytest.mark.django_db
smtp_inbox = smtp.smtp_inbox  # the real SMTP server, a fixture
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
anna, taras = people.anna, people.taras
LINK = re.compile(r"http://\S+/(de|uk|en)/events/invitations/(\S+)/")


def _send(event, contacts, by, capture, run_worker, **options):
    with capture(execute=True):
        invitations = invite(event, contacts, by, **options)
    run_worker()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    return invitations


def _link(message) -> tuple[str, str]:
    language, token = LINK.search(smtp.Inbox.text(message)).groups()
    return language, token


def _starts(event, language) -> str:
    """The start as the e-mail writes it: in the reader's language, on the event's clock."""
    with translation.override(language):
        local = timezone.localtime(event.starts_at, ZoneInfo(event.time_zone))
        return formats.date_format(local, "DATETIME_FORMAT")


def test_each_invitee_gets_one_email_in_their_language_with_a_secret_link(
    event,
    anna,
    taras,
    dortmund_organisation,
    zhytomyr_organisation,
    office,
    cast,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    run_worker,
):
    # No language the site has: the city's language (Dortmund German, Zhytomyr Ukrainian).
    polish_in_dortmund = contact_add(
        dortmund_organisation, office, email="jan@example.org", languages=["pl"]
    )
    nothing_in_zhytomyr = contact_add(
        zhytomyr_organisation, cast[(Role.STAFF, 2)], email="oksana@example.org", languages=[]
    )
    invitations = _send(
        event,
        [anna, taras, polish_in_dortmund, nothing_in_zhytomyr],
        office,
        django_capture_on_commit_callbacks,
        run_worker,
    )

    assert {invitation.language for invitation in invitations} == {"de", "uk"}
    expected = {
        "anna@example.org": "de",
        "taras@example.org": "uk",
        "jan@example.org": "de",
        "oksana@example.org": "uk",
    }
    assert len(smtp_inbox.messages) == 4
    for address, language in expected.items():
        [message] = smtp_inbox.to(address)
        assert "Youth encounter Dortmund 2026" in message["Subject"]
        body = smtp_inbox.text(message)
        assert _starts(event, language) in body
        link_language, token = _link(message)
        assert link_language == language
        stored = Invitation.objects.get(contact__email=address)
        assert stored.sent_at is not None and stored.language == language
        # Only the digest is stored: the secret is in the e-mail alone.
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in stored.token_hash


def test_inviting_again_sends_nothing_more(
    event, anna, office, cast, smtp_inbox, django_capture_on_commit_callbacks, run_worker
):
    key = uuid.uuid4()
    first = _send(
        event, [anna], office, django_capture_on_commit_callbacks, run_worker, idempotency_key=key
    )
    again = _send(
        event, [anna], office, django_capture_on_commit_callbacks, run_worker, idempotency_key=key
    )
    other = _send(
        event, [anna], cast[(Role.COORDINATOR, 2)], django_capture_on_commit_callbacks, run_worker
    )

    assert first[0].pk == again[0].pk == other[0].pk
    assert not again[0].created_now and not other[0].created_now
    assert Invitation.objects.count() == 1
    assert len(smtp_inbox.to("anna@example.org")) == 1


def test_the_link_records_a_reply_and_changes_it_without_signing_in(
    event, anna, office, client, smtp_inbox, django_capture_on_commit_callbacks, run_worker
):
    _send(event, [anna], office, django_capture_on_commit_callbacks, run_worker)
    language, token = _link(smtp_inbox.messages[0])
    address = f"/{language}/events/invitations/{token}/"

    page = client.get(address)
    assert page.status_code == 200, (address, page.content.decode()[-3000:])
    assert page["Cache-Control"].startswith("private") or "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "Youth encounter Dortmund 2026" in text and 'lang="de"' in text
    assert text.count('name="reply"') == 3

    assert client.post(address, {"reply": "yes"}).status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.reply == "yes" and invitation.replied_at is not None
    client.post(address, {"reply": "maybe"})
    invitation.refresh_from_db()
    assert invitation.reply == "maybe"
    assert (
        'value="maybe" class="kern-btn kern-btn--primary"' in client.get(address).content.decode()
    )

    refused = client.post(address, {"reply": "perhaps"})
    assert refused.status_code == 400
    invitation.refresh_from_db()
    assert invitation.reply == "maybe"


def test_an_unknown_or_altered_link_is_not_found(
    event, anna, office, client, smtp_inbox, django_capture_on_commit_callbacks, run_worker
):
    _send(event, [anna], office, django_capture_on_commit_callbacks, run_worker)
    language, token = _link(smtp_inbox.messages[0])
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for address in (
        f"/{language}/events/invitations/{altered}/",
        f"/{language}/events/invitations/nothing/",
        # The stored digest itself opens nothing.
        f"/{language}/events/invitations/{Invitation.objects.get().token_hash}/",
    ):
        assert client.get(address).status_code == 404
        assert client.post(address, {"reply": "yes"}).status_code == 404
    assert Invitation.objects.get().reply == ""


def test_an_invitee_without_email_refuses_the_whole_choice(
    event, anna, dortmund_organisation, office
):
    silent = contact_add(dortmund_organisation, office, email="", name="Bernd Silent")
    with pytest.raises(DomainError) as refused:
        invite(event, [anna, silent], office)
    assert refused.value.field == "contacts" and "Bernd Silent" in refused.value.message
    assert not Invitation.objects.exists()


def test_no_invitations_to_an_event_that_is_over(partnership, anna, office):
    over = people.event_add(
        partnership, office, starts_at=datetime(2020, 5, 1, 9), ends_at=datetime(2020, 5, 1, 12)
    )
    with pytest.raises(Conflict):
        invite(over, [anna], office)
    assert not Invitation.objects.exists()


def test_a_person_erased_before_the_email_gets_none_and_the_link_dies(
    event, anna, office, cast, client, smtp_inbox, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(event, [anna], office)
    directory.contact_erase(contact=anna, by=cast[(Role.COORDINATOR, 1)])
    run_worker()
    assert smtp_inbox.messages == []
    assert Invitation.objects.get().sent_at is None


def test_a_refused_email_is_tried_again_later_and_sent_once(
    event, anna, office, smtp_inbox, django_capture_on_commit_callbacks, run_worker
):
    smtp_inbox.refused.add("anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invite(event, [anna], office)
    run_worker()
    assert smtp_inbox.messages == [] and Invitation.objects.get().sent_at is None
    later = DBTaskResult.objects.filter(status="READY")
    assert later.get().run_after > timezone.now()  # tried again in a while
    smtp_inbox.refused.clear()
    later.update(run_after=timezone.now())
    run_worker()
    assert len(smtp_inbox.to("anna@example.org")) == 1
    assert Invitation.objects.get().sent_at is not None
    run_worker()
    assert len(smtp_inbox.messages) == 1
