"""The demo accounts and the editorial groups they belong to (``members.demo`` and every later
app's demo use them). Published credentials for development only."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from members.models import User
from members.setup import ensure_editorial_setup

DEMO_PASSWORD = "demo-scambi-2026"  # noqa: S105 - published demo credential, dev only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("staff@example.org", "Giulia Ferri", "platform staff (Wagtail admin, moderation)"),
    DemoAccount("editor@example.org", "Marco Bellini", "editor of Comune di Cesena"),
    DemoAccount("official@example.org", "Sara Conti", "official of Comune di Monza"),
    DemoAccount(
        "admin.cesena@example.org", "Elena Rinaldi", "organisation admin of Comune di Cesena"
    ),
]


def ensure_groups() -> tuple[Group, Group]:
    """Wagtail groups Moderators (platform staff) and Editors (organisation editors), their
    permissions and the moderation workflow: see ``members.setup``."""
    return ensure_editorial_setup()


def ensure_account(account: DemoAccount, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=account.email, defaults={"full_name": account.full_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user


def load_demo_accounts() -> None:
    """Staff (superuser, Moderators), the Cesena editor (Editors) and the Monza official."""
    moderators, editors = ensure_groups()
    staff = ensure_account(DEMO_ACCOUNTS[0], is_staff=True, is_superuser=True)
    staff.groups.add(moderators)
    editor = ensure_account(DEMO_ACCOUNTS[1])
    editor.groups.add(editors)
    ensure_account(DEMO_ACCOUNTS[2])
