from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    """Communities of administrators: membership, discussions, working-table meetings with
    minutes and attendance. It plugs into the layers below through their registries."""

    name = "communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from communities import digest, registrations

        registrations.register_all(self)
        digest.register()  # new meetings in the weekly digest (members.digests)
