"""Personal data: what a member can download, and what happens when she deletes her account.

Each app registers its part once (in its ``AppConfig.ready``), naming the relations to the user
model it covers, and saying what stays after erasure and why::

    register_personal_data(
        "registrations", export_registrations, anonymise_registrations,
        covers=["events.Registration.user", "events.RegistrationEvent.actor"],
        kept=_("Your registrations stay, without your name, in the hosts' figures."),
    )

``exporter(user) -> JSON-serialisable data`` goes into the download under ``name``;
``anonymiser(user) -> None`` runs inside the deletion's transaction, before the account row is
deleted, and must detach the person from rows that stay (registrations stay counted for the
hosts' statistics, posts stay in their discussion) - typically by setting the user to NULL.
A relation nobody covers fails ``tests/members/test_personal_data_coverage.py``: whoever adds a
model that points at a person must say how it is exported and erased.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from members.models import Membership, User

Exporter = Callable[[User], Any]
Anonymiser = Callable[[User], None]


@dataclass(frozen=True)
class PersonalData:
    name: str
    exporter: Exporter
    anonymiser: Anonymiser | None
    covers: tuple[str, ...] = ()
    kept: str | Promise = ""


_registry: dict[str, PersonalData] = {}


def register_personal_data(
    name: str,
    exporter: Exporter,
    anonymiser: Anonymiser | None = None,
    *,
    covers: Iterable[str] = (),
    kept: str | Promise = "",
) -> None:
    """``covers``: the relations to the user (``"app_label.Model.field"``) this part exports
    and erases; ``kept``: what stays after the erasure and why, for the privacy page."""
    _registry[name] = PersonalData(name, exporter, anonymiser, tuple(covers), kept)


def registered() -> list[PersonalData]:
    return list(_registry.values())


def kept_after_erasure() -> list[tuple[str, str | Promise]]:
    """What stays of a person after she deletes her account, and why (for the privacy page)."""
    return [(item.name, item.kept) for item in _registry.values() if item.kept]


def relation_label(field: models.Field) -> str:
    """``app_label.Model.field`` of the model that declares the field (a page's ``owner`` is
    ``wagtailcore.Page.owner`` whatever the page type)."""
    return f"{field.model._meta.label}.{field.name}"


def user_relations() -> dict[str, models.Field]:
    """Every foreign key, one-to-one and many-to-many to the user model, by label. The user's
    own fields (groups, interests) are the account row itself."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        if model is user_model:
            continue
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation or field.related_model is not user_model:
                continue
            if getattr(field, "concrete", False) or field.many_to_many:
                found[relation_label(field)] = field
    return found


def coverage() -> dict[str, PersonalData]:
    """Which registered part covers each relation label."""
    return {label: item for item in _registry.values() for label in item.covers}


def export_personal_data(user: User) -> dict:
    data = {"exported_at": timezone.now().isoformat()}
    for item in _registry.values():
        data[item.name] = item.exporter(user)
    return data


def export_personal_data_json(user: User) -> str:
    return json.dumps(
        export_personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person's account. Other apps' anonymisers run first, so content and
    registrations that must stay lose her identity instead of disappearing."""
    for item in _registry.values():
        if item.anonymiser is not None:
            item.anonymiser(user)
    from members.services import sync_editor_group

    Membership.objects.filter(user=user).delete()
    sync_editor_group(user)
    # Pages she wrote stay; Wagtail's owner and revision author fields are SET_NULL.
    user.delete()
