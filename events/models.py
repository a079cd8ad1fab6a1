"""Everything on the calendar: exchange sessions, community meetings and registrations."""

from django.utils.translation import gettext_lazy as _

from core.models import SectionIndexPage


class EventIndexPage(SectionIndexPage):
    """The calendar of sessions and meetings ("Eventi")."""

    empty_message = _("No upcoming event. Sessions and community meetings will be listed here.")

    class Meta:
        verbose_name = _("event index page")


from events.meeting_models import *  # noqa: E402, F403 - community meetings live in their own module
