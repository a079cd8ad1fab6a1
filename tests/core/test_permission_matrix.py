"""The permission matrix: every URL pattern of the project has a row saying what each kind of
person gets there - anonymous, an official (confirmed member of an organisation), another
organisation's editor, another community's coordinator and platform staff.

``test_every_url_pattern_has_a_row`` walks Django's resolver and fails when a pattern (a new
view, a new Wagtail or Django admin URL) matches no row. The other tests request each row's
URL as every role and compare the status with the row. A family row (the Wagtail admin, the
Django admin, allauth) states the rule for all its URLs and checks it on representative ones;
the per-page rules inside them are tested in tests/members/test_admin_permissions.py.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def all_routes() -> list[str]:
    return sorted(set(_walk(get_resolver())))


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


MATRIX: list[Row] = [
    # --- Public pages and files ------------------------------------------------------------
    Row(r"^healthz$", [Case(lambda w: "/healthz", everyone(200))]),
    Row(r"^sitemap\.xml$", [Case(lambda w: "/sitemap.xml", everyone(200))]),
    Row(r"^robots\.txt$", [Case(lambda w: "/robots.txt", everyone(200))]),
    Row(
        r"^feeds/",
        [
            Case(lambda w, name=name: reverse(name), everyone(200))
            for name in (
                "feed_practices",
                "feed_practices_atom",
                "feed_offers",
                "feed_offers_atom",
                "feed_meetings",
                "feed_meetings_atom",
            )
        ],
    ),
    Row(r"^search/$", [Case(lambda w: "/search/?q=patto", everyone(200))]),
    Row(r"^mappa-del-sito/$", [Case(lambda w: "/mappa-del-sito/", everyone(200))]),
    # The language switch is a link: it sets the language and goes back, for everyone.
    Row(r"^lingua/<str:code>/$", [Case(lambda w: "/lingua/en/?next=/", everyone(302))]),
    # A rating without its signed page token is refused in words, whoever sends it.
    Row(r"^valutazione-pagina/$", [Case(lambda w: "/valutazione-pagina/", everyone(400), "post")]),
    Row(r"^api/search/$", [Case(lambda w: "/api/search/?q=patto", everyone(200))]),
    Row(r"^jsi18n/$", [Case(lambda w: "/jsi18n/", everyone(200))]),
    Row(
        r"^i18n/setlang/$",
        [Case(lambda w: "/i18n/setlang/", everyone(302), "post", {"language": "en"})],
    ),
    Row(
        r"^\^\(\(\?:\[\\w\\-\]\+/\)\*\)\$$",
        [
            Case(lambda w: "/", everyone(200)),
            Case(lambda w: w.offer.url, everyone(200)),
            Case(lambda w: w.community.url, everyone(200)),
            Case(lambda w: "/pagina-che-non-esiste/", everyone(404)),
        ],
        why="Wagtail pages; their view restrictions are tested in tests/members/test_permissions",
    ),
    Row(
        r"^documents/\^",
        [
            Case(lambda w: w.public_document.url, everyone(200)),
            Case(lambda w: w.private_document.url, {**everyone(404), "staff": 200}),
        ],
    ),
    Row(
        r"^documents/authenticate_with_password/",
        [Case(lambda w: "/documents/authenticate_with_password/999999/", everyone(404))],
    ),
    Row(
        r"^_util/authenticate_with_password/",
        [Case(lambda w: "/_util/authenticate_with_password/999999/1/", everyone(404))],
    ),
    Row(
        r"^_util/login/$",
        [Case(lambda w: "/_util/login/", everyone(LOGIN))],
        why="Wagtail's front-end login form hands over to allauth, like the admin ones",
    ),
    # --- Open data API -----------------------------------------------------------------------
    Row(
        r"^api/v2/\^pages/",
        [
            Case(lambda w: "/api/v2/pages/", everyone(200)),
            Case(lambda w: f"/api/v2/pages/{w.offer.pk}/", everyone(200)),
            Case(lambda w: "/api/v2/pages/find/?html_path=/", everyone(302)),
        ],
    ),
    Row(
        r"^api/v2/\^documents/",
        [
            Case(lambda w: "/api/v2/documents/", everyone(200)),
            Case(lambda w: f"/api/v2/documents/{w.public_document.pk}/", everyone(200)),
            Case(lambda w: f"/api/v2/documents/{w.private_document.pk}/", everyone(404)),
            Case(lambda w: "/api/v2/documents/find/?id=999999", everyone(404)),
        ],
    ),
    # --- Organisations and profile -----------------------------------------------------------
    Row(r"^enti/$", [Case(lambda w: "/enti/", everyone(200))]),
    Row(r"^enti/scelta/$", [Case(lambda w: "/enti/scelta/?q=Cesena", everyone(200))]),
    Row(r"^enti/<slug:slug>/$", [Case(lambda w: w.host.get_absolute_url(), everyone(200))]),
    Row(
        r"^enti/<slug:slug>/(membri|modifica)/$",
        [
            Case(lambda w: reverse("members:members", args=[w.host.slug]), staff_only(403)),
            Case(lambda w: reverse("members:edit", args=[w.host.slug]), staff_only(403)),
        ],
        why="only the organisation's admins (none in the matrix) and staff",
    ),
    Row(
        r"^enti/<slug:slug>/membri/<int:pk>/(conferma|rifiuta|ruolo|rimuovi)/$",
        [
            Case(
                lambda w: reverse("members:reject", args=[w.host.slug, w.pending.pk]),
                staff_only(403, staff=302),
                "post",
            ),
        ],
    ),
    Row(
        r"^profilo/",
        [
            Case(lambda w: reverse("members:profile"), members_only(200)),
            Case(lambda w: reverse("members:profile_organisation"), members_only(200)),
            Case(lambda w: reverse("members:my_data"), members_only(200)),
            Case(lambda w: reverse("members:delete_account"), members_only(200)),
        ],
    ),
    # --- Exchange sessions and registrations -------------------------------------------------
    Row(
        r"^eventi/sessioni/<int:session_id>/iscrizione/$",
        [
            Case(
                lambda w: reverse("events:register", args=[_session(w)]),
                {**members_only(302), "other_coordinator": 403, "staff": 403},
                "post",
            )
        ],
        why="officials register; people without a confirmed organisation cannot",
    ),
    Row(
        r"^eventi/sessioni/<int:session_id>/calendario\.ics$",
        [Case(lambda w: reverse("events:session_ics", args=[_session(w)]), everyone(200))],
    ),
    Row(r"^eventi/eventi\.ics$", [Case(lambda w: "/eventi/eventi.ics", everyone(200))]),
    Row(
        r"^eventi/iscrizioni/<int:registration_id>/modifica/$",
        [
            Case(
                lambda w: reverse("events:change_registration", args=[_registration(w)]),
                {**members_only(404), "staff": 404},
            )
        ],
        why="only the person who registered changes date or hands her seat on",
    ),
    Row(
        r"^eventi/iscrizioni/<int:registration_id>/attestato\.pdf$",
        [
            Case(
                lambda w: reverse("events:certificate", args=[_registration(w)]),
                {**members_only(404), "staff": 404},
            )
        ],
        why="only for an attended registration, to the attendee and its hosts",
    ),
    Row(
        r"^eventi/posto-offerto/<str:token>/$",
        [Case(lambda w: "/eventi/posto-offerto/non-un-token/", everyone(404))],
        why="a signed token; a forged one finds nothing",
    ),
    Row(r"^indicatori/$", [Case(lambda w: "/indicatori/", everyone(200))]),
    Row(
        r"^indicatori/<slug:slug>/$",
        [Case(lambda w: "/indicatori/non-esiste/", everyone(404))],
    ),
    Row(
        r"^pratiche/<int:page_id>/trasferimento/$",
        [
            Case(
                lambda w: reverse("practice_transfer", args=[_practice(w)]),
                {
                    "anonymous": LOGIN,
                    "official": 403,
                    "other_editor": 200,
                    "other_coordinator": 403,
                    "staff": 403,
                },
            )
        ],
        why="an editor or admin of another organisation records its transfer (staff belong "
        "to none)",
    ),
    Row(
        r"^eventi/iscrizioni/<int:registration_id>/(annulla|esito)/$",
        [
            Case(
                lambda w: reverse("events:cancel", args=[_registration(w)]),
                {**members_only(404), "staff": 404},
                "post",
            ),
            Case(
                lambda w: reverse("events:followup", args=[_registration(w)]),
                {**members_only(404), "staff": 404},
            ),
        ],
        why="only the person who registered",
    ),
    Row(
        r"^eventi/le-mie-iscrizioni/",
        [
            Case(lambda w: reverse("events:my_registrations"), members_only(200)),
            # Without a choice the form is refused in words: the person got past the login.
            Case(lambda w: reverse("events:manage_feed"), members_only(400), "post"),
        ],
    ),
    Row(
        r"^eventi/calendario/<str:token>\.ics$",
        [Case(lambda w: "/eventi/calendario/non-un-token.ics", everyone(404))],
    ),
    Row(
        r"^eventi/gestione/$",
        [
            Case(
                lambda w: reverse("events:host_sessions"),
                {**members_only(403), "other_editor": 200, "staff": 200},
            )
        ],
        why="editors see the sessions they manage (none of the host's), staff all of them",
    ),
    Row(
        r"^eventi/gestione/avvisi/$",
        [
            Case(
                lambda w: reverse("events:host_notices"),
                {**members_only(403), "other_editor": 400, "staff": 400},
                "post",
            )
        ],
        why="hosts choose how they hear of pending approvals (an empty choice is refused in "
        "words); a person who manages nothing gets 403",
    ),
    Row(
        r"^eventi/gestione/sessioni/<int:session_id>/",
        [
            Case(lambda w: reverse("events:host_session", args=[_session(w)]), HOST_ONLY),
            Case(lambda w: reverse("events:host_csv", args=[_session(w)]), HOST_ONLY),
            Case(
                lambda w: reverse("events:host_capacity", args=[_session(w)]),
                {**HOST_ONLY, "staff": 302},
                "post",
                {"capacity": "12"},
            ),
            Case(
                lambda w: reverse("events:host_message", args=[_session(w)]),
                {**HOST_ONLY, "staff": 302},
                "post",
                {"subject": "Cambio di aula", "body": "Ci vediamo in sala consiliare."},
            ),
        ],
        why="the host organisation's editors and staff: another editor gets 404, a person "
        "who manages nothing 403",
    ),
    Row(
        r"^eventi/gestione/iscrizioni/<int:registration_id>/$",
        [
            Case(
                lambda w: reverse("events:host_action", args=[_registration(w)]),
                {**HOST_ONLY, "staff": 302},
                "post",
                {"action": "cancel"},
            )
        ],
    ),
    Row(
        r"^comunita-notifiche/disiscrizione/<str:token>/$",
        [Case(lambda w: "/comunita-notifiche/disiscrizione/non-valido/", everyone(400))],
    ),
    # --- Accounts (allauth), the admins ------------------------------------------------------
    Row(
        r"^accounts/",
        [
            Case(lambda w: "/accounts/login/", {**everyone(302), "anonymous": 200}),
            Case(lambda w: "/accounts/signup/", {**everyone(302), "anonymous": 200}),
            Case(lambda w: "/accounts/password/change/", members_only(200)),
            Case(lambda w: "/accounts/email/", members_only(200)),
        ],
        why="allauth: signed-in people are sent on from login and sign-up",
    ),
    Row(
        r"^admin/",
        [
            Case(lambda w: "/admin/", NO_ADMIN),
            Case(lambda w: "/admin/pages/search/?q=patto", NO_ADMIN),
            Case(lambda w: "/admin/reports/site-history/", NO_ADMIN),
            Case(lambda w: f"/admin/pages/{w.offer.pk}/edit/", {**NO_ADMIN, "other_editor": 302}),
            Case(
                lambda w: "/admin/snippets/members/membership/", {**NO_ADMIN, "other_editor": 302}
            ),
        ],
        why="Wagtail admin: editors and staff only (the others are sent to the login with a "
        "message); another organisation's page and the memberships are refused to an editor",
    ),
    Row(
        r"^django-admin/",
        [
            Case(lambda w: "/django-admin/", {**everyone(302), "staff": 200}),
            Case(lambda w: "/django-admin/login/", everyone(LOGIN)),
        ],
        why="Django admin: staff only; its login hands over to allauth",
    ),
]


def _rows_for(route: str) -> list[Row]:
    return [row for row in MATRIX if re.search(row.route, route)]


def test_every_url_pattern_has_a_row():
    missing = [route for route in all_routes() if not _rows_for(route)]
    assert missing == [], "Add a row to MATRIX for these URL patterns."


def test_every_row_matches_a_url_pattern():
    routes = all_routes()
    assert [row.route for row in MATRIX if not any(re.search(row.route, r) for r in routes)] == []


def _status(client, case: Case, world: World, role: str):
    client.logout()
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    url = case.url(world)
    response = getattr(client, case.method)(url, case.data)
    if response.status_code in (301, 302, 303) and "/accounts/login/" in response.get(
        "Location", ""
    ):
        if not response["Location"].startswith(url):
            return LOGIN
    return response.status_code


@pytest.fixture
def world(site_tree):
    return World()


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: row.route)
def test_each_role_gets_what_its_row_says(client, world, row):
    failures = []
    for case in row.cases:
        for role in ROLES:
            got = _status(client, case, world, role)
            if got != case.expect[role]:
                failures.append((case.method, case.url(world), role, case.expect[role], got))
    assert failures == [], "\n".join(map(str, failures))
