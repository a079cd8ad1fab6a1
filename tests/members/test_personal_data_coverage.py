"""Personal data complete by construction: every relation of any model to the user model is
covered by a part of the privacy registry, which exports it and erases it (anonymiser, or the
row goes or loses the link with the account, or what stays is said on the privacy page).

A new model that points at a person fails here until its app registers it."""

import pytest
from django.db import models
from wagtail.models import Comment, PageSubscription
from wagtail.users.models import UserProfile

from members.models import Membership, User
from members.privacy import (
    coverage,
    delete_account,
    export_personal_data,
    kept_after_erasure,
    registered,
    user_relations,
)
from practices.models import Adoption
from tests.factories import OrganisationFactory, UserFactory
from tests.members.factories import MembershipFactory
from tests.practices.factories import DocumentFactory, make_practice

# Relations whose app registers its part elsewhere, still without ``covers=``: remove an entry
# as soon as that registration names what it covers (the test below fails when it does).
AWAITING_COVERS: dict[str, str] = {}


def _awaiting(label: str) -> bool:
    return any(label.startswith(prefix) for prefix in AWAITING_COVERS)


def test_every_relation_to_a_person_is_covered_by_the_registry():
    covered = coverage()
    uncovered = sorted(
        label for label in user_relations() if label not in covered and not _awaiting(label)
    )
    assert uncovered == [], (
        "These relations to the user model are in no part of the privacy registry: register "
        "them with register_personal_data(..., covers=[...]) in their app's ready()."
    )


def test_awaiting_relations_are_still_awaiting():
    """Once their registration covers them, the allowance above must go."""
    covered = coverage()
    assert (
        sorted(label for label in user_relations() if _awaiting(label) and label in covered) == []
    )


def test_every_covered_label_is_a_real_relation():
    assert sorted(set(coverage()) - set(user_relations())) == []


def test_every_covered_relation_is_erased_or_its_keeping_explained():
    covered = coverage()
    unerased = []
    for label, field in user_relations().items():
        part = covered.get(label)
        if part is None:
            continue
        on_delete = getattr(field.remote_field, "on_delete", None)
        erased = (
            field.many_to_many
            or part.anonymiser is not None
            or on_delete in (models.CASCADE, models.SET_NULL)
        )
        if not erased and not part.kept:
            unerased.append(label)
    assert unerased == []


def test_every_part_exports_something_with_a_name():
    names = [part.name for part in registered()]
    assert len(names) == len(set(names))
    assert {"account", "memberships", "email_addresses", "adoptions_reported"} <= set(names)


@pytest.fixture
def busy_editor(site_tree):
    """An editor with something in every part this app and practices register."""
    organisation = OrganisationFactory(name="Comune di Cesena")
    person = UserFactory(full_name="Giulia Fabbri", email="giulia.fabbri@comune.example.it")
    MembershipFactory(user=person, organisation=organisation, role=Membership.Role.ADMIN)
    decided = MembershipFactory(organisation=organisation, decided_by=person)
    practice = make_practice(title="Orti condivisi", organisation=organisation, owner=person)
    practice.save_revision(user=person).publish(user=person, skip_permission_checks=True)
    Comment.objects.create(page=practice, user=person, text="Da rivedere", contentpath="title")
    PageSubscription.objects.create(page=practice, user=person, comment_notifications=True)
    document = DocumentFactory(title="Patto firmato", uploaded_by_user=person)
    adoption = Adoption.objects.create(
        practice=practice, organisation=OrganisationFactory(), year=2026, reported_by=person
    )
    UserProfile.get_for_user(person)
    return {
        "person": person,
        "decided": decided,
        "practice": practice,
        "document": document,
        "adoption": adoption,
    }


def test_the_export_has_every_registered_part(busy_editor):
    data = export_personal_data(busy_editor["person"])
    assert set(data) == {"exported_at", *(part.name for part in registered())}
    assert data["memberships"][0]["organisation"] == "Comune di Cesena"
    assert data["membership_decisions"][0]["organisation__name"]
    assert data["adoptions_reported"][0]["practice"] == "Orti condivisi"
    assert data["uploads"]["documents"][0]["title"] == "Patto firmato"
    editorial = data["editorial_work"]
    assert editorial["pages_created"][0]["title"] == "Orti condivisi"
    assert editorial["revisions_saved"] >= 1
    assert editorial["comments"][0]["text"] == "Da rivedere"
    assert any(entry["action"] == "wagtail.publish" for entry in editorial["log"])
    assert data["admin_preferences"]["preferred_language"] is not None


def test_erasure_leaves_no_row_pointing_at_the_person(busy_editor):
    person = busy_editor["person"]
    pk = person.pk
    delete_account(person)
    assert not User.objects.filter(pk=pk).exists()

    still_pointing = []
    for label, field in user_relations().items():
        if field.many_to_many:
            continue
        if field.model._base_manager.filter(**{field.attname: pk}).exists():
            still_pointing.append(label)
    # Only Wagtail's editorial log keeps the number of the deleted account (it shows "deleted
    # user" with it); the privacy page says so.
    assert still_pointing == ["wagtailcore.PageLogEntry.user"]
    assert any(name == "editorial_work" for name, _why in kept_after_erasure())

    # What stays, stays without her.
    busy_editor["decided"].refresh_from_db()
    assert busy_editor["decided"].decided_by is None
    busy_editor["adoption"].refresh_from_db()
    assert busy_editor["adoption"].reported_by is None
    busy_editor["document"].refresh_from_db()
    assert busy_editor["document"].uploaded_by_user is None
    busy_editor["practice"].refresh_from_db()
    assert busy_editor["practice"].owner is None and busy_editor["practice"].live
