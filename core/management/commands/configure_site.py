"""Apply settings.SITE_URL to the default Wagtail Site (host, port and so the scheme)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.sites import apply_site_url


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from SITE_URL, so absolute links "
        "(API, open data, e-mails, calendars) carry the public address. Safe to run twice."
    )

    def handle(self, *args, **options):
        try:
            site, changed = apply_site_url(settings.SITE_URL, site_name=settings.WAGTAIL_SITE_NAME)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        verb = "now" if changed else "already"
        self.stdout.write(f"Site {site.site_name!r} is {verb} {site.root_url}")
