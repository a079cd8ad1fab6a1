"""Everything on the calendar: exchange sessions, community meetings and registrations."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.models import SectionIndexPage


class EventIndexPage(SectionIndexPage):
    """The calendar of sessions and meetings ("Eventi")."""

    empty_message = _("No upcoming event. Sessions and community meetings will be listed here.")

    class Meta:
        verbose_name = _("event index page")

    def serve(self, request, *args, **kwargs):
        # The list and month calendar of sessions and meetings (events.calendar_views).
        from events import calendar_views

        context = Page.get_context(self, request, *args, **kwargs)
        return calendar_views.serve_index(request, self, context)


from events.meeting_models import *  # noqa: E402, F403 - community meetings live in their own module
