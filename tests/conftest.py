import os
from fnmatch import fnmatch

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from pobratym.core.changes import stamp_anew
from tests.factories import member_create, partnership_create, sign_in

# The stateful tests' depth: a small, derandomised profile in `make test`; `make test-deep`
# explores far more (and new) sequences.
_common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
hypothesis_settings.register_profile(
    "ci", max_examples=40, stateful_step_count=30, derandomize=True, **_common
)
hypothesis_settings.register_profile(
    "deep", max_examples=400, stateful_step_count=50, derandomize=False, **_common
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# `make test` runs the whole suite on PostgreSQL, the production database, and again on SQLite
# (`make run`, the demo) the tests whose answers can differ between the two: queries and what
# they cost, search, sorting and filters, sums of quantities, imports and exports, My work's
# union of queries, numbering, backups and the demo. The browser tests and every address
# (tests/test_every_address.py) run on SQLite too. The data migrations' tests run on
# PostgreSQL only, where production upgrades: each replays the migrations both ways.
ALSO_ON_SQLITE = (
    "tests/*/test_*queries.py",
    "tests/*/test_*search.py",
    "tests/*/test_work.py",
    "tests/*/test_activity.py",
    "tests/*/test_api.py",
    "tests/*/test_demo*.py",
    "tests/*/test_selectors.py",
    "tests/*/test_shipments_selectors.py",
    "tests/*/test_services.py",
    "tests/core/test_backup.py",
    "tests/core/test_inputs.py",
    "tests/core/test_listing.py",
    "tests/core/test_idempotency.py",
    "tests/core/test_model_update.py",
    "tests/core/test_uploads.py",
    "tests/aid/test_dashboard.py",
    "tests/aid/test_hxl.py",
    "tests/aid/test_spreadsheets_*.py",
    "tests/agreements/test_letters_services.py",
    "tests/agreements/test_services_lifecycle.py",
    "tests/conversations/test_pages.py",
    "tests/conversations/test_inbox.py",
    "tests/partnerships/test_list.py",
    "tests/site/test_my_work.py",
    "tests/projects/test_plans*.py",
    "tests/translation/test_records.py",
)


# Most passes build the test database from the models (`--no-migrations`): replaying every
# migration costs each test process most of a minute. These tests need the real history.
NEED_MIGRATIONS = ("tests/*/test_migrations.py", "tests/core/test_backup.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.split("::")[0]
        if any(fnmatch(path, pattern) for pattern in ALSO_ON_SQLITE):
            item.add_marker(pytest.mark.both_databases)
        if any(fnmatch(path, pattern) for pattern in NEED_MIGRATIONS):
            item.add_marker(pytest.mark.migrations)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits (failed logins) live in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def _stamp_anew(**kwargs):
    stamp_anew()


@pytest.fixture(autouse=True)
def _top_bar_counted_afresh(request):
    """Every request starts with a new stamp (core.changes), so each page counts its top bar
    as a first visit does and query-count tests compare like with like. Tests of what the
    stamp keeps (`remembering`) see the cache as production does."""
    if request.node.get_closest_marker("remembering"):
        yield
        return
    request_started.connect(_stamp_anew, dispatch_uid="tests-stamp-anew")
    yield
    request_started.disconnect(dispatch_uid="tests-stamp-anew")


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English: a language activated by one test never leaks into the next."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def partnership(db):
    return partnership_create(slug="alpha-beta")


@pytest.fixture
def other_partnership(db):
    return partnership_create(slug="gamma-delta")


@pytest.fixture
def coordinator(partnership):
    return member_create(partnership, "coordinator", position=1).user


@pytest.fixture
def other_side_coordinator(partnership):
    return member_create(partnership, "coordinator", position=2).user


@pytest.fixture
def staff(partnership):
    return member_create(partnership, "staff", position=1).user


@pytest.fixture
def outsider(other_partnership):
    """A coordinator, but of another partnership only."""
    return member_create(other_partnership, "coordinator", position=1).user


@pytest.fixture
def client_of():
    """A signed-in test client for a person (the session is marked as two-factor done)."""
    from django.test import Client

    def make(user):
        client = Client()
        sign_in(client, user)
        return client

    return make


@pytest.fixture
def run_worker(monkeypatch):
    """Run the real task worker until nothing is due, on the test's own connection (the worker
    closes connections inside a transaction, as a test's is; PostgreSQL would lose it)."""
    from django.core.management import call_command

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
