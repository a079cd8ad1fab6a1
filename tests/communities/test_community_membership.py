import pytest

from communities.models import CommunityMembership
from communities.services import (
    CommunityDenied,
    approve_community_member,
    join_community,
    leave_community,
)
from tests.communities.factories import make_community
from tests.factories import UserFactory


def test_joining_an_open_community_is_immediate(community, outsider):
    membership = join_community(outsider, community)
    assert membership.status == CommunityMembership.Status.ACTIVE
    assert join_community(outsider, community).pk == membership.pk


def test_by_request_community_waits_for_a_coordinator(site_tree):
    community = make_community("Rete Sud", mode="by_request")
    coordinator = UserFactory()
    from communities.services import make_coordinator

    make_coordinator(community, coordinator)
    person = UserFactory()
    membership = join_community(person, community)
    assert membership.status == CommunityMembership.Status.PENDING
    with pytest.raises(CommunityDenied):
        approve_community_member(membership, actor=person)
    approve_community_member(membership, actor=coordinator)
    membership.refresh_from_db()
    assert membership.status == CommunityMembership.Status.ACTIVE
    assert membership.decided_by == coordinator
    with pytest.raises(CommunityDenied) as error:
        approve_community_member(membership, actor=coordinator)
    assert error.value.status == 409


def test_leave_and_join_again(community, member):
    leave_community(member, community)
    assert CommunityMembership.objects.get(user=member).status == "left"
    assert join_community(member, community).status == "active"


def test_the_last_coordinator_cannot_leave(community, coordinator):
    with pytest.raises(CommunityDenied) as error:
        leave_community(coordinator, community)
    assert error.value.status == 409
    assert CommunityMembership.objects.get(user=coordinator).is_coordinator


def test_coordinator_names_another_coordinator_and_steps_down(community, coordinator, member):
    from communities.services import set_community_role

    target = CommunityMembership.objects.get(user=member)
    with pytest.raises(CommunityDenied):
        set_community_role(target, "coordinator", actor=member)
    set_community_role(target, "coordinator", actor=coordinator)
    mine = CommunityMembership.objects.get(user=coordinator)
    set_community_role(mine, "member", actor=member)
    assert not CommunityMembership.objects.get(user=coordinator).is_coordinator
    with pytest.raises(CommunityDenied) as error:
        set_community_role(target, "member", actor=member)  # the last one stays
    assert error.value.status == 409


def test_role_view_permissions(client, community, coordinator, member, outsider):
    target = CommunityMembership.objects.get(user=member)
    path = community.url + f"membri/{target.pk}/ruolo/"
    assert client.post(path, {"role": "coordinator"}).status_code == 302  # to login
    client.force_login(member)
    assert client.post(path, {"role": "coordinator"}).status_code == 403
    client.force_login(coordinator)
    assert client.post(path, {"role": "boss"}).status_code == 400
    assert client.post(path, {"role": "coordinator"}).status_code == 302
    target.refresh_from_db()
    assert target.is_coordinator
