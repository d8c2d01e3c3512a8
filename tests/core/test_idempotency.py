"""One idempotency mechanism serves every creating service: the same key again returns the
record made first, the same key with other content is a 409 conflict, and a sending that
wins the race between our check and our insert hands us its record."""

import uuid
from decimal import Decimal

import pytest

from pobratym.core import idempotency
from pobratym.core.errors import Conflict
from pobratym.core.idempotency import digest_of
from tests.creating import CREATORS, team_of

NAMES = sorted(CREATORS)


@pytest.fixture
def team(partnership):
    return team_of(partnership)


def test_equal_content_has_an_equal_digest_however_it_is_written():
    assert digest_of({"quantity": Decimal("10.000"), "unit": "box"}) == digest_of(
        {"unit": "box", "quantity": Decimal(10)}
    )
    assert digest_of({"quantity": Decimal(10)}) != digest_of({"quantity": Decimal(11)})


@pytest.mark.parametrize("name", NAMES)
def test_the_same_request_twice_makes_one_record(team, name):
    make, model = CREATORS[name]
    before = model.objects.count()
    key = uuid.uuid4()

    first = make(team, key, "Generators for the water works")
    again = make(team, key, "Generators for the water works")

    assert again.pk == first.pk
    assert first.created_now and not again.created_now
    assert model.objects.count() == before + 1


@pytest.mark.parametrize("name", NAMES)
def test_the_same_key_with_other_content_is_a_conflict(team, name):
    make, model = CREATORS[name]
    key = uuid.uuid4()
    make(team, key, "Generators for the water works")
    count = model.objects.count()

    with pytest.raises(Conflict) as refused:
        make(team, key, "Blankets for the school")

    assert refused.value.code == "idempotency_key_reused" and refused.value.status == 409
    assert model.objects.count() == count


# A successor is made under a lock on its predecessor, so a second sending waits and then
# finds the first one's record (tests/postgres/test_concurrent_creation.py): no race to lose.
RACING = [name for name in NAMES if name != "successor"]


@pytest.mark.parametrize("name", RACING)
def test_a_sending_that_wins_the_race_hands_over_its_record(team, name, monkeypatch):
    """The other sending stores its record between our check and our insert: the unique
    key refuses ours, nothing of ours stays, and we answer with the other's record."""
    make, model = CREATORS[name]
    before = model.objects.count()
    key = uuid.uuid4()
    check = idempotency._made_before
    other = []

    def check_then_lose(*args):
        found = check(*args)
        if not other:
            other.append(None)
            other[0] = make(team, key, "Generators for the water works")
        return found

    monkeypatch.setattr(idempotency, "_made_before", check_then_lose)
    ours = make(team, key, "Generators for the water works")

    assert ours.pk == other[0].pk and not ours.created_now
    assert model.objects.count() == before + 1
