"""Use cases about people and organisations. Views, admin hooks, commands and tests call these."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ServiceError
from core.tasks import enqueue_on_commit, send_email
from members.models import Membership, Organisation, User
from members.permissions import (
    EDITING_ROLES,
    EDITORS_GROUP,
    MODERATORS_GROUP,
    can_manage_members,
    is_platform_staff,
)


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


def active_membership(user: User) -> Membership | None:
    """The person's pending or confirmed membership, if any."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, status__in=Membership.ACTIVE_STATUSES)
        .first()
    )


def email_is_verified(user: User) -> bool:
    """Has the person verified the address she logs in with? (allauth records it.)"""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def with_email_verified(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    """``memberships`` with ``email_verified`` on each row, in the same query."""
    return memberships.annotate(
        email_verified=Exists(
            EmailAddress.objects.filter(
                user=OuterRef("user"), email__iexact=OuterRef("user__email"), verified=True
            )
        )
    )


# --- Errors -------------------------------------------------------------------------------------


class MembershipError(ServiceError):
    """A membership rule refused the request (the use cases' one convention,
    ``core.errors``): ``message`` is shown to the person in her language, ``status_code`` is
    the answer of a view that is not a form."""

    default_message = gettext_lazy("The membership could not be changed.")


class ConcurrentMembershipRequest(MembershipError):
    """Two requests of the same person arrived at once and the other one won."""

    status_code = 409
    default_message = gettext_lazy(
        "Another request of yours arrived at the same moment and was recorded: reload your "
        "profile to see which organisation it is for."
    )


class EmailNotVerified(MembershipError):
    status_code = 409
    default_message = gettext_lazy(
        "This person has not verified her e-mail address yet: the request can be confirmed "
        "once she has."
    )


# --- Fetch-and-check -------------------------------------------------------------------------


def get_managed_organisation(user: User, slug: str) -> Organisation:
    """The organisation whose members ``user`` manages: 404 if unknown, 403 if not hers."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_members(user, organisation):
        raise PermissionDenied
    return organisation


def get_membership_to_manage(user: User, organisation: Organisation, pk: int) -> Membership:
    """A membership of ``organisation`` (404 if it belongs to another one)."""
    try:
        return Membership.objects.select_related("user", "organisation").get(
            pk=pk, organisation=organisation
        )
    except Membership.DoesNotExist as error:
        raise Http404 from error


# --- Groups that carry the Wagtail permissions ------------------------------------------------


def sync_editor_group(user: User) -> None:
    """Confirmed editors and admins are in the "Editors" group (admin access, add and change
    on the section pages); everyone else is taken out of it."""
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    is_editor = Membership.objects.filter(
        user=user, status=Membership.Status.CONFIRMED, role__in=EDITING_ROLES
    ).exists()
    if is_editor:
        user.groups.add(editors)
    else:
        user.groups.remove(editors)
    for attribute in ("_editable_organisation_ids", "_is_platform_staff"):
        user.__dict__.pop(attribute, None)


# --- Membership workflow ----------------------------------------------------------------------


def _notify(recipients: list[User], template: str, context: dict) -> None:
    """One e-mail per recipient, in her preferred language, rendered now and sent by the task
    queue once the change commits (retried with backoff; SMTP never fails the request)."""
    for recipient in recipients:
        with translation.override(recipient.preferred_language or "it"):
            subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
            body = render_to_string(
                f"members/email/{template}.txt", {**context, "recipient": recipient}
            )
        enqueue_on_commit(send_email, subject, body, recipient.email)


def membership_deciders(organisation: Organisation) -> list[User]:
    """Who confirms requests: the organisation's admins, or platform staff if it has none."""
    admins = list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__status=Membership.Status.CONFIRMED,
            memberships__role=Membership.Role.ADMIN,
            is_active=True,
        )
    )
    if admins:
        return admins
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP))
        .distinct()
    )


def _active_membership_for_update(user: User) -> Membership | None:
    return (
        Membership.objects.select_for_update()
        .select_related("organisation")
        .filter(user=user, status__in=Membership.ACTIVE_STATUSES)
        .first()
    )


@transaction.atomic
def request_membership(user: User, organisation: Organisation) -> Membership:
    """Ask to join an organisation. A pending request for another organisation is replaced;
    a confirmed membership must be left first."""
    # The person's row is the lock: on PostgreSQL a second request of hers waits here until
    # the first commits, then sees its membership (a membership row to lock may not exist yet).
    User.objects.select_for_update().filter(pk=user.pk).exists()
    current = _active_membership_for_update(user)
    if current is not None:
        if current.organisation_id == organisation.pk:
            return current
        if current.status == Membership.Status.CONFIRMED:
            raise MembershipError(
                _("You already belong to %(name)s: leave it before joining another organisation.")
                % {"name": current.organisation.name}
            )
        current.status = Membership.Status.ENDED
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "decided_at"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation)
    except IntegrityError as error:
        # The unique constraint caught a race the lock did not (another connection without
        # it, SQLite outside an IMMEDIATE transaction): answer in words, not with a 500.
        winner = _active_membership_for_update(user)
        if winner is not None and winner.organisation_id == organisation.pk:
            return winner
        raise ConcurrentMembershipRequest from error
    # Who decides hears of the request only from a verified address: until then it may be
    # anyone's (the e-mail confirmation sends it, see notify_request_after_verification).
    if email_is_verified(user):
        _notify_deciders(membership)
    return membership


def _notify_deciders(membership: Membership) -> None:
    organisation = membership.organisation
    context = {
        "membership": membership,
        "organisation": organisation,
        "person": membership.user,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }
    _notify(membership_deciders(organisation), "membership_requested", context)


def notify_request_after_verification(email_address: EmailAddress) -> None:
    """The person verified her login address: her pending request now reaches who decides.
    (allauth's ``email_confirmed`` signal; another address of hers changes nothing.)"""
    user = email_address.user
    if email_address.email.lower() != user.email.lower():
        return
    pending = (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user, status=Membership.Status.PENDING)
        .first()
    )
    if pending is not None:
        _notify_deciders(pending)


def _decide(membership: Membership, actor: User, status: str) -> Membership:
    if not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    membership.status = status
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    sync_editor_group(membership.user)
    return membership


@transaction.atomic
def confirm_membership(
    membership: Membership, *, actor: User, role: str | None = None
) -> Membership:
    """An organisation admin (or staff) confirms a pending request, optionally with a role."""
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Only pending requests can be confirmed."))
    if not email_is_verified(membership.user):
        raise EmailNotVerified
    if role is not None:
        membership.role = Membership.Role(role)
        membership.save(update_fields=["role"])
    _decide(membership, actor, Membership.Status.CONFIRMED)
    context = {"membership": membership, "organisation": membership.organisation}
    _notify([membership.user], "membership_confirmed", context)
    return membership


@transaction.atomic
def reject_membership(membership: Membership, *, actor: User) -> Membership:
    """An organisation admin (or staff) turns down a pending request."""
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Only pending requests can be rejected."))
    _decide(membership, actor, Membership.Status.REJECTED)
    context = {"membership": membership, "organisation": membership.organisation}
    _notify([membership.user], "membership_rejected", context)
    return membership


@transaction.atomic
def change_role(membership: Membership, role: str, *, actor: User) -> Membership:
    """Make a confirmed member a member, an editor or an admin. The last admin of an
    organisation cannot demote herself (someone must be able to confirm new members)."""
    if not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    if membership.status != Membership.Status.CONFIRMED:
        raise MembershipError(_("Only confirmed members can have a role."))
    role = Membership.Role(role)
    if (
        membership.role == Membership.Role.ADMIN
        and role != Membership.Role.ADMIN
        and not is_platform_staff(actor)
        and not membership.organisation.memberships.filter(
            status=Membership.Status.CONFIRMED, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(_("An organisation needs at least one admin."))
    membership.role = role
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["role", "decided_by", "decided_at"])
    sync_editor_group(membership.user)
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, actor: User) -> Membership:
    """The person leaves her organisation (or is removed by its admin or by staff)."""
    if actor.pk != membership.user_id and not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    membership.status = Membership.Status.ENDED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    sync_editor_group(membership.user)
    return membership
