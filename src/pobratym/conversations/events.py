"""What happens after a message is posted, outside the transaction that stored it."""

from .models import Message


def message_posted(message: Message) -> None:
    """Called once per new message, after its transaction has committed.

    The notifications/translation engineer fills this: enqueue translation and notification
    tasks. It must not raise for a failing provider: the message is already stored.
    """
