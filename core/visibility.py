"""The one visibility rule in SQL: a page is public when it is live and no view restriction
covers it (a restriction covers its page and every page below it, whose tree path starts with
the restricted page's). What ``members.permissions.can_view_page`` grants an anonymous visitor,
written as a condition inside the listing's own query: Wagtail's ``.public()`` reads every
restriction first, one more query. Pages, feeds, calendars, digests and the map use it."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def unrestricted(path: str = "path") -> Exists:
    """True for a page (``path`` leads to its tree path) under no view restriction.

    The restricted page's path is read per restriction (a scalar subquery by primary key), not
    joined: with a join SQLite scans every page row for each listed page (137 ms for 1,000
    practices on the home map, 1.8 ms this way; 13 ms for each of the events index's three
    union queries at 1,000 sessions)."""
    covering = PageViewRestriction.objects.annotate(
        restricted_path=Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
    ).filter(restricted_path=Substr(OuterRef(path), 1, Length("restricted_path")))
    return ~Exists(covering)


def public_pages_q(prefix: str = "") -> Q:
    """Live pages that no view restriction covers, as a condition on a relation (``prefix``
    like ``"practice__"``)."""
    return Q(**{f"{prefix}live": True}) & unrestricted(f"{prefix}path")
