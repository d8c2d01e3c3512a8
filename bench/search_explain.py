"""Show how PostgreSQL answers a search box on 50,000 messages (decision 0011): the plan and time
of `core.search.contains`. Not part of `make test`. Run, from the project's folder:

    DJANGO_SETTINGS_MODULE=pobratym.config.settings.local scripts/with-postgres.sh bash -c \\
      'createdb -h 127.0.0.1 -p "$(echo $DATABASE_URL | sed "s/.*:\\([0-9]*\\)\\/.*/\\1/")" \\
         -U pobratym pobratym; \\
       .venv/bin/pobratym shell -c "exec(open(\\"bench/search_explain.py\\").read())"'
"""

import random
import uuid

from django.core.management import call_command
from django.db import connection

from pobratym.accounts.models import User
from pobratym.conversations.models import Message, Thread
from pobratym.core.search import contains
from pobratym.site import demo

MESSAGES = 50_000
WORDS = ["Generator", "Wasser", "Krankenhaus", "Schule", "Laptop", "Decken", "генератор", "вода"]

call_command("migrate", verbosity=0)
demo.load()
thread = Thread.objects.first()
author = User.objects.get(email="coordinator.dortmund@example.org")
random.seed(1)
Message.objects.bulk_create(
    (
        Message(
            thread=thread,
            author=author,
            body=" ".join(random.choices(WORDS, k=12)) + f" {number}",  # noqa: S311 - test data
            language="de",
            idempotency_key=uuid.uuid4(),
        )
        for number in range(MESSAGES)
    ),
    batch_size=5000,
)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
    sql, params = Message.objects.filter(contains("body", "Krankenhau7")).query.sql_with_params()
    cursor.execute("EXPLAIN ANALYZE " + sql, params)
    print("\n".join(row[0] for row in cursor.fetchall()))
