"""How the communities app plugs into the layers below it (called from ``apps.py``): the
engine's calendar and host dashboard, the home page, publishing signals."""

from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from communities import privacy, services_meetings
from communities.calendar import community_filter_field, meeting_entries, meeting_rows
from communities.models import CommunityIndexPage, CommunityMembership, MeetingPage
from communities.selectors import upcoming_meetings
from core.home import HomeSection, index_url_of, register_home_section
from core.sections import SiteSection, register_site_section
from events import registry as engine
from events.models import EventIndexPage


def meeting_published(sender, instance, **kwargs) -> None:
    """A published meeting takes registrations through its own session (kept in step)."""
    services_meetings.sync_meeting_session(instance.specific)


def coordinated_meeting_ids(user) -> list[int]:
    """The meetings of the communities a person coordinates: she manages their sessions."""
    coordinated = CommunityMembership.objects.filter(
        user=user,
        status=CommunityMembership.Status.ACTIVE,
        role=CommunityMembership.Role.COORDINATOR,
    ).values("community_id")
    return list(
        MeetingPage.objects.filter(community_id__in=coordinated).values_list("pk", flat=True)
    )


def register_all(app_config) -> None:
    privacy.register()
    register_site_section(
        SiteSection(
            model=CommunityIndexPage,
            title="Comunità",
            slug="comunita",
            intro="<p>Le reti di amministratori che si incontrano ai tavoli di lavoro e "
            "discutono tra un incontro e l'altro.</p>",
            order=40,
        )
    )
    page_published.connect(
        meeting_published, sender=MeetingPage, dispatch_uid="communities_meeting_published"
    )
    engine.register_calendar_source(
        meeting_entries,
        filter_fields={"community": community_filter_field},
        rows=meeting_rows,
        kind=_("Community meeting"),
    )
    engine.register_session_managers(coordinated_meeting_ids)
    engine.register_registration_page_model(MeetingPage)
    register_home_section(
        HomeSection(
            key="upcoming_meetings",
            title=_("Upcoming meetings"),
            empty_message=_(
                "No community meeting is scheduled yet. Communities publish their "
                "working tables here."
            ),
            template="communities/home_meetings.html",
            order=30,
            items=lambda request: upcoming_meetings(limit=6),
            more_url=index_url_of(EventIndexPage),
            more_label=_("Calendar"),
        )
    )
