"""Images too large in pixels are refused with a message in Italian that says what to do."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image


def png(width: int, height: int, name: str = "logo.png") -> SimpleUploadedFile:
    """A real PNG; one bit per pixel, so even 11000 x 11000 weighs a few kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_an_11000_pixel_square_logo_is_refused(member):
    from members.forms import OrganisationProfileForm
    from tests.factories import OrganisationFactory

    upload = png(11000, 11000)
    assert upload.size < 1024 * 1024  # under the byte limit: only the pixel check catches it
    with translation.override("it"):
        form = OrganisationProfileForm(
            data={"description": "", "website": ""},
            files={"logo": upload},
            instance=OrganisationFactory(),
        )
        assert not form.is_valid()
    message = " ".join(form.errors["logo"])
    assert "11000 × 11000" in message
    assert "4 megapixel" in message
    assert "Riducila" in message


@pytest.mark.django_db
def test_a_normal_logo_is_accepted(member):
    from members.forms import OrganisationProfileForm
    from tests.factories import OrganisationFactory

    form = OrganisationProfileForm(
        data={"description": "", "website": ""},
        files={"logo": png(400, 200)},
        instance=OrganisationFactory(),
    )
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_wagtail_image_upload_over_the_pixel_limit_says_what_to_do(settings, user_factory):
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form
    from wagtail.models import Collection

    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000
    staff = user_factory(is_superuser=True, is_staff=True)
    form_class = get_image_form(get_image_model())
    with translation.override("it"):
        form = form_class(
            data={"title": "Foto del parco", "collection": Collection.get_first_root_node().pk},
            files={"file": png(6000, 5000, "parco.png")},
            user=staff,
        )
        assert not form.is_valid()
        message = " ".join(form.errors["file"])
    assert "25 megapixel" in message
    assert "Riducila" in message


@pytest.mark.django_db
def test_wagtail_image_upload_over_the_size_limit_says_what_to_do(settings, user_factory):
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form
    from wagtail.models import Collection

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    staff = user_factory(is_superuser=True, is_staff=True)
    form_class = get_image_form(get_image_model())
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 100).save(buffer, format="PNG")
    upload = SimpleUploadedFile("rumore.png", buffer.getvalue(), content_type="image/png")
    with translation.override("it"):
        form = form_class(
            data={"title": "Rumore", "collection": Collection.get_first_root_node().pk},
            files={"file": upload},
            user=staff,
        )
        assert not form.is_valid()
        message = " ".join(form.errors["file"])
    assert "il limite è" in message
    assert "caricala di nuovo" in message
