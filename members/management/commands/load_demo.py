from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from core.models import HomePage
from members.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo content (site tree, organisations, practices...). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has a home page (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo content already loaded; leaving the database as it is.")
        else:
            # Demo registrations go through the real engine, which e-mails people: keep those
            # messages in memory, never on the console or out to the (fictional) addresses.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                self.load_all()
        self.stdout.write(self.style.SUCCESS(f"\nDemo accounts (password: {DEMO_PASSWORD}):"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<24} {account.full_name} - {account.role}")
        self.stdout.write("Wagtail admin: /admin/ (staff@example.org)")

    def load_all(self) -> None:
        for app_config in apps.get_app_configs():
            try:
                module = import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            self.stdout.write(f"- {app_config.verbose_name}: ", ending="")
            module.load(self.stdout)
