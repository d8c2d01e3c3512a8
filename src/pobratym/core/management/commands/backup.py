"""pobratym backup --output FILE: the database, the uploaded files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pobratym.core.backup import BackupRefused, backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files, with checksums, into one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="the archive to write")

    def handle(self, *args, output: Path, **options):
        try:
            manifest = backup(output)
        except (BackupRefused, OSError) as error:
            raise CommandError(str(error)) from error
        files = len(manifest["files"]) - 1
        self.stdout.write(f"Backup written to {output}: the database and {files} files.")
