from django.apps import AppConfig


class OwnedPagesConfig(AppConfig):
    """Test-only app: a minimal page owned by an organisation, so the editorial permissions
    are exercised even before (and alongside) the real owned page types of the other apps."""

    name = "tests.ownedpages"
    label = "ownedpages"
    default_auto_field = "django.db.models.BigAutoField"
