"""`pobratym demo`: load the demo partnership Dortmund–Zhytomyr (never in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pobratym.partnerships import demo

from ... import demo as site_demo


class Command(BaseCommand):
    help = "Load the demo partnership Dortmund–Zhytomyr and print its accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--code", action="store_true", help="Print the current two-factor code and stop."
        )

    def handle(self, *args, code: bool = False, **options):
        if not settings.POBRATYM_DEMO:
            raise CommandError("The demo is not available with production settings.")
        if code:
            self.stdout.write(demo.demo_totp_code())
            return
        accounts = site_demo.load()
        self.stdout.write(self.style.SUCCESS(f"Demo partnership: {demo.SLUG}"))
        self.stdout.write(f"Password of every demo account: {demo.PASSWORD}")
        for email, role in accounts:
            self.stdout.write(f"  {email:40} {role}")
        self.stdout.write(
            "Coordinators and signatories also need a two-factor code: add the secret "
            f"{demo.TOTP_SECRET} to an authenticator app, or run "
            "`.venv/bin/pobratym demo --code`. Their recovery codes are on the page "
            "Two-factor login of their account (/en/accounts/2fa/)."
        )
