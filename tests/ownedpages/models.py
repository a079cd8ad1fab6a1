from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from members.models import OwnedByOrganisation


class OwnedTestPage(OwnedByOrganisation, Page):
    """Test-only page owned by an organisation (installed by the test settings only)."""

    body = models.TextField("body", blank=True, help_text="Some text.")

    content_panels = Page.content_panels + OwnedByOrganisation.owner_panels + [FieldPanel("body")]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    template = "core/standard_page.html"
