from django.core.management.base import BaseCommand

from members.setup import ensure_editorial_setup


class Command(BaseCommand):
    help = "Create or refresh the Editors and Moderators groups and the moderation workflow."

    def handle(self, *args, **options):
        ensure_editorial_setup()
        self.stdout.write(self.style.SUCCESS("Groups, permissions and workflow ready."))
