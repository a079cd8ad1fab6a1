"""Personal data: what a member can download, and what happens when she deletes her account.

Each app registers its part once (in its ``AppConfig.ready``)::

    register_personal_data("registrations", export_registrations, anonymise_registrations)

``exporter(user) -> JSON-serialisable data`` goes into the download under ``name``;
``anonymiser(user) -> None`` runs inside the deletion's transaction, before the account row is
deleted, and must detach the person from rows that stay (registrations stay counted for the
hosts' statistics, posts stay in their discussion) - typically by setting the user to NULL.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from members.models import Membership, User

Exporter = Callable[[User], Any]
Anonymiser = Callable[[User], None]


@dataclass(frozen=True)
class PersonalData:
    name: str
    exporter: Exporter
    anonymiser: Anonymiser | None


_registry: dict[str, PersonalData] = {}


def register_personal_data(
    name: str, exporter: Exporter, anonymiser: Anonymiser | None = None
) -> None:
    _registry[name] = PersonalData(name, exporter, anonymiser)


def registered() -> list[PersonalData]:
    return list(_registry.values())


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


# --- The members app's own data ---------------------------------------------------------------


def _export_account(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role_category,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "visible_in_directory": user.visible_in_directory,
        "notifications": {
            "reminders": user.notify_reminders,
            "communities": user.notify_communities,
            "new_content": user.notify_new_content,
        },
        "areas_of_interest": [theme.name_it for theme in user.interests.all()],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _export_memberships(user: User) -> list[dict]:
    return [
        {
            "organisation": membership.organisation.name,
            "role": membership.role,
            "status": membership.status,
            "requested_at": membership.created_at,
            "decided_at": membership.decided_at,
        }
        for membership in Membership.objects.filter(user=user).select_related("organisation")
    ]


def _export_email_addresses(user: User) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user)
    ]


def _anonymise_decisions(user: User) -> None:
    # Memberships she decided on stay; "decided by" is SET_NULL by the database anyway.
    Membership.objects.filter(decided_by=user).update(decided_by=None)


register_personal_data("account", _export_account)
register_personal_data("memberships", _export_memberships, _anonymise_decisions)
register_personal_data("email_addresses", _export_email_addresses)
