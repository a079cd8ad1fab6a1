from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("enti/", views.organisation_directory, name="directory"),
    path("enti/scelta/", views.organisation_choices, name="organisation_choices"),
    path("enti/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("enti/<slug:slug>/membri/", views.organisation_members, name="members"),
    path("enti/<slug:slug>/modifica/", views.edit_organisation, name="edit"),
    path(
        "enti/<slug:slug>/membri/<int:pk>/conferma/",
        views.decide_membership,
        {"action": "confirm"},
        name="confirm",
    ),
    path(
        "enti/<slug:slug>/membri/<int:pk>/rifiuta/",
        views.decide_membership,
        {"action": "reject"},
        name="reject",
    ),
    path(
        "enti/<slug:slug>/membri/<int:pk>/ruolo/",
        views.decide_membership,
        {"action": "role"},
        name="role",
    ),
    path(
        "enti/<slug:slug>/membri/<int:pk>/rimuovi/",
        views.decide_membership,
        {"action": "remove"},
        name="remove",
    ),
    path("profilo/", views.profile, name="profile"),
    path(
        "profilo/notizie/disiscrivi/<str:token>/",
        views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    path("profilo/ente/", views.profile_organisation, name="profile_organisation"),
    path("profilo/i-miei-dati.json", views.download_my_data, name="my_data"),
    path("profilo/elimina/", views.delete_my_account, name="delete_account"),
]
