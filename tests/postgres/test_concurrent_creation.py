"""The same form or API call sent twice at the same moment, on PostgreSQL with real
concurrent transactions: whichever commits first makes the record, the other waits at the
unique key and answers with that record. One record, both answers the same."""

import threading
import uuid

import pytest
from django.db import connection, connections

from tests.creating import CREATORS, team_of
from tests.factories import partnership_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("name", sorted(CREATORS))
def test_the_same_request_twice_at_once_makes_one_record(name):
    assert connection.vendor == "postgresql"
    team = team_of(partnership_create())
    make, model = CREATORS[name]
    before = model.objects.count()
    key = uuid.uuid4()
    start = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        try:
            start.wait()
            answers[index] = make(team, key, "Generators for the water works")
        except Exception as error:
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(isinstance(answer, model | type(team["thread"])) for answer in answers), answers
    assert answers[0].pk == answers[1].pk
    assert sorted(answer.created_now for answer in answers) == [False, True]
    assert model.objects.count() == before + 1
