from django.core.management.base import BaseCommand

from events.services import fill_free_seats


class Command(BaseCommand):
    help = (
        "Give every free seat of an open session to the people on its waiting list, in order "
        "(the e-mails leave after each session's commit). Safe to run often, e.g. every five "
        "minutes: a seat freed by any path is never lost."
    )

    def handle(self, *args, **options):
        promoted = fill_free_seats()
        self.stdout.write(f"Promoted from the waiting list: {len(promoted)}.")
