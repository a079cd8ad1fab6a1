"""Use cases about people and organisations. Views, admin hooks, commands and tests call these."""

from members.models import Membership, Organisation, User


def confirmed_membership(user: User) -> Membership | None:
    """The person's confirmed membership, if any."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, status=Membership.Status.CONFIRMED)
        .first()
    )


def organisation_of(user: User) -> Organisation | None:
    """The organisation a person officially belongs to (confirmed membership), if any."""
    membership = confirmed_membership(user)
    return membership.organisation if membership else None
