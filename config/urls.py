from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.health import healthz
from members.login import login_handover
from search import views as search_views

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("core.urls")),
    # One login (allauth) for site and admin: the admin login forms only redirect there.
    path("django-admin/login/", login_handover),
    path("admin/login/", login_handover, name="wagtailadmin_login_handover"),
    # Wagtail's own front-end login form (for private pages) would be a third way in.
    path("_util/login/", login_handover, name="wagtailcore_login_handover"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("search/", search_views.search_page, name="search"),
    path("comunita-notifiche/", include("communities.urls")),
    path("eventi/", include("events.urls")),
    path("api/search/", search_views.search_api, name="search_api"),
    path("", include("members.urls")),
    path("", include("practices.urls")),
    path("", include("exchange.urls")),
    path("", include("communities.feeds")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
