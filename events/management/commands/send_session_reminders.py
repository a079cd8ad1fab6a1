from django.core.management.base import BaseCommand

from events.notifications import send_followups, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to people confirmed for sessions starting within two days, and the "
        "follow-up question to attendees of ended sessions. Safe to run often (e.g. hourly "
        "from cron): nobody is e-mailed twice."
    )

    def handle(self, *args, **options):
        reminders = send_reminders()
        followups = send_followups()
        self.stdout.write(f"Reminders sent: {reminders}. Follow-up questions sent: {followups}.")
