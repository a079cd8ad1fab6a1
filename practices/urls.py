from django.urls import path

from practices import feeds
from practices.api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("feeds/pratiche/", feeds.PracticesFeed(), name="feed_practices"),
    path("feeds/pratiche/atom/", feeds.PracticesAtomFeed(), name="feed_practices_atom"),
]
