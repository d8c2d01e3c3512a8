"""E-mails to people, sent by the task worker one person at a time: a mail server refusing
one loses nobody else's, a refused one is tried again later (longer each time), and one that
reached the server is recorded and never sent twice, also when a task runs again.

A domain calls `mail_each(sender, record_id, recipients)`; `sender` is the dotted path of a
function `(record_id, person, **options)` that writes and sends one e-mail.
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import SentEmail

logger = logging.getLogger(__name__)
# What a mail server that is down, refuses a recipient or drops the line raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def mail_each(sender: str, record_id: int, recipients: Iterable[tuple[int, dict]]) -> None:
    """One task per person (`recipients`: user id and the sender's options for them)."""
    for user_id, options in recipients:
        mail_task.enqueue(sender, record_id, user_id, options)


@task()
def mail_task(sender: str, record_id: int, user_id: int, options: dict, attempt: int = 1) -> None:
    person = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    key = f"{sender}:{record_id}"
    if person is None or SentEmail.objects.filter(key=key, user=person).exists():
        return
    try:
        import_string(sender)(record_id, person, **options)
    except MAIL_ERRORS as error:
        retry = attempt < settings.POBRATYM_EMAIL_ATTEMPTS
        logger.warning(
            "E-mail %s to person %s failed (attempt %s, %s): %s",
            key,
            user_id,
            attempt,
            "will retry" if retry else "giving up",
            error,
        )
        if retry:
            delay = timedelta(seconds=settings.POBRATYM_EMAIL_RETRY_SECONDS * attempt)
            mail_task.using(run_after=timezone.now() + delay).enqueue(
                sender, record_id, user_id, options, attempt + 1
            )
        return
    SentEmail.objects.get_or_create(key=key, user=person)
