"""The single editorial rule: staff edit anything; confirmed editors and admins edit their own
organisation's content; nobody else does."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members.models import Membership
from members.permissions import can_edit_owned_page, can_manage_members, is_platform_staff
from tests.factories import UserFactory
from tests.members.conftest import make_member


@pytest.mark.parametrize(
    ("role", "status", "own", "other", "manage"),
    [
        ("member", "confirmed", False, False, False),
        ("editor", "confirmed", True, False, False),
        ("admin", "confirmed", True, False, True),
        ("editor", "pending", False, False, False),
        ("admin", "rejected", False, False, False),
        ("editor", "ended", False, False, False),
    ],
)
def test_role_and_status_decide(cesena, monza, role, status, own, other, manage):
    user = make_member(cesena, role=role, status=status)
    assert can_edit_owned_page(user, cesena) is own
    assert can_edit_owned_page(user, cesena.pk) is own
    assert can_edit_owned_page(user, monza) is other
    assert can_manage_members(user, cesena) is manage
    assert can_manage_members(user, monza) is False


def test_staff_edit_everything_and_anonymous_nothing(cesena, staff, db):
    assert is_platform_staff(staff)
    assert can_edit_owned_page(staff, cesena)
    assert can_manage_members(staff, cesena)
    superuser = UserFactory(is_superuser=True)
    assert can_edit_owned_page(superuser, cesena)
    anonymous = AnonymousUser()
    assert not can_edit_owned_page(anonymous, cesena)
    assert not can_manage_members(anonymous, cesena)
    assert not can_edit_owned_page(UserFactory(), None)


def test_inactive_editors_lose_their_rights(cesena):
    user = make_member(cesena, role=Membership.Role.EDITOR)
    user.is_active = False
    assert not can_edit_owned_page(user, cesena)
