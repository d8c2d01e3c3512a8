"""A worker process killed in the middle of writing (the power fails, the OOM killer strikes):
PostgreSQL rolls back what the process had not committed, so nothing half-written is ever
seen. The process is really killed (SIGKILL) while it holds a half-done import, or a shipment
stage with its event written and the shipment not yet moved."""

import subprocess
import sys
import time

import pytest
from django.db import connection

from pobratym.aid.models import Need, NeedLine, Shipment
from pobratym.partnerships.models import Role
from tests.aid.shipment_factories import shipment_loaded
from tests.aid.test_spreadsheets_needs import _other_need, _row, _second_line, _sheet
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in its own process: the import, paused (and then killed) after its first need.
IMPORT = """
import pathlib, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from pobratym.accounts.models import User
from pobratym.aid import services
from pobratym.aid.spreadsheets.needs import need_import
from pobratym.partnerships.models import Partnership

partnership_id, user_id, sheet, signal = sys.argv[1:5]
made = services.need_create

def need_create_then_wait(**fields):
    need = made(**fields)
    pathlib.Path(signal).write_text("one need written, not committed")
    time.sleep(120)
    return need

services.need_create = need_create_then_wait
need_import(
    partnership=Partnership.objects.get(pk=partnership_id),
    by=User.objects.get(pk=user_id),
    upload=SimpleUploadedFile("needs.xlsx", pathlib.Path(sheet).read_bytes()),
)
"""


def _database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )


# Runs in its own process: the shipment leaves, paused (and then killed) after its event.
DEPART = """
import pathlib, sys, time
import django
django.setup()
from pobratym.accounts.models import User
from pobratym.aid import services
from pobratym.aid.models import Shipment
from pobratym.aid.services import shipments

shipment_id, user_id, signal = sys.argv[1:4]

def translate_then_wait(record):
    pathlib.Path(signal).write_text("event written, shipment not moved, nothing committed")
    time.sleep(120)

shipments.translate_later = translate_then_wait
services.shipment_advance(
    shipment=Shipment.objects.get(pk=shipment_id),
    by=User.objects.get(pk=user_id),
    status="in_transit",
    note="Abfahrt in Dortmund",
)
"""


def _kill_halfway(script: str, signal, *arguments) -> None:
    """Run `script` in its own process, wait until it writes `signal`, and kill it there."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "pobratym.config.settings.test",
        "DATABASE_URL": _database_url(),
        "PATH": "/usr/bin:/bin",
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, arguments), str(signal)],
        env=environment,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not signal.exists():
            assert worker.poll() is None, worker.stderr.read().decode()
            assert time.monotonic() < deadline, "the process never reached the halfway point"
            time.sleep(0.1)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert worker.returncode == -9


def test_an_import_killed_halfway_leaves_no_need_behind(tmp_path):
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    receiver = member_create(partnership, Role.COORDINATOR, position=2).user
    sheet = tmp_path / "needs.xlsx"
    sheet.write_bytes(_sheet([_row(), _second_line(), _other_need()]))

    _kill_halfway(IMPORT, tmp_path / "halfway", partnership.pk, receiver.pk, sheet)

    assert not Need.objects.filter(partnership=partnership).exists()
    assert not NeedLine.objects.filter(need__partnership=partnership).exists()


def test_a_shipment_stage_killed_halfway_leaves_the_shipment_as_it_was(tmp_path):
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    team = {
        "sender": member_create(partnership, Role.STAFF, position=1).user,
        "receiver": member_create(partnership, Role.COORDINATOR, position=2).user,
    }
    shipment = shipment_loaded(partnership, team)
    events = list(shipment.events.values_list("pk", flat=True))

    _kill_halfway(DEPART, tmp_path / "halfway", shipment.pk, team["sender"].pk)

    shipment = Shipment.objects.get(pk=shipment.pk)
    assert (shipment.status, shipment.departed_on) == ("planned", None)
    assert list(shipment.events.values_list("pk", flat=True)) == events
