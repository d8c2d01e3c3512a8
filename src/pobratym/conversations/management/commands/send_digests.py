"""`pobratym send_digests`: the daily e-mail digest of unread messages; run it once a day."""

from django.core.management.base import BaseCommand

from pobratym.conversations.notifications import digests_send


class Command(BaseCommand):
    help = "Send the daily digest of unread messages to everyone who chose it."

    def handle(self, *args, **options):
        count = digests_send()
        self.stdout.write(f"{count} digests sent.")
