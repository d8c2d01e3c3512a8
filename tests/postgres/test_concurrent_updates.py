"""Two people save the same record at the same moment from the same revision, on PostgreSQL
with real concurrent transactions: exactly one edit is saved, the other is refused as stale
and writes nothing."""

import threading

import pytest
from django.db import connection, connections

from pobratym.core.errors import Stale
from tests.factories import partnership_create
from tests.updating import UPDATERS, team_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("name", sorted(UPDATERS))
def test_two_edits_from_the_same_revision_at_once_save_one(name):
    assert connection.vendor == "postgresql"
    team = team_of(partnership_create())
    editing = UPDATERS[name]
    record = editing.make(team)
    seen = record.revision
    start = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        try:
            start.wait()
            answers[index] = editing.change(team, record, seen, f"Edit {index}")
        except Exception as error:
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = [answer for answer in answers if isinstance(answer, Stale)]
    saved = [index for index, answer in enumerate(answers) if isinstance(answer, type(record))]
    assert len(refused) == 1 and len(saved) == 1, answers
    record.refresh_from_db()
    assert getattr(record, editing.field) == f"Edit {saved[0]}"
    assert record.revision == seen + 1
