"""Community meetings ("tavoli di lavoro", "tappe"): a Wagtail page under the events index,
with the agenda before and the minutes after."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.models import RICH_TEXT_FEATURES
from events.services import NotInCommunity
from members.models import OwnedByOrganisation


class BreakoutTableBlock(blocks.StructBlock):
    topic = blocks.CharBlock(label=_("Topic"), max_length=200)
    outcome = blocks.TextBlock(label=_("What emerged"), required=False)

    class Meta:
        icon = "group"
        label = _("Breakout table")


class ActionBlock(blocks.StructBlock):
    what = blocks.CharBlock(label=_("What"), max_length=300)
    who = blocks.CharBlock(label=_("Who"), max_length=200, required=False)
    due = blocks.DateBlock(label=_("By when"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Follow-up action")


class MeetingPage(RoutablePageMixin, OwnedByOrganisation, Page):
    """A meeting of a community of administrators (working table, community event), hosted by
    an organisation in turn. Before it: date, mode, place or link, agenda. After it: the
    minutes (breakout tables, decisions, follow-up actions, who took part, attachments).
    The ``organisation`` field is the host."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    community = models.ForeignKey(
        "communities.CommunityPage",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("community"),
        help_text=_("The community that meets."),
    )
    start = models.DateTimeField(_("starts at"), db_index=True, help_text=_("Date and time."))
    end = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("Optional."))
    mode = models.CharField(
        _("mode"),
        max_length=16,
        choices=Mode.choices,
        default=Mode.ONLINE,
        db_index=True,
        help_text=_("Online, in person or both."),
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Venue and address, for meetings in person or hybrid."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Video-call link, for meetings online or hybrid. Shown to members only."),
    )
    agenda = RichTextField(
        _("agenda"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the meeting will discuss, with times if known."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats available; empty for no limit.")
    )
    # Minutes
    summary = RichTextField(
        _("minutes: summary"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("How the meeting went, in a few paragraphs."),
    )
    breakout_tables = StreamField(
        [("table", BreakoutTableBlock())],
        blank=True,
        verbose_name=_("breakout tables"),
        help_text=_("One entry per working group: its topic and what emerged."),
    )
    decisions = StreamField(
        [
            ("decision", blocks.CharBlock(label=_("Decision"), max_length=300, icon="success")),
            ("action", ActionBlock()),
        ],
        blank=True,
        verbose_name=_("decisions and follow-up actions"),
        help_text=_("What was decided and who does what next."),
    )
    participating_organisations = ParentalManyToManyField(
        "members.Organisation",
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("participating organisations"),
        help_text=_("Bodies that took part (pre-filled from attendance, editable)."),
    )
    participant_count = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_("Number of people who took part, when attendance was not tracked online."),
    )
    organisation_count = models.PositiveIntegerField(
        _("number of organisations"),
        null=True,
        blank=True,
        help_text=_(
            "How many bodies took part, when not all of them are listed above "
            '(e.g. "about 20 bodies").'
        ),
    )
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("attachments"),
        help_text=_("Slides, reports, photos of the boards."),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Practice or tool")))],
        blank=True,
        verbose_name=_("related practices and tools"),
        help_text=_("Good practices and tools discussed at the meeting."),
    )
    minutes_published_at = models.DateTimeField(
        _("minutes published at"),
        null=True,
        blank=True,
        help_text=_("Set when the coordinators publish the minutes."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("community"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("mode"),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("capacity"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("agenda"),
        # Asked when a member registers (events.RegistrationQuestion, as on an offer).
        InlinePanel(
            "registration_questions",
            heading=_("Registration questions and consents"),
            label=_("question"),
            min_num=0,
        ),
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("breakout_tables"),
                FieldPanel("decisions"),
                FieldPanel("participating_organisations"),
                FieldPanel("participant_count"),
                FieldPanel("organisation_count"),
                FieldPanel("attachments"),
                FieldPanel("related_pages"),
                FieldPanel("minutes_published_at"),
            ],
            heading=_("Minutes"),
        ),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        db_table = "events_meetingpage"  # the table from before the move
        verbose_name = _("community meeting")
        verbose_name_plural = _("community meetings")

    @property
    def host(self):
        return self.organisation

    @property
    def is_past(self) -> bool:
        return self.start < timezone.now()

    def location_text(self) -> str:
        if self.mode == self.Mode.ONLINE:
            return str(_("Online"))
        return self.place

    def serializable_data(self):
        # A meeting's session is kept in step with its fields by ``sync_meeting_session`` and
        # holds registrations: revisions must not carry it, or publishing an old revision
        # would overwrite (or try to delete) the live session.
        data = super().serializable_data()
        data.pop("sessions", None)
        return data

    def check_registration(self, user) -> None:
        """Called by the registration engine: only active members of the community (or its
        coordinators) register for its meetings."""
        from communities.services import takes_part_in_community

        if not takes_part_in_community(user, self.community):
            raise NotInCommunity()

    def online_link_visible_to(self, user) -> bool:
        """Asked by ``members.permissions.can_see_online_link``: the video link is for the
        people who may register (members and coordinators of the community)."""
        from communities.services import takes_part_in_community

        return takes_part_in_community(user, self.community)

    def siblings_in_community(self):
        return MeetingPage.objects.live().filter(community_id=self.community_id)

    def previous_meeting(self):
        return self.siblings_in_community().filter(start__lt=self.start).order_by("-start").first()

    def next_meeting(self):
        return self.siblings_in_community().filter(start__gt=self.start).order_by("start").first()

    def get_context(self, request, *args, **kwargs):
        from communities import meeting_views

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_views.meeting_context(request, self))
        return context

    @path("presenze/", name="attendance")
    def attendance_route(self, request):
        from communities import meeting_views

        return meeting_views.attendance(request, self)

    @path("verbale/", name="minutes")
    def minutes_route(self, request):
        from communities import meeting_views

        return meeting_views.minutes_edit(request, self)
