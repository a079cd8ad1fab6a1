from django.urls import path

from exchange import feeds

urlpatterns = [
    path("feeds/scambi/", feeds.OffersFeed(), name="feed_offers"),
    path("feeds/scambi/atom/", feeds.OffersAtomFeed(), name="feed_offers_atom"),
]
