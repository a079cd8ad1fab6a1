from django.core.management.base import BaseCommand

from events.hosts import send_host_digests, send_minimum_warnings


class Command(BaseCommand):
    help = (
        "Send the daily summary of registrations waiting for approval to the hosts who chose "
        "it instead of one e-mail each (once a day; a summary is marked only once delivered), "
        "and warn hosts of sessions under their minimum as the deadline nears."
    )

    def handle(self, *args, **options):
        sent = send_host_digests()
        self.stdout.write(f"Daily summaries sent to hosts: {sent}.")
        warned = send_minimum_warnings()
        self.stdout.write(f"Sessions under their minimum reported to hosts: {warned}.")
