from django.urls import path

from events import calendar_views, host_views, views

app_name = "events"

urlpatterns = [
    path("sessioni/<int:session_id>/iscrizione/", views.register, name="register"),
    path("iscrizioni/<int:registration_id>/annulla/", views.cancel, name="cancel"),
    path(
        "iscrizioni/<int:registration_id>/modifica/",
        views.change_registration,
        name="change_registration",
    ),
    path("sessioni/<int:session_id>/calendario.ics", views.session_ics, name="session_ics"),
    path("posto-offerto/<str:token>/", views.seat_offer, name="seat_offer"),
    path("le-mie-iscrizioni/", views.my_registrations, name="my_registrations"),
    path("le-mie-iscrizioni/calendario/", views.manage_feed, name="manage_feed"),
    path("calendario/<str:token>.ics", views.feed, name="feed"),
    path("eventi.ics", calendar_views.public_feed, name="public_feed"),
    path("iscrizioni/<int:registration_id>/esito/", views.followup, name="followup"),
    path("gestione/", host_views.host_sessions, name="host_sessions"),
    path("gestione/avvisi/", host_views.host_notices, name="host_notices"),
    path("gestione/sessioni/<int:session_id>/", host_views.host_session, name="host_session"),
    path(
        "gestione/sessioni/<int:session_id>/posti/", host_views.host_capacity, name="host_capacity"
    ),
    path(
        "gestione/sessioni/<int:session_id>/sposta/",
        host_views.host_move_session,
        name="host_move_session",
    ),
    path(
        "gestione/sessioni/<int:session_id>/annulla/",
        host_views.host_cancel_session,
        name="host_cancel_session",
    ),
    path(
        "gestione/sessioni/<int:session_id>/messaggio/",
        host_views.host_message,
        name="host_message",
    ),
    path("gestione/sessioni/<int:session_id>/iscrizioni.csv", host_views.host_csv, name="host_csv"),
    path(
        "gestione/sessioni/<int:session_id>/iscrizioni.xlsx",
        host_views.host_xlsx,
        name="host_xlsx",
    ),
    path("gestione/iscrizioni/<int:registration_id>/", host_views.host_action, name="host_action"),
    path(
        "gestione/sessioni/<int:session_id>/foglio-firme.pdf",
        host_views.host_signin_sheet,
        name="host_signin_sheet",
    ),
    path(
        "gestione/sessioni/<int:session_id>/accoglienza/",
        host_views.host_checkin,
        name="host_checkin",
    ),
    path(
        "iscrizioni/<int:registration_id>/attestato.pdf",
        host_views.certificate,
        name="certificate",
    ),
]
