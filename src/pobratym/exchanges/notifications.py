"""The invitation e-mail: written by the task worker in the invitee's language, with the
event in that language and a secret link to reply. The secret is made as the e-mail is
written and only its digest is stored, so the e-mail is the one place it exists; an
invitation is e-mailed once (`sent_at`), a refused one is tried again later."""

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from pobratym.core.mail import MAIL_ERRORS
from pobratym.core.tokens import new_token
from pobratym.translation.selectors import shown, with_translations

from .models import Event, Invitation

logger = logging.getLogger(__name__)


def reply_url(token: str) -> str:
    """The reply page in the active language (the invitee's, when the e-mail is written)."""
    return settings.POBRATYM_BASE_URL.rstrip("/") + reverse(
        "exchanges:invitation_reply", kwargs={"reply_token": token}
    )


@transaction.atomic
def invitation_mail(*, invitation_id: int) -> bool:
    """E-mail an invitation not yet sent, to a person not erased; False when there is
    nothing to send. A mail server's refusal rolls everything back (MAIL_ERRORS)."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            pk=invitation_id,
            sent_at__isnull=True,
            contact__anonymised_at__isnull=True,
        )
        .exclude(contact__email="")
        .select_related("contact", "invited_by")
        .first()
    )
    if invitation is None:
        return False
    token, invitation.token_hash = new_token()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at", "updated_at"])
    with translation.override(invitation.language):
        event = (
            with_translations(Event.objects.filter(pk=invitation.event_id))
            .select_related("partnership", "host_side__city")
            .get()
        )
        with timezone.override(ZoneInfo(event.time_zone)):
            context = {
                "invitation": invitation,
                "event": event,
                "person": invitation.contact,
                "url": reply_url(token),
            }
            subject = _("Invitation: %(event)s") % {"event": shown(event, "title").text}
            send_mail(
                subject=" ".join(subject.split()),
                message=render_to_string("exchanges/email/invitation.txt", context),
                from_email=None,
                recipient_list=[invitation.contact.email],
            )
    return True


@task()
def invitation_mail_task(invitation_id: int, attempt: int = 1) -> None:
    try:
        invitation_mail(invitation_id=invitation_id)
    except MAIL_ERRORS as error:
        retry = attempt < settings.POBRATYM_EMAIL_ATTEMPTS
        logger.warning(
            "Invitation e-mail %s failed (attempt %s, %s): %s",
            invitation_id,
            attempt,
            "will retry" if retry else "giving up",
            error,
        )
        if retry:
            delay = timedelta(seconds=settings.POBRATYM_EMAIL_RETRY_SECONDS * attempt)
            invitation_mail_task.using(run_after=timezone.now() + delay).enqueue(
                invitation_id, attempt + 1
            )
