"""URLs of communities that cannot live under the community page: the one-click unsubscribe
link of notification e-mails (mail programs POST to it without a CSRF token, RFC 8058)."""

from django.urls import path

from communities import discussion_views

urlpatterns = [
    path(
        "disiscrizione/<str:token>/",
        discussion_views.one_click_unsubscribe,
        name="community_unsubscribe",
    ),
]
