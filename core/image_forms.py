"""Wagtail's image form with messages that say what to do (WAGTAILIMAGES_IMAGE_FORM_BASE).

Kept apart from core/images.py, which models import: this one imports Wagtail's forms.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm

from core.images import megapixels


class SiteImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        # Wagtail fills in its own placeholders later (%(file_size)s, %(max_filesize)s); the
        # pixel message has none left, so its numbers are the ones people can act on.
        field.error_messages["file_too_many_pixels"] = _(
            "This image has too many pixels: the limit is %(limit)s megapixels (for example "
            "6000 × 4000). Reduce it with an image editor and upload it again."
        ) % {"limit": megapixels(max_pixels)}
        field.error_messages["file_too_large"] = _(
            "This file is too big (%(file_size)s): the limit is %(max_filesize)s. Save the image "
            "smaller (for example as a JPEG 2000 pixels wide) and upload it again."
        )
        field.error_messages["file_too_large_unknown_size"] = _(
            "This file is too big: the limit is %(max_filesize)s. Save the image smaller and "
            "upload it again."
        ) % {"max_filesize": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)}
