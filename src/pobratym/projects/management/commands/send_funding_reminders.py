"""`pobratym send_funding_reminders`: e-mail the offices about funding applications due within
two weeks; run it once a day (each reminder goes to each person once)."""

from django.core.management.base import BaseCommand

from pobratym.projects.notifications import reminders_send


class Command(BaseCommand):
    help = "Remind the offices of funding applications due within two weeks."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} applications due: reminders queued.")
