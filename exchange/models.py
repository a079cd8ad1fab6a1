"""Exchange offers: study visits that a host municipality proposes to other bodies."""

from django.utils.translation import gettext_lazy as _

from core.models import SectionIndexPage


class ExchangeIndexPage(SectionIndexPage):
    """The list of exchange offers ("Scambi")."""

    empty_message = _(
        "No exchange is open right now. Host municipalities publish their study visits here."
    )

    class Meta:
        verbose_name = _("exchange index page")
