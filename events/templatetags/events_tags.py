"""Template tags of the registration pages."""

from django import template

from events import registry
from events.services import managed_organisation_ids

register = template.Library()


@register.filter
def manages_sessions(user) -> bool:
    """Whether the header offers "Gestione": anyone who manages a session. Platform staff, an
    editor or admin of an organisation (its sessions' registrations), or a person a client app
    names as a session manager (``events.registry``: e.g. a community's coordinators). Cached
    on the user for the request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_manages_sessions", None)
    if cached is None:
        cached = managed_organisation_ids(user) != [] or bool(registry.extra_managed_page_ids(user))
        user._manages_sessions = cached
    return cached
