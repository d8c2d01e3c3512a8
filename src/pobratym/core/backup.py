"""One archive with everything a restore needs: the database, the uploaded files, and a
manifest with their SHA-256 checksums and the versions that wrote them.

A restore checks the whole archive before it touches anything: a damaged, foreign or
incompatible archive is refused and the installation stays as it was.
"""

import hashlib
import io
import json
import os
import platform
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path, PurePosixPath

import django
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .changes import stamp_anew

FORMAT = "pobratym-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILE = {"sqlite": "database/pobratym.sqlite3", "postgresql": "database/pobratym.dump"}
FILES_DIR = "files"
CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """The archive cannot be restored here; nothing was changed."""


def backup(output: Path) -> dict:
    """Write the archive to `output` (through a temporary file beside it, so a failed backup
    never leaves a truncated archive under that name); return its manifest."""
    output = Path(output)
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "database"
        _database_dump(database)
        entries = [(DATABASE_FILE[connection.vendor], database)]
        manifest = _manifest_start()
        partial = output.with_name(f".{output.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                manifest["files"].append(_add_file(archive, *entries[0]))
                for name in _stored_names():
                    with default_storage.open(name, "rb") as stored:
                        member = f"{FILES_DIR}/{name}"
                        manifest["files"].append(_add_stream(archive, member, stored))
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def restore(source: Path) -> dict:
    """Replace the database and the uploaded files by the archive's; return its manifest.
    Raises BackupRefused, before any change, when the archive is not whole or not for here."""
    with tempfile.TemporaryDirectory() as work, _open(source) as archive:
        manifest = _checked_manifest(archive)
        extracted = _extract_checked(archive, manifest, Path(work))
        database = extracted.pop(DATABASE_FILE[manifest["database"]["vendor"]])
        _database_load(database)
        _files_replace(extracted)
    stamp_anew()  # the load went beside Django: values kept before it are stale
    return manifest


def _manifest_start() -> dict:
    recorder = MigrationRecorder(connection)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "versions": {
            "pobratym": version("pobratym"),
            "django": django.get_version(),
            "python": platform.python_version(),
            "database": _database_version(),
        },
        "database": {"vendor": connection.vendor},
        "migrations": sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()),
        "files": [],
    }


def _database_version() -> str:
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return f"SQLite {sqlite3.sqlite_version}"


def _database_dump(target: Path) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # SQLite's online backup: a consistent copy while the site keeps running.
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    elif connection.vendor == "postgresql":
        _postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")
    else:
        raise BackupRefused(f"A {connection.vendor} database cannot be backed up.")


def _database_load(source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as archived:
            archived.backup(connection.connection)
        archived.close()
    else:
        connections.close_all()  # pg_restore drops the tables: no session of ours may hold them
        _postgres(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        )


def _postgres(program: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore against Django's database, with its credentials."""
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    target = [
        f"--dbname={settings['NAME']}",
        f"--username={settings.get('USER') or ''}",
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
    ]
    finished = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        [program, *target, *arguments], env=environment, capture_output=True, text=True
    )
    if finished.returncode:
        raise BackupRefused(f"{program} failed: {finished.stderr.strip()}")


def _stored_names(directory: str = "") -> list[str]:
    """Every uploaded file's name, walking the storage's directories."""
    directories, files = default_storage.listdir(directory)
    names = [str(PurePosixPath(directory, name)) for name in files]
    for child in directories:
        names += _stored_names(str(PurePosixPath(directory, child)))
    return sorted(names)


def _add_file(archive: tarfile.TarFile, member: str, path: Path) -> dict:
    with path.open("rb") as stream:
        return _add_stream(archive, member, stream)


def _add_stream(archive: tarfile.TarFile, member: str, stream) -> dict:
    """Copy a stream into the archive, hashing it on the way, in chunks."""
    with tempfile.TemporaryFile() as spool:
        digest = hashlib.sha256()
        size = 0
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            spool.write(chunk)
            size += len(chunk)
        spool.seek(0)
        info = tarfile.TarInfo(member)
        info.size = size
        archive.addfile(info, spool)
    return {"path": member, "size": size, "sha256": digest.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, member: str, data: bytes) -> None:
    info = tarfile.TarInfo(member)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


class _open:
    """The archive as a tar file, or BackupRefused when it is not one."""

    def __init__(self, source: Path):
        self.source = Path(source)

    def __enter__(self) -> tarfile.TarFile:
        try:
            self.archive = tarfile.open(self.source, "r:*")
        except (OSError, tarfile.TarError) as error:
            raise BackupRefused(f"{self.source} is not a Pobratym backup ({error}).") from error
        return self.archive

    def __exit__(self, *exc_info) -> None:
        self.archive.close()


def _checked_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError, tarfile.TarError) as error:
        raise BackupRefused("No readable manifest: not a Pobratym backup.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused("The archive's manifest is not a Pobratym backup's.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(f"Backups of format {manifest.get('format_version')} are not known.")
    vendor = manifest.get("database", {}).get("vendor")
    if vendor != connection.vendor:
        raise BackupRefused(
            f"The archive holds a {vendor} database; this installation uses {connection.vendor}."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest.get("migrations", [])) - known)
    if unknown:
        raise BackupRefused(
            "The archive was written by a newer version (unknown migrations: "
            f"{', '.join(unknown[:5])}); install that version first."
        )
    return manifest


def _extract_checked(archive: tarfile.TarFile, manifest: dict, work: Path) -> dict[str, Path]:
    """Every listed member, checked against its size and checksum, in `work`; nothing else
    may be in the archive, and no name may leave its folder."""
    listed = {entry["path"]: entry for entry in manifest["files"]}
    members = {member.name for member in archive.getmembers()} - {MANIFEST}
    if members != set(listed):
        raise BackupRefused("The archive's contents do not match its manifest.")
    if DATABASE_FILE[manifest["database"]["vendor"]] not in listed:
        raise BackupRefused("The archive holds no database.")
    extracted = {}
    for index, (name, entry) in enumerate(sorted(listed.items())):
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not archive.getmember(name).isfile():
            raise BackupRefused(f"The archive's member {name!r} is not allowed.")
        target = work / str(index)
        digest = hashlib.sha256()
        with archive.extractfile(name) as stream, target.open("wb") as copy:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        if digest.hexdigest() != entry["sha256"] or target.stat().st_size != entry["size"]:
            raise BackupRefused(f"The archive is damaged: {name} does not match its checksum.")
        extracted[name] = target
    return extracted


def _files_replace(extracted: dict[str, Path]) -> None:
    """The uploaded files become exactly the archive's."""
    archived = {name.removeprefix(f"{FILES_DIR}/"): path for name, path in extracted.items()}
    for name in _stored_names():
        default_storage.delete(name)
    for name, path in sorted(archived.items()):
        with path.open("rb") as stream:
            default_storage.save(name, File(stream))
