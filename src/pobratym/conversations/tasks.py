"""Background work after a message is posted (django-tasks, run by `pobratym db_worker`):
machine translation through the shared store (translation.services), then e-mails in each
reader's language. A failing provider never loses the message: the e-mails go out with the
original, and the translation is tried again later, without a second e-mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from pobratym.core.mail import mail_each
from pobratym.translation.providers import TranslationError, get_provider
from pobratym.translation.services import record_translate_by_machine

from .models import Message
from .notifications import digests_send, message_recipients

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
            # The thread's subject with its first message, so the e-mails carry both.
            record_translate_by_machine(record=message.thread, provider=provider)
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


@task()
def message_notify_task(message_id: int) -> None:
    """One e-mail per reader, each sent on its own (core.mail)."""
    message = Message.objects.select_related("thread").filter(pk=message_id).first()
    if message:
        recipients = message_recipients(message=message)
        mail_each(
            "pobratym.conversations.notifications.message_email",
            message_id,
            [(person.pk, {"mentioned": named}) for person, named in recipients],
        )


@task()
def digests_send_task() -> int:
    return digests_send()
