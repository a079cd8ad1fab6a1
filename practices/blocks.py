"""StreamField blocks of a good-practice sheet: text, key figures, quotes, media, phases."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.models import RICH_TEXT_FEATURES


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text sanitised with nh3 when stored, whatever wrote it."""

    def get_prep_value(self, value):
        from practices.sanitize import clean_rich_text

        return clean_rich_text(super().get_prep_value(value))


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("number"),
        max_length=30,
        help_text=_('The figure as it should read, e.g. "52.400".'),
    )
    label = blocks.CharBlock(
        label=_("label"), max_length=120, help_text=_('What it counts, e.g. "presences in 2024".')
    )

    class Meta:
        icon = "pick"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of big numbers with their labels, e.g. "52.400 presences", "300 events"."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "practices/blocks/key_figures.html"

    def clean(self, value):
        value = super().clean(value)
        labels = [figure["label"].strip().lower() for figure in value["figures"]]
        if len(labels) != len(set(labels)):
            raise StructBlockValidationError(
                block_errors={
                    "figures": ValidationError(_("Two figures have the same label: merge them."))
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    """Words of a person involved, with who said them."""

    text = blocks.TextBlock(label=_("quote"), max_length=1000)
    author = blocks.CharBlock(label=_("author"), required=False, max_length=120)
    role = blocks.CharBlock(
        label=_("role"),
        required=False,
        max_length=200,
        help_text=_('e.g. "Head of the participation service, Comune di Cesena".'),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "practices/blocks/quote.html"

    def clean(self, value):
        value = super().clean(value)
        if value["role"] and not value["author"]:
            raise StructBlockValidationError(
                block_errors={
                    "author": ValidationError(_("Give the author of a quote with a role."))
                }
            )
        return value


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty only if "
            "the image is purely decorative and the caption says it all."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "practices/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["alt_text"] and not value["caption"]:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image in the alternative text or in the caption.")
                    )
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "practices/blocks/document.html"


class PhaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("phase"), max_length=200)
    start_year = blocks.IntegerBlock(
        label=_("from year"), required=False, min_value=1990, max_value=2100
    )
    end_year = blocks.IntegerBlock(
        label=_("to year"), required=False, min_value=1990, max_value=2100
    )
    description = SafeRichTextBlock(
        label=_("description"), features=RICH_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "date"
        label = _("Phase")

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_year"), value.get("end_year")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={
                    "end_year": ValidationError(_("A phase cannot end before it starts."))
                }
            )
        return value


class ProgrammeBlock(blocks.StructBlock):
    """The programme of a practice as ordered phases (listening, design, agreement, evaluation)."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    phases = blocks.ListBlock(PhaseBlock(), label=_("phases"), min_num=1, max_num=20)

    class Meta:
        icon = "list-ol"
        label = _("Programme of phases")
        template = "practices/blocks/programme.html"


class PracticeBodyBlock(blocks.StreamBlock):
    text = SafeRichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="practices/blocks/text.html",
    )
    key_figures = KeyFiguresBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    programme = ProgrammeBlock()


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "practices/blocks/link.html"
