"""Background work after a message is posted (django-tasks, run by `pobratym db_worker`):
machine translation through the shared store (translation.services), then e-mails in each
reader's language. A failing provider never loses the message: the e-mails go out with the
original, and the translation is tried again later, without a second e-mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from pobratym.accounts.models import User
from pobratym.translation.providers import TranslationError, get_provider
from pobratym.translation.services import record_translate_by_machine

from .models import Message
from .notifications import MAIL_ERRORS, digests_send, message_email, message_recipients

logger = logging.getLogger(__name__)


@task()
def message_translate(message_id: int, attempt: int = 1, notify: bool = True) -> None:
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return
    try:
        _translate(message, attempt, notify)
    finally:
        if notify:
            # Readers hear of the message now, translated if the provider answered in time;
            # also when the provider is misconfigured or failed in an unexpected way.
            message_notify_task.enqueue(message_id)


def _translate(message: Message, attempt: int, notify: bool) -> None:
    message_id = message.pk
    provider = get_provider()
    if provider.available:
        try:
            record_translate_by_machine(record=message, provider=provider)
        except TranslationError as error:
            retry = attempt < settings.POBRATYM_TRANSLATION_ATTEMPTS
            logger.warning(
                "Translating message %s failed (attempt %s, %s): %s",
                message_id,
                attempt,
                "will retry" if retry else "giving up",
                error,
            )
            if retry:
                delay = timedelta(seconds=settings.POBRATYM_TRANSLATION_RETRY_SECONDS * attempt)
                message_translate.using(run_after=timezone.now() + delay).enqueue(
                    message_id, attempt + 1, notify=False
                )


def _message(message_id: int) -> Message | None:
    return (
        Message.objects.select_related("thread__partnership", "author")
        .prefetch_related("translations__translated_by")
        .filter(pk=message_id)
        .first()
    )


@task()
def message_notify_task(message_id: int) -> None:
    """One task per reader, so a mail server failing for one loses nobody else's e-mail."""
    message = _message(message_id)
    if message:
        for person, named in message_recipients(message=message):
            message_email_task.enqueue(message_id, person.pk, named)


@task()
def message_email_task(message_id: int, user_id: int, mentioned: bool, attempt: int = 1) -> None:
    message = _message(message_id)
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if message is None or person is None:
        return
    try:
        message_email(message=message, person=person, mentioned=mentioned)
    except MAIL_ERRORS as error:
        retry = attempt < settings.POBRATYM_EMAIL_ATTEMPTS
        logger.warning(
            "E-mail about message %s to person %s failed (attempt %s, %s): %s",
            message_id,
            user_id,
            attempt,
            "will retry" if retry else "giving up",
            error,
        )
        if retry:
            delay = timedelta(seconds=settings.POBRATYM_EMAIL_RETRY_SECONDS * attempt)
            message_email_task.using(run_after=timezone.now() + delay).enqueue(
                message_id, user_id, mentioned, attempt + 1
            )


@task()
def digests_send_task() -> int:
    return digests_send()
