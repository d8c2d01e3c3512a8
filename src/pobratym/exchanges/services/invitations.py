"""Invitations to an event: the offices choose contacts of the directory, each gets one
invitation, e-mailed by the task worker in their language with a secret reply link, and
answers yes, no or maybe through it without an account. Inviting the same person again
changes nothing and sends nothing: one invitation, one e-mail."""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.errors import Conflict, DomainError, require
from pobratym.core.idempotency import create_once
from pobratym.core.tokens import new_token, token_digest
from pobratym.directory.models import Contact
from pobratym.partnerships.models import Side

from ..models import Event, Invitation, Reply
from .participants import check_contact

# A city's language where its contacts name none the site has.
COUNTRY_LANGUAGES = {"DE": "de", "AT": "de", "CH": "de", "UA": "uk"}


def side_language(side: Side) -> str:
    """The language a side's city writes in: German for German cities, Ukrainian for
    Ukrainian ones, else the site's default."""
    return COUNTRY_LANGUAGES.get(str(side.city.country), settings.LANGUAGE_CODE)


def invitation_language(contact: Contact) -> str:
    """The first language the person speaks that the site has, else their city's."""
    site = {code for code, _name in settings.LANGUAGES}
    for code in contact.languages or ():
        if code in site:
            return code
    return side_language(contact.side)


def _check_invitee(event: Event, contact: Contact) -> None:
    check_contact(event, contact, field="contacts")
    if not contact.email:
        raise DomainError(
            "contact_without_email",
            _("%(person)s has no e-mail address in the directory.") % {"person": contact.name},
            field="contacts",
        )


def _check_not_over(event: Event) -> None:
    if event.ends_at < timezone.now():
        raise Conflict("event_over", _("This event is over."))


def _existing(event: Event, contact: Contact) -> Invitation | None:
    return Invitation.objects.filter(event=event, contact=contact).first()


def _mail_later(invitation: Invitation) -> None:
    from ..notifications import invitation_mail_task  # the task module imports this one

    transaction.on_commit(lambda pk=invitation.pk: invitation_mail_task.enqueue(pk))


@transaction.atomic
def invitation_create(
    *, event: Event, contact: Contact, by: User, idempotency_key: uuid.UUID | None
) -> Invitation:
    """Invite one contact with an e-mail address to an event that is not over (the offices
    of both sides). A person invited before keeps their invitation (and reply), and gets no
    second e-mail."""
    require(by, "exchanges.add_invitation", event)
    _check_not_over(event)
    _check_invitee(event, contact)
    existing = _existing(event, contact)
    if existing is not None:
        return existing

    def create(stamp):
        # The reply link's secret is made when the e-mail is written; until then no secret
        # opens the invitation.
        invitation = Invitation(
            event=event,
            contact=contact,
            invited_by=by,
            language=invitation_language(contact),
            token_hash=new_token()[1],
            **stamp,
        )
        invitation.save()
        _mail_later(invitation)
        return invitation

    try:
        record, _created = create_once(
            Invitation,
            key=idempotency_key,
            scope={"event": event, "invited_by": by},
            data={"contact": contact},
            create=create,
        )
    except IntegrityError:
        # Someone invited the same person at the same moment: theirs is the invitation.
        record = _existing(event, contact)
        if record is None:
            raise
    return record


def _key_for(key: uuid.UUID | None, contact: Contact) -> uuid.UUID | None:
    """One key per person of a form that invites several: the same form sent again finds
    each invitation it made."""
    return uuid.uuid5(key, str(contact.pk)) if key else None


@transaction.atomic
def invitations_send(
    *,
    event: Event,
    contacts: Iterable[Contact],
    by: User,
    idempotency_key: uuid.UUID | None,
) -> list[Invitation]:
    """Invite each chosen contact (`invitation_create`), all or none: one without an e-mail
    address refuses the whole choice, naming the person."""
    return [
        invitation_create(
            event=event, contact=contact, by=by, idempotency_key=_key_for(idempotency_key, contact)
        )
        for contact in contacts
    ]


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a reply link opens, or None for an unknown or altered one, or one
    whose person has been erased."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("event", "contact")
        .filter(token_hash=token_digest(token), contact__anonymised_at__isnull=True)
        .first()
    )


@transaction.atomic
def invitation_reply(*, invitation: Invitation, reply: str) -> Invitation:
    """Record the invitee's answer, or change it, while the event is not over."""
    if reply not in Reply.values:
        raise DomainError("reply_unknown", _("Choose yes, no or maybe."), field="reply")
    invitation = (
        Invitation.objects.select_for_update().select_related("event").get(pk=invitation.pk)
    )
    _check_not_over(invitation.event)
    if invitation.reply != reply:
        invitation.reply = reply
        invitation.replied_at = timezone.now()
        invitation.save(update_fields=["reply", "replied_at", "updated_at"])
    return invitation
