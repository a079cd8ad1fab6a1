"""Use cases of communities and their discussions: join, leave, approve, write, moderate, follow.

Every rule is checked here, so views, commands and tests share it. A refused action raises
``CommunityDenied`` with a message for the person; nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import (
    CommunityMembership,
    CommunityPage,
)
from core.errors import ServiceError
from members.models import User
from members.permissions import can_view_page, is_platform_staff


class CommunityDenied(ServiceError):
    """An action the person may not take in a community; ``message`` says why."""

    status_code = 403


# -- Reading rights ------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """What one person may do in one community (computed once per request)."""

    membership: CommunityMembership | None
    is_staff: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.is_active

    @property
    def is_pending(self) -> bool:
        return (
            self.membership is not None
            and self.membership.status == CommunityMembership.Status.PENDING
        )

    @property
    def is_coordinator(self) -> bool:
        return self.is_staff or (self.membership is not None and self.membership.is_coordinator)

    @property
    def takes_part(self) -> bool:
        """Members and coordinators take part: they register for the community's meetings and
        see their video links."""
        return self.is_member or self.is_coordinator


def access_for(user, community: CommunityPage) -> Access:
    if not user.is_authenticated:
        return Access(None, False)
    membership = CommunityMembership.objects.filter(community=community, user=user).first()
    return Access(membership, is_platform_staff(user))


def can_read_discussions(access: Access, community: CommunityPage) -> bool:
    if community.discussion_visibility == CommunityPage.Visibility.PUBLIC:
        return True
    return access.is_member or access.is_coordinator


def can_view_discussions(user, community: CommunityPage, request=None) -> bool:
    """May this person read the discussions of ``community``? The page must be visible to them
    (``members.permissions.can_view_page``), and members-only discussions are for members,
    coordinators and staff. Search and the community's views both ask this."""
    if not can_view_page(user, community, request):
        return False
    return can_read_discussions(access_for(user, community), community)


def takes_part_in_community(user, community: CommunityPage) -> bool:
    """The one rule the meeting page, its button and its calendar use (``Access.takes_part``)."""
    return access_for(user, community).takes_part


def check_can_read(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not can_read_discussions(access, community):
        if not user.is_authenticated:
            raise CommunityDenied(
                _(
                    "The discussions of this community are reserved to its members. "
                    "Sign in and join the community to read them."
                )
            )
        raise CommunityDenied(
            _("The discussions of this community are reserved to its members. Join it first.")
        )
    return access


def check_can_post(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not (access.is_member or access.is_coordinator):
        raise CommunityDenied(_("Only members of the community can write in its discussions."))
    return access


def check_coordinator(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not access.is_coordinator:
        raise CommunityDenied(_("Only the coordinators of the community can do this."))
    return access


# -- Membership ----------------------------------------------------------------------------


@transaction.atomic
def join_community(user: User, community: CommunityPage) -> CommunityMembership:
    """Join at once (open community) or ask to join (by request). Joining twice is harmless."""
    membership, created = CommunityMembership.objects.select_for_update().get_or_create(
        community=community, user=user
    )
    if not created and membership.status in (
        CommunityMembership.Status.ACTIVE,
        CommunityMembership.Status.PENDING,
    ):
        return membership
    if community.membership_mode == CommunityPage.MembershipMode.OPEN:
        membership.status = CommunityMembership.Status.ACTIVE
        membership.decided_at = timezone.now()
    else:
        membership.status = CommunityMembership.Status.PENDING
        membership.decided_at = None
    membership.decided_by = None
    membership.save()
    return membership


@transaction.atomic
def leave_community(user: User, community: CommunityPage) -> CommunityMembership | None:
    """Leave (or withdraw a request). The last coordinator cannot leave a community alone."""
    membership = (
        CommunityMembership.objects.select_for_update()
        .filter(community=community, user=user)
        .first()
    )
    if membership is None or membership.status not in (
        CommunityMembership.Status.ACTIVE,
        CommunityMembership.Status.PENDING,
    ):
        return membership
    if membership.is_coordinator:
        others = (
            CommunityMembership.objects.filter(
                community=community,
                role=CommunityMembership.Role.COORDINATOR,
                status=CommunityMembership.Status.ACTIVE,
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if not others:
            raise CommunityDenied(
                _("You are the only coordinator: name another coordinator before leaving."),
                status=409,
            )
    membership.status = CommunityMembership.Status.LEFT
    membership.role = CommunityMembership.Role.MEMBER
    membership.save(update_fields=["status", "role"])
    return membership


@transaction.atomic
def approve_community_member(
    membership: CommunityMembership, approve: bool = True, *, actor: User
) -> CommunityMembership:
    """A coordinator accepts (or declines) a pending request to join."""
    check_coordinator(actor, membership.community)
    membership = CommunityMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != CommunityMembership.Status.PENDING:
        raise CommunityDenied(_("This request has already been decided."), status=409)
    membership.status = (
        CommunityMembership.Status.ACTIVE if approve else CommunityMembership.Status.DECLINED
    )
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    return membership


@transaction.atomic
def set_community_role(
    membership: CommunityMembership, role: str, *, actor: User
) -> CommunityMembership:
    """A coordinator (or platform staff) names another active member coordinator, or makes a
    coordinator a plain member again; a community always keeps at least one coordinator."""
    check_coordinator(actor, membership.community)
    if role not in CommunityMembership.Role.values:
        raise CommunityDenied(_("Unknown role."), status=400)
    membership = CommunityMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != CommunityMembership.Status.ACTIVE:
        raise CommunityDenied(_("Only active members can be given a role."), status=409)
    if role == CommunityMembership.Role.MEMBER and membership.is_coordinator:
        others = (
            CommunityMembership.objects.filter(
                community_id=membership.community_id,
                role=CommunityMembership.Role.COORDINATOR,
                status=CommunityMembership.Status.ACTIVE,
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if not others:
            raise CommunityDenied(_("A community needs at least one coordinator."), status=409)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def make_coordinator(community: CommunityPage, user: User) -> CommunityMembership:
    """Platform staff (admin, demo, tests) names a coordinator: an active member with the role."""
    membership, _created = CommunityMembership.objects.update_or_create(
        community=community,
        user=user,
        defaults={
            "status": CommunityMembership.Status.ACTIVE,
            "role": CommunityMembership.Role.COORDINATOR,
            "decided_at": timezone.now(),
        },
    )
    return membership
