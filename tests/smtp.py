"""A real SMTP server on loopback (aiosmtpd): tests read the e-mails it received."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """Collects each message the server accepts, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refused: set[str] = set()  # addresses answered "try again later", as a full mailbox

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "451 4.2.2 Mailbox full, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    """Django sends through SMTP to a server on 127.0.0.1 for the length of the test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
