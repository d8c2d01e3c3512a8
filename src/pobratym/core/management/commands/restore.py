"""pobratym restore FILE: check an archive whole, then replace the database and the files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pobratym.core.backup import BackupRefused, restore


class Command(BaseCommand):
    help = (
        "Replace this installation's database and uploaded files by a backup's. The archive is "
        "checked first; a damaged or foreign one is refused and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, archive: Path, interactive: bool, **options):
        if interactive:
            answer = input(
                "This replaces the whole database and every uploaded file of this installation "
                "by the backup's. Stop the site and the task worker first. Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            manifest = restore(archive)
        except BackupRefused as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} "
            f"(Pobratym {manifest['versions']['pobratym']}). Run `pobratym migrate` next."
        )
