"""The day-by-day programme of an exchange: day -> morning / afternoon -> activities."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ActivityBlock(blocks.StructBlock):
    """One item of the programme: what happens, where, who speaks."""

    time = blocks.CharBlock(
        label=_("time"), required=False, max_length=40, help_text=_("E.g. 9:30-11:00.")
    )
    title = blocks.CharBlock(label=_("activity"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    place = blocks.CharBlock(
        label=_("place visited"), required=False, max_length=200, help_text=_("E.g. Casa Bufalini.")
    )
    speakers = blocks.CharBlock(
        label=_("who speaks"),
        required=False,
        max_length=300,
        help_text=_("Names and roles, e.g. the councillor for participation."),
    )

    class Meta:
        icon = "time"
        label = _("activity")
        template = "exchange/blocks/activity.html"


class DayBlock(blocks.StructBlock):
    """A day of the visit with its morning and afternoon."""

    title = blocks.CharBlock(label=_("day"), max_length=120, help_text=_("E.g. Day 1 - Thursday."))
    morning = blocks.ListBlock(ActivityBlock(), label=_("morning"), required=False)
    afternoon = blocks.ListBlock(ActivityBlock(), label=_("afternoon"), required=False)

    class Meta:
        icon = "date"
        label = _("day")
        template = "exchange/blocks/day.html"


class ProgrammeBlock(blocks.StreamBlock):
    day = DayBlock()

    class Meta:
        block_counts = {"day": {"max_num": 10}}
