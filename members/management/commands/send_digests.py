from django.core.management.base import BaseCommand

from members.digests import enqueue_weekly_digests


class Command(BaseCommand):
    help = (
        "Enqueue this week's digest e-mail of every member who follows themes and asked for it "
        "(run weekly; see members/digests.py)."
    )

    def handle(self, *args, **options):
        count = enqueue_weekly_digests()
        self.stdout.write(f"{count} digests enqueued.")
