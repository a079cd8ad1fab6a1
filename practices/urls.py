from django.urls import path

from practices import feeds, views
from practices.api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("feeds/pratiche/", feeds.PracticesFeed(), name="feed_practices"),
    path("feeds/pratiche/atom/", feeds.PracticesAtomFeed(), name="feed_practices_atom"),
    path("indicatori/", views.shared_indicators, name="shared_indicators"),
    path("indicatori/<slug:slug>/", views.indicator_comparison, name="indicator_comparison"),
    path("pratiche/<int:page_id>/trasferimento/", views.record_transfer, name="practice_transfer"),
]
