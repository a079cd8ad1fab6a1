"""Organisation validation: ISTAT codes and logos."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Organisation


def _png(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "code", "valid"),
    [
        ("municipality", "040007", True),
        ("municipality", "40007", False),
        ("municipality", "04000A", False),
        ("region", "08", True),
        ("region", "008", False),
        ("metropolitan_city", "201", True),
        ("third_sector", "123456", False),
        ("third_sector", "", True),
    ],
)
def test_istat_code_must_fit_the_kind(db, kind, code, valid):
    organisation = Organisation(kind=kind, name="Ente", slug="ente", istat_code=code)
    if valid:
        organisation.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        assert "istat_code" in error.value.message_dict


def test_logo_must_be_a_small_image(db):
    organisation = Organisation(kind="other", name="Ente", slug="ente")
    organisation.logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    organisation.full_clean(exclude=["logo"])
    field = Organisation._meta.get_field("logo")
    field.run_validators(organisation.logo)
    with pytest.raises(ValidationError):
        field.run_validators(SimpleUploadedFile("logo.exe", b"MZ", content_type="image/png"))
    with pytest.raises(ValidationError):
        field.run_validators(
            SimpleUploadedFile("big.png", b"0" * (1024 * 1024 + 1), content_type="image/png")
        )


def test_a_non_image_with_an_image_name_is_refused_by_the_form(db):
    from django import forms

    class LogoForm(forms.ModelForm):
        class Meta:
            model = Organisation
            fields = ["logo"]

    form = LogoForm(
        data={},
        files={"logo": SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")},
    )
    assert not form.is_valid()
    assert "logo" in form.errors
