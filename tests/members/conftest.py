import pytest

from members.models import Membership
from tests.factories import OrganisationFactory, UserFactory
from tests.members.factories import MembershipFactory


@pytest.fixture
def cesena(db):
    return OrganisationFactory(
        name="Comune di Cesena", slug="comune-di-cesena", istat_code="040007"
    )


@pytest.fixture
def monza(db):
    return OrganisationFactory(name="Comune di Monza", slug="comune-di-monza", istat_code="108033")


def make_member(organisation, role=Membership.Role.MEMBER, status=Membership.Status.CONFIRMED):
    from members.services import sync_editor_group

    membership = MembershipFactory(organisation=organisation, role=role, status=status)
    sync_editor_group(membership.user)
    return membership.user


@pytest.fixture
def staff(db):
    from members.setup import ensure_editorial_setup

    moderators, _ = ensure_editorial_setup()
    user = UserFactory(email="staff@example.org", is_staff=True)
    user.groups.add(moderators)
    return user
