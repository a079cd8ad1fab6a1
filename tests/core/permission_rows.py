"""The rows of the permission matrix: for every URL pattern of the project, what each kind of
person gets there (tests/core/test_permission_matrix.py walks the resolver against them)."""

from django.urls import reverse

from tests.core.permission_world import (
    HOST_ONLY,
    LOGIN,
    NO_ADMIN,
    Case,
    Row,
    _practice,
    _registration,
    _session,
    everyone,
    members_only,
    staff_only,
)

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
