"""Fixtures of the conversation tests: the SMTP server, the fake translation services."""

import pytest

from tests.smtp import smtp_inbox  # noqa: F401 (a fixture)
from tests.translation.fake_servers import deepl_server, libretranslate_server  # noqa: F401


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a service queues for after its commit (translation, e-mails)."""
    return django_capture_on_commit_callbacks
