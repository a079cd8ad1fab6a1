from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members and organisations")

    def ready(self) -> None:
        # The members app's own personal data (account, memberships) in the privacy registry,
        # and the membership request that waits for the e-mail verification.
        from members import privacy_data, signals  # noqa: F401
