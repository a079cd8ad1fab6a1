"""The practices app's part of the personal-data registry (``members.privacy``): the adoptions
a person reported. Registered in ``practices.apps.PracticesConfig.ready``."""

from django.utils.translation import gettext_lazy as _

from members.models import User
from members.privacy import register_personal_data
from practices.models import Adoption


def export_adoptions(user: User) -> list[dict]:
    return [
        {
            "practice": adoption.practice.title,
            "organisation": adoption.organisation.name,
            "year": adoption.year,
            "note": adoption.note,
            "source": adoption.source,
            "recorded_at": adoption.created_at,
        }
        for adoption in Adoption.objects.filter(reported_by=user)
        .select_related("practice", "organisation")
        .order_by("created_at", "pk")
    ]


def anonymise_adoptions(user: User) -> None:
    # The adoption is her organisation's, not hers: it stays on the sheet without her.
    Adoption.objects.filter(reported_by=user).update(reported_by=None)


def register() -> None:
    register_personal_data(
        "adoptions_reported",
        export_adoptions,
        anonymise_adoptions,
        covers=["practices.Adoption.reported_by"],
        kept=_(
            "Adoptions you reported stay on the practice sheets, as your organisation's, "
            "without your name."
        ),
    )
