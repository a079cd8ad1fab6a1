"""Membership workflow: request, confirm (with role), reject, change role, leave; the Editors
group follows the role; e-mails go to who decides and to the person."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from members import services
from members.models import Membership
from members.permissions import EDITORS_GROUP
from tests.factories import OrganisationFactory, UserFactory
from tests.members.conftest import make_member


def _in_editors(user) -> bool:
    return user.groups.filter(name=EDITORS_GROUP).exists()


@pytest.mark.django_db(transaction=True)
def test_request_goes_to_the_admin_who_confirms_as_editor(cesena):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    official = UserFactory(full_name="Anna Verdi")
    membership = services.request_membership(official, cesena)
    assert membership.status == Membership.Status.PENDING
    assert services.organisation_of(official) is None
    assert [m.to for m in mail.outbox] == [[admin.email]]

    services.confirm_membership(membership, actor=admin, role=Membership.Role.EDITOR)
    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        "confirmed",
        "editor",
        admin,
    )
    assert services.organisation_of(official) == cesena
    assert _in_editors(official)
    assert mail.outbox[-1].to == [official.email]

    services.change_role(membership, Membership.Role.MEMBER, actor=admin)
    assert not _in_editors(official)


@pytest.mark.django_db(transaction=True)
def test_without_an_admin_the_request_goes_to_staff(cesena, staff):
    services.request_membership(UserFactory(), cesena)
    assert mail.outbox[0].to == [staff.email]


@pytest.mark.django_db
def test_only_admins_of_the_organisation_or_staff_decide(cesena, monza, staff):
    membership = services.request_membership(UserFactory(), cesena)
    for outsider in (
        UserFactory(),
        make_member(cesena, role=Membership.Role.EDITOR),
        make_member(monza, role=Membership.Role.ADMIN),
    ):
        with pytest.raises(PermissionDenied):
            services.confirm_membership(membership, actor=outsider)
        with pytest.raises(PermissionDenied):
            services.reject_membership(membership, actor=outsider)
    services.reject_membership(membership, actor=staff)
    assert Membership.objects.get(pk=membership.pk).status == "rejected"
    with pytest.raises(services.MembershipError):
        services.confirm_membership(membership, actor=staff)


@pytest.mark.django_db
def test_a_rejected_person_may_ask_again_and_a_pending_request_is_replaced(cesena, monza):
    person = UserFactory()
    first = services.request_membership(person, cesena)
    assert services.request_membership(person, cesena) == first
    second = services.request_membership(person, monza)
    first.refresh_from_db()
    assert first.status == Membership.Status.ENDED
    assert services.active_membership(person) == second


@pytest.mark.django_db
def test_a_confirmed_member_must_leave_before_joining_another(cesena, monza):
    person = make_member(cesena, role=Membership.Role.EDITOR)
    with pytest.raises(services.MembershipError):
        services.request_membership(person, monza)
    services.end_membership(services.confirmed_membership(person), actor=person)
    assert not _in_editors(person)
    assert services.request_membership(person, monza).status == "pending"


@pytest.mark.django_db
def test_the_last_admin_cannot_demote_herself_but_staff_can(cesena, staff):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    membership = services.confirmed_membership(admin)
    with pytest.raises(services.MembershipError):
        services.change_role(membership, Membership.Role.MEMBER, actor=admin)
    services.change_role(membership, Membership.Role.EDITOR, actor=staff)
    membership.refresh_from_db()
    assert membership.role == "editor"


@pytest.mark.django_db
def test_roles_are_validated(cesena, staff):
    membership = services.confirmed_membership(make_member(cesena))
    with pytest.raises(ValueError):
        services.change_role(membership, "boss", actor=staff)


def test_other_organisations_are_independent(db):
    assert OrganisationFactory().pk != OrganisationFactory().pk
