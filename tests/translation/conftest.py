"""The fake providers, as fixtures for the translation tests."""

from tests.translation.fake_servers import deepl_server, libretranslate_server  # noqa: F401
