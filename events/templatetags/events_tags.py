"""Template tags of the registration pages."""

from django import template

from events.services import managed_organisation_ids

register = template.Library()


@register.filter
def manages_sessions(user) -> bool:
    """Whether the header offers "Gestione": platform staff, or an editor or admin of an
    organisation (its sessions' registrations). Cached on the user for the request."""
    if not user.is_authenticated:
        return False
    return managed_organisation_ids(user) != []
