"""The API keeps the promise of its OpenAPI document: schemathesis calls every operation that
`/api/v1/openapi.json` lists (so a new endpoint is covered as soon as it is there) with
generated valid and invalid input, in process against the test database, as a visitor and with
a coordinator's read-and-write token. No answer may be a server error (5xx), and every answer
must have a status and a content type the document names, and match the schema it documents.

Path parameters name real records of a seeded partnership, so that the calls reach the code
behind the lookups rather than stopping at 404 (unless the path itself is the invalid part of
the call). Bounded and reproducible in `make test` (the PostgreSQL pass): a few derandomised
examples per operation. `HYPOTHESIS_PROFILE=deep` (`make test-deep`) adds the coverage phase,
every boundary case the document defines (huge ids, odd strings, missing fields), and many more
examples. Alone:

    scripts/with-postgres.sh .venv/bin/pytest -p no:xdist --no-migrations \\
        tests/test_api_schemathesis.py
"""

import os
import uuid

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pobratym.exchanges.services.feeds import calendar_feed_create
from pobratym.partnerships.api_tokens import api_token_create
from tests.agreements.factories import agreement_draft
from tests.aid.factories import need_post, offer_make
from tests.aid.shipment_factories import shipment_plan
from tests.conversations.factories import thread_start
from tests.directory.factories import contact_add, organisation_add
from tests.exchanges.factories import event_add
from tests.factories import focus_area_create, member_create, partnership_create
from tests.projects.conftest import project_add
from tests.projects.plans import measure_add, plan_add

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WRITING = frozenset({"POST", "PUT", "PATCH", "DELETE"})

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=schemathesis.config.SchemathesisConfig.from_dict(
        {
            # Who calls is the test's choice (visitor or token), not a generated header.
            "generation": {"with-security-parameters": False},
            "phases": {"examples": {"enabled": True}, "coverage": {"enabled": DEEP}},
        }
    ),
)

# Each operation gets a few examples of valid and of invalid input, the same ones in every run;
# the seeded world and the test's transaction are shared by them, as a client's calls share
# the database.
EXAMPLES = hypothesis_settings(
    max_examples=50 if DEEP else 6,
    derandomize=not DEEP,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@schema.hook
def map_case(context, case):
    """Every creating call carries a new Idempotency-Key (core/idempotency), unless the
    headers are the invalid part of the call."""
    headers = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    if case.method.upper() in WRITING and (
        headers is None or headers.mode is GenerationMode.POSITIVE
    ):
        case.headers = {**(case.headers or {}), "Idempotency-Key": str(uuid.uuid4())}
    return case


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One partnership with a record behind every kind of path parameter, made once for the
    module and rolled back after it; each test's own transaction nests inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        partnership = partnership_create(slug="dortmund-zhytomyr")
        coordinator = member_create(partnership, "coordinator", position=1).user
        other_side = member_create(partnership, "coordinator", position=2).user
        focus_area_create(partnership)
        need = need_post(partnership, other_side)
        organisation = organisation_add(partnership, coordinator)
        plan = plan_add(partnership, coordinator)
        measure_add(plan, coordinator)
        records = {
            "slug": partnership.slug,
            "agreement_id": agreement_draft(partnership, coordinator).pk,
            "need_id": need.pk,
            "offer_id": offer_make(partnership, coordinator, need=need).pk,
            "thread_id": thread_start(partnership, coordinator).pk,
            "organisation_id": organisation.pk,
            "contact_id": contact_add(organisation, coordinator).pk,
            "project_id": project_add(partnership, coordinator, public=True).pk,
            "plan_id": plan.pk,
            "event_id": event_add(partnership, coordinator, public=True).pk,
            "shipment_id": shipment_plan(partnership, coordinator).pk,
            "secret": calendar_feed_create(by=coordinator)[1],
        }
        token = api_token_create(
            by=coordinator,
            name="schemathesis",
            scope="write",
            partnership=None,
            idempotency_key=uuid.uuid4(),
        )[1]
        yield {"records": records, "token": token}
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_process(settings):
    """The WSGI application runs in this thread on the test's connection, inside its
    transaction: it must not close it at each request's start and end, as Django's own test
    client ensures for its requests. Hundreds of calls a minute from one address and token: the
    limits have tests of their own (tests/test_api_limits.py)."""
    settings.POBRATYM_API_REQUESTS_PER_TOKEN = 10**6
    settings.POBRATYM_API_REQUESTS_PER_ADDRESS = 10**6
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def aim(case, records) -> None:
    """Point the call's path at the seeded records, unless the path is its invalid part."""
    path = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    if path is not None and path.mode is GenerationMode.NEGATIVE:
        return
    for name in case.path_parameters or {}:
        if name in records:
            case.path_parameters[name] = records[name]


@schema.parametrize()
@EXAMPLES
def test_as_a_visitor(case, world, db):
    aim(case, world["records"])
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_with_a_coordinators_token(case, world, db):
    aim(case, world["records"])
    case.call_and_validate(headers={"Authorization": f"Bearer {world['token']}"}, checks=CHECKS)
