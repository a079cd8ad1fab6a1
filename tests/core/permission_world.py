"""The permission matrix's vocabulary (roles, cases, rows) and its world: one host
organisation with an offer, a session, a tool, and one person of each role around it
(tests/core/test_permission_matrix.py)."""

from dataclasses import dataclass, field

from events import services as engine
from members.models import Membership
from members.setup import ensure_editorial_setup
from tests.communities.factories import make_community, make_coordinator_user
from tests.events.factories import make_offer, make_session
from tests.factories import OrganisationFactory, UserFactory
from tests.members.conftest import make_member
from tests.practices.factories import DocumentFactory, make_practice, make_tool

ROLES = ("anonymous", "official", "other_editor", "other_coordinator", "staff")
LOGIN = "login"  # a redirect to allauth's login page
OK = {200}
LOGIN_FOR_ANONYMOUS = {"anonymous": LOGIN}


def everyone(status) -> dict:
    return dict.fromkeys(ROLES, status)


def members_only(status, anonymous=LOGIN) -> dict:
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], status)}


def staff_only(refused, anonymous=LOGIN, staff=200) -> dict:
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:4], refused), "staff": staff}


@dataclass
class Case:
    """One request: ``url(world)`` with ``method``; ``expect`` a status (or LOGIN) per role."""

    url: object
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)


@dataclass
class Row:
    """The rule for the URL patterns matching ``route`` (a regular expression on the route)."""

    route: str
    cases: list[Case]
    why: str = ""


# --- The world: one host organisation with an offer, a session, a tool; people around it ------


class World:
    def __init__(self):
        ensure_editorial_setup()
        self.host = OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")
        self.other = OrganisationFactory(name="Comune di Monza", slug="comune-di-monza")
        self.host_admin = make_member(self.host, role=Membership.Role.ADMIN)
        self.offer = make_offer(self.host, title="Visita ai patti di Cesena")
        self.session = make_session(self.offer, capacity=10)
        self.tool = make_tool(title="Modello di patto", organisation=self.host)
        self.public_document = self.tool.files.get().document
        self.private_document = DocumentFactory(
            title="Caricato e mai usato", uploaded_by_user=self.host_admin
        )
        pending = UserFactory(full_name="Richiesta in attesa")
        self.pending = Membership.objects.create(user=pending, organisation=self.host)
        self.community = make_community("Rete Nord-Ovest")
        self.other_community = make_community("Rete Sud")
        self.people = {
            "anonymous": None,
            "official": make_member(self.other),
            "other_editor": make_member(self.other, role=Membership.Role.EDITOR),
            "other_coordinator": make_coordinator_user(self.other_community),
            "staff": self._staff(),
        }
        # A registration of someone else: nobody in the matrix may touch it but staff.
        self.registration = engine.register_for_session(self.session, make_member(self.host))

    @staticmethod
    def _staff():
        moderators, _editors = ensure_editorial_setup()
        user = UserFactory(email="staff@example.org", is_staff=True)
        user.groups.add(moderators)
        return user


HOST_ONLY = {
    "anonymous": LOGIN,
    "official": 403,
    "other_editor": 404,
    "other_coordinator": 403,
    "staff": 200,
}
NO_ADMIN = {
    "anonymous": LOGIN,
    "official": LOGIN,
    "other_editor": 200,
    "other_coordinator": LOGIN,
    "staff": 200,
}


def _session(world):
    return world.session.pk


def _registration(world):
    return world.registration.pk


def _practice(world):
    if not hasattr(world, "practice"):
        world.practice = make_practice(title="Patti di Cesena", organisation=world.host)
    return world.practice.pk
