"""Two people acting at the same moment, on PostgreSQL with real concurrent transactions.

These tests run only in `make test-postgres` (SQLite serialises every write by itself, and its
in-memory test database cannot be shared between threads)."""

import threading

import pytest
from django.db import connection, connections

from pobratym.agreements.models import Amendment, Approval
from pobratym.agreements.services import amendments
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from tests.agreements.factories import agreement_in_force, approve_here, people
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*actions) -> list:
    """Run the actions in threads released together; return each one's result or error."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except DomainError as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def proposed():
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    team = people(partnership)
    team["second_signatory1"] = member_create(partnership, Role.SIGNATORY, position=1).user
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"en": ("Youth", "Add youth work.")}
    )
    return amendment, team


def test_two_signatories_of_one_side_approving_at_once_count_once(proposed):
    amendment, team = proposed
    results = at_once(
        lambda: approve_here(amendment, team["signatory1"]),
        lambda: approve_here(amendment, team["second_signatory1"]),
    )
    assert sum(isinstance(result, Approval) for result in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["already_approved"]
    assert Approval.objects.filter(amendment=amendment).count() == 1
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PROPOSED


def test_both_sides_approving_at_once_put_the_amendment_in_force_once(proposed):
    amendment, team = proposed
    results = at_once(
        lambda: approve_here(amendment, team["signatory1"]),
        lambda: approve_here(amendment, team["signatory2"]),
    )
    assert all(isinstance(result, Approval) for result in results)
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert amendment.history.filter(status=Amendment.Status.IN_FORCE).count() == 1


def test_approval_and_withdrawal_at_once_never_leave_a_withdrawn_amendment_in_force(proposed):
    amendment, team = proposed
    approve_here(amendment, team["signatory1"])
    results = at_once(
        lambda: approve_here(amendment, team["signatory2"]),
        lambda: amendments.amendment_withdraw(
            amendment=amendment, by=team["coordinator1"], reason="changed our mind"
        ),
    )
    amendment.refresh_from_db()
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].code == "amendment_closed"
    if amendment.status == Amendment.Status.WITHDRAWN:
        assert Approval.objects.filter(amendment=amendment).count() == 1
    else:
        assert amendment.status == Amendment.Status.IN_FORCE
