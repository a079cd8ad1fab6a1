"""The two legal pages every Italian public-sector site must have, as structured pages.

* ``AccessibilityStatementPage`` follows the fields of AGID's model statement (Linee guida
  sull'accessibilità degli strumenti informatici, allegato 1): conformity status, content that
  is not accessible and why, how the statement was prepared, the feedback mechanism and its
  contact, the link to the statement filed on AGID's form site, and the enforcement procedure.
* ``PrivacyNoticePage`` lists what GDPR art. 13 asks: controller and DPO (from the site
  settings, so they are written once), each processing with its purpose, data, legal basis and
  retention, the recipients, the rights and how to exercise them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

LEGAL_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class AccessibilityStatementPage(Page):
    """The accessibility statement (dichiarazione di accessibilità), in AGID's model."""

    class Conformity(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        PARTIALLY = "partially", _("Partially compliant")
        NOT_COMPLIANT = "not_compliant", _("Not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("Self-assessment")
        THIRD_PARTY = "third_party", _("Assessment by a third party")

    site_address = models.URLField(
        _("website address"), blank=True, help_text=_("The address the statement covers.")
    )
    conformity_status = models.CharField(
        _("conformity status"),
        max_length=16,
        choices=Conformity.choices,
        default=Conformity.PARTIALLY,
        help_text=_("With respect to the requirements of EN 301 549 (WCAG 2.1 level AA)."),
    )
    non_accessible_content = RichTextField(
        _("non-accessible content"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_(
            "What is not accessible and why: non-compliance, disproportionate burden, or "
            "content outside the scope of the law. Say what the alternatives are."
        ),
    )
    prepared_on = models.DateField(
        _("statement prepared on"), null=True, blank=True, help_text=_("Date of the statement.")
    )
    reviewed_on = models.DateField(
        _("last reviewed on"), null=True, blank=True, help_text=_("Date of the latest review.")
    )
    assessment_method = models.CharField(
        _("assessment method"),
        max_length=16,
        choices=Method.choices,
        default=Method.SELF,
        help_text=_("How conformity was assessed."),
    )
    assessment_notes = RichTextField(
        _("how the statement was prepared"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("Tools and checks used, e.g. automatic axe-core checks and manual tests."),
    )
    feedback = RichTextField(
        _("feedback mechanism"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("How people report an accessibility problem and when they get an answer."),
    )
    feedback_contact = models.EmailField(
        _("feedback contact"),
        blank=True,
        help_text=_("E-mail for accessibility reports; if empty, the site's e-mail is shown."),
    )
    agid_statement_url = models.URLField(
        _("statement filed with AGID"),
        blank=True,
        help_text=_("Link to this statement as published on AGID's form site."),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("What to do if the answer is unsatisfactory: the digital ombudsman at AGID."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("site_address"),
        MultiFieldPanel(
            [FieldPanel("conformity_status"), FieldPanel("non_accessible_content")],
            heading=_("Conformity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_notes"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback"), FieldPanel("feedback_contact")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("agid_statement_url"),
        FieldPanel("enforcement"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")


LEGAL_BASES = [
    ("contract", _("Performance of a service the person asked for (GDPR art. 6.1.b)")),
    ("consent", _("Consent (GDPR art. 6.1.a)")),
    ("legal_obligation", _("Legal obligation (GDPR art. 6.1.c)")),
    ("public_task", _("Task in the public interest (GDPR art. 6.1.e)")),
    ("legitimate_interest", _("Legitimate interest (GDPR art. 6.1.f)")),
]


class ProcessingValue(blocks.StructValue):
    def legal_basis_label(self) -> str:
        return str(dict(LEGAL_BASES).get(self.get("legal_basis"), ""))


class ProcessingBlock(blocks.StructBlock):
    """One processing of personal data: why, which data, on which basis, for how long."""

    purpose = blocks.CharBlock(label=_("purpose"), help_text=_("Why the data are processed."))
    data = blocks.TextBlock(label=_("data"), help_text=_("Which personal data."))
    legal_basis = blocks.ChoiceBlock(
        label=_("legal basis"),
        choices=LEGAL_BASES,
    )
    retention = blocks.TextBlock(
        label=_("retention"), help_text=_("How long the data are kept and what happens then.")
    )

    class Meta:
        icon = "list-ul"
        label = _("processing")
        template = "core/blocks/processing.html"
        value_class = ProcessingValue


class PrivacyNoticePage(Page):
    """The privacy notice (informativa sul trattamento dei dati personali, GDPR art. 13)."""

    intro = RichTextField(_("introduction"), features=LEGAL_FEATURES, blank=True)
    processings = StreamField(
        [("processing", ProcessingBlock())],
        verbose_name=_("processings"),
        blank=True,
        help_text=_("One entry per purpose: the data, the legal basis and the retention."),
    )
    recipients = RichTextField(
        _("recipients"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("Who else receives the data (e.g. hosts of a visit, the hosting provider)."),
    )
    rights = RichTextField(
        _("your rights"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("Access, rectification, erasure, restriction, portability, objection."),
    )
    how_to_exercise = RichTextField(
        _("how to exercise them"),
        features=LEGAL_FEATURES,
        blank=True,
        help_text=_("Where to download or delete one's data, whom to write, the Garante."),
    )
    updated_on = models.DateField(_("last updated on"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("processings"),
        FieldPanel("recipients"),
        FieldPanel("rights"),
        FieldPanel("how_to_exercise"),
        FieldPanel("updated_on"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy notice")
