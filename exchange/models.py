"""Exchange offers: study visits that a host municipality proposes to other bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.models import RICH_TEXT_FEATURES, SectionIndexPage
from events.forms import SessionsPageFormMixin
from events.models import RegistrationPolicy
from exchange.blocks import ProgrammeBlock
from members.admin_forms import OwnedPageForm
from members.models import OwnedByOrganisation
from practices.services import record_adoption


class ExchangeIndexPage(SectionIndexPage):
    """The list of exchange offers ("Scambi")."""

    empty_message = _(
        "No exchange is open right now. Host municipalities publish their study visits here."
    )
    subpage_types = ["exchange.ExchangeOfferPage"]

    class Meta:
        verbose_name = _("exchange index page")

    def get_items(self, request):
        return (
            ExchangeOfferPage.objects.child_of(self)
            .live()
            .public()
            .select_related("organisation")
            .order_by("-first_published_at")
        )


class ExchangeOfferPageForm(SessionsPageFormMixin, OwnedPageForm):
    pass


class ExchangeOfferPage(OwnedByOrganisation, RegistrationPolicy, Page):
    """A study visit proposed by a host organisation: programme, dates (sessions) and seats.

    Officials of other bodies register for one of its sessions; the engine in
    ``events.services`` reads the registration policy (dates mode, approval, cap) from here.
    """

    host_office = models.CharField(
        _("host office"),
        max_length=200,
        blank=True,
        help_text=_(
            "The office that runs the visit, e.g. Participation and shared administration."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown in lists and search results."),
    )
    description = RichTextField(
        _("description"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the visit shows and why it is worth the journey."),
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchange_offers",
        verbose_name=_("practice presented"),
        help_text=_(
            "The good-practice sheet the visit shows. Attendees who say their organisation "
            'adopted it appear in its "adopted by" list.'
        ),
    )
    themes = ParentalManyToManyField(
        "practices.Theme",
        blank=True,
        related_name="exchange_offers",
        verbose_name=_("themes"),
        help_text=_("The themes of shared administration the exchange is about."),
    )
    programme = StreamField(
        ProgrammeBlock(),
        blank=True,
        verbose_name=_("programme"),
        help_text=_("Day by day: morning and afternoon activities, places visited, speakers."),
    )
    target_profiles = RichTextField(
        _("who it is for"),
        features=["bold", "italic", "ul", "link"],
        blank=True,
        help_text=_("The profiles that benefit most, e.g. officials of participation offices."),
    )
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"), default=1, help_text=_("How many days the visit lasts.")
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Town and main venue of the visit.")
    )
    partners = models.TextField(
        _("partners"),
        blank=True,
        help_text=_("Bodies taking part in the visit, e.g. associations and foundations."),
    )
    follow_up = RichTextField(
        _("follow-up"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What happens after the visit, e.g. a conference where results are presented."),
    )

    content_panels = Page.content_panels + [
        *OwnedByOrganisation.owner_panels,
        FieldPanel("host_office"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("practice"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("duration_days"),
                FieldPanel("place"),
                FieldPanel("target_profiles"),
                FieldPanel("partners"),
            ],
            heading=_("Practical details"),
        ),
        FieldPanel("programme"),
        FieldPanel("follow_up"),
        *RegistrationPolicy.policy_panels,
        InlinePanel("sessions", heading=_("Sessions"), label=_("session"), min_num=0),
        InlinePanel(
            "registration_questions",
            heading=_("Registration questions and consents"),
            label=_("question"),
            min_num=0,
        ),
    ]

    base_form_class = ExchangeOfferPageForm
    parent_page_types = ["exchange.ExchangeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("exchange offer")
        verbose_name_plural = _("exchange offers")

    def record_adoption(self, registration) -> None:
        """Called by ``events.services.answer_followup`` when an attendee answers yes.

        The organisation is added to the "adopted by" list of the practice the offer presents;
        the answer also stays on the registration (``Registration.followup_answer``).
        """
        practice = self.practice
        if practice is None or registration.organisation is None:
            return
        record_adoption(
            practice,
            registration.organisation,
            year=registration.followup_answered_at.year,
            note=self.title,
            reported_by=registration.user,
        )

    def get_context(self, request, *args, **kwargs):
        from events.views import session_states_for

        context = super().get_context(request, *args, **kwargs)
        context["session_states"] = session_states_for(self, request.user)
        context["themes"] = list(self.themes.all())
        return context
