"""`pobratym backup` and `pobratym restore`: every table and every uploaded file comes back as
it was; a damaged, foreign or newer archive is refused and nothing is touched. The suite runs
this file on SQLite and again on PostgreSQL (pg_dump and pg_restore)."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from pobratym.core.backup import MANIFEST
from pobratym.partnerships.models import City
from pobratym.site.demo import load
from tests.factories import partnership_create

pytestmark = pytest.mark.django_db(transaction=True)


def _tables() -> str:
    """Every row of every table, in key order, as dumpdata writes it."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out, indent=None)
    return out.getvalue()


def _files() -> dict[str, bytes]:
    from pobratym.core.backup import _stored_names

    return {name: default_storage.open(name).read() for name in _stored_names()}


def _wipe() -> None:
    call_command("flush", interactive=False)
    for name in _files():
        default_storage.delete(name)


def _backup(tmp_path):
    default_storage.save("letters/2026/scan.pdf", ContentFile(b"%PDF-1.4 a scanned letter"))
    path = tmp_path / "pobratym.tar.gz"
    call_command("backup", output=path, stdout=io.StringIO())
    return path


@pytest.fixture
def archive(tmp_path):
    """A backup of one partnership and a scan."""
    partnership_create()
    return _backup(tmp_path)


def test_a_restore_brings_back_every_table_and_every_file(tmp_path):
    load()  # the demo: every domain's records, with their history and translations
    archive = _backup(tmp_path)
    tables, files = _tables(), _files()
    assert "letters/2026/scan.pdf" in files
    _wipe()
    default_storage.save("stray.txt", ContentFile(b"written after the backup"))
    assert _tables() != tables

    call_command("restore", archive, interactive=False, stdout=io.StringIO())

    assert _tables() == tables
    assert _files() == files


def test_the_manifest_names_each_part_with_its_checksum_and_the_versions(archive):
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile(MANIFEST))
        members = {member.name for member in opened.getmembers()}
    assert manifest["format"] == "pobratym-backup"
    assert {"pobratym", "django", "python", "database"} <= set(manifest["versions"])
    assert {entry["path"] for entry in manifest["files"]} == members - {MANIFEST}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])
    assert "partnerships.0001_initial" in manifest["migrations"]


def _rewritten(archive, tmp_path, change) -> str:
    """A copy of the archive whose members (name -> bytes) went through `change`."""
    with tarfile.open(archive) as opened:
        members = {m.name: opened.extractfile(m).read() for m in opened.getmembers()}
    manifest = json.loads(members[MANIFEST])
    change(members, manifest)
    members[MANIFEST] = json.dumps(manifest).encode()
    copy = tmp_path / "changed.tar.gz"
    with tarfile.open(copy, "w:gz") as written:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            written.addfile(info, io.BytesIO(data))
    return copy


def _damage_scan(members, manifest):
    members["files/letters/2026/scan.pdf"] = b"%PDF-1.4 another letter!!"


def _drop_manifest_format(members, manifest):
    manifest["format"] = "someone-elses-backup"


def _leave_the_folder(members, manifest):
    entry = next(e for e in manifest["files"] if e["path"] == "files/letters/2026/scan.pdf")
    members["files/../../etc/cron.d/evil"] = members.pop(entry["path"])
    entry["path"] = "files/../../etc/cron.d/evil"


def _from_a_newer_version(members, manifest):
    manifest["migrations"].append("aid.9999_from_the_future")


def _add_an_unlisted_file(members, manifest):
    members["files/unlisted.txt"] = b"not in the manifest"


def _for_another_database(members, manifest):
    manifest["database"]["vendor"] = "oracle"


@pytest.mark.parametrize(
    "change",
    [
        _damage_scan,
        _drop_manifest_format,
        _leave_the_folder,
        _from_a_newer_version,
        _add_an_unlisted_file,
        _for_another_database,
    ],
)
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_is_touched(archive, tmp_path, change):
    bad = _rewritten(archive, tmp_path, change)
    City.objects.create(name="Lviv", country="UA")  # written after the backup
    tables, files = _tables(), _files()

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", bad, interactive=False, stdout=io.StringIO())

    assert _tables() == tables
    assert _files() == files


def test_a_file_that_is_no_archive_is_refused(tmp_path):
    not_an_archive = tmp_path / "notes.txt"
    not_an_archive.write_text("my shopping list")
    with pytest.raises(CommandError, match="not a Pobratym backup"):
        call_command("restore", not_an_archive, interactive=False)
