"""Limits on uploaded images, with messages that tell an editor what to do.

Wagtail's image library enforces WAGTAILIMAGES_MAX_UPLOAD_SIZE and
WAGTAILIMAGES_MAX_IMAGE_PIXELS; core/image_forms.py keeps those checks and only rewords them.
``validate_image_pixels`` does the same for plain Django image fields (an organisation's logo),
which Django checks only for being an image.
"""

import math
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def validate_image_pixels(file, max_pixels: int) -> None:
    """Refuse an image with more than ``max_pixels`` pixels (width x height), before it is
    stored and served: an 11000 x 11000 PNG can weigh less than a megabyte."""
    if not file:
        return
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow warns past 89 megapixels; the size is what we want, and we refuse it below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except (OSError, ValueError, SyntaxError):
        return  # not an image at all: the image field itself says so
    finally:
        file.seek(position)
    if width is None or width * height > max_pixels:
        raise ValidationError(
            _(
                "This image is too large in pixels%(size)s: the limit is %(limit)s megapixels "
                "(for example %(side)s × %(side)s). Reduce it with an image editor and upload it "
                "again."
            )
            % {
                "size": f" ({width} × {height})" if width else "",
                "limit": megapixels(max_pixels),
                "side": math.isqrt(max_pixels),
            },
            code="too_many_pixels",
        )
