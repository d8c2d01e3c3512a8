"""Browser tests: Chromium through Playwright against Django's live server with the demo data.

Every test in this folder is marked `browser`; run them with
`pytest -m browser tests/browser`. Chromium is Debian's (/usr/bin/chromium), so
`playwright install` is never needed.
"""

import os
import sqlite3
from pathlib import Path

import pytest

from tests.browser.helpers import DESKTOP

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
TIMEOUT_MS = 10_000

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser drives a browser."""
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(BROWSER_DIR):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance():
    """Playwright's sync API runs an event loop in the test thread, and Django then refuses
    database access from it ("async unsafe"). Browser tests need that access (the live
    server shares the test database), so allow it, but only while the browser runs: other
    tests in the same session keep Django's check."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    yield manager
    manager.stop()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser):
    """Open fresh browser contexts (own cookies, own cache); all are closed after the test.

    bypass_csp lets axe-core be injected: the site's Content-Security-Policy forbids
    inline scripts, which is how Playwright adds a script from a file.
    """
    contexts = []

    def make(viewport=None, **options):
        options.setdefault("locale", "en-US")
        context = browser.new_context(viewport=viewport or DESKTOP, bypass_csp=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def demo_snapshot():
    """The demo's database as it stood right after its first load in this process (a copy
    in memory), so each later test starts from the same state without loading it again."""
    return {}


@pytest.fixture
def demo(transactional_db, live_server, demo_snapshot):
    """The demo partnership Dortmund–Zhytomyr, visible to the live server.

    Loaded once per test process; every later test gets the database copied back from that
    first load (SQLite's backup API), which is the same state a new load would leave."""
    from django.contrib.contenttypes.models import ContentType
    from django.core import mail
    from django.core.cache import cache
    from django.db import connection

    from pobratym.partnerships import demo as demo_module
    from pobratym.site.demo import load

    # allauth remembers used TOTP codes in the cache per user id; ids repeat across tests.
    cache.clear()
    mail.outbox = []
    if connection.vendor != "sqlite":
        load()
        return demo_module
    connection.ensure_connection()
    if "copy" in demo_snapshot:
        demo_snapshot["copy"].backup(connection.connection)
        ContentType.objects.clear_cache()
    else:
        load()
        demo_snapshot["copy"] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(demo_snapshot["copy"])
    return demo_module


@pytest.fixture
def site(live_server):
    """Absolute address of a path on the live server."""

    def url(path: str) -> str:
        return live_server.url + path

    return url
