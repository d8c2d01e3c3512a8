"""The fake translation providers, for the tests of agreements and letters in the reader's
language."""

from tests.translation.fake_servers import libretranslate_server  # noqa: F401
