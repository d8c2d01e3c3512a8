"""What happens after a message is posted, outside the transaction that stored it."""

import logging

from .models import Message

logger = logging.getLogger(__name__)


def message_posted(message: Message) -> None:
    """Called once per new message, after its transaction has committed: queue its machine
    translation, which then queues the e-mails. Queuing failing must not fail the post."""
    from .tasks import message_translate

    try:
        message_translate.enqueue(message.pk)
    except Exception:  # the message is stored; the worker's log and the admin show the rest
        logger.exception("Could not queue the translation of message %s", message.pk)
