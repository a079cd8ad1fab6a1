"""What the practices' public pages keep in the cache between publishes, and what drops it.

The values live in ``core.cache.cached_per_site`` (per host and language, dropped whenever the
menu generation moves: a page published, unpublished, moved or deleted). Each value here only
changes with a publish, or with a row named below (a theme, an instrument, a shared indicator,
an indicator or its value, a tag, an organisation or a region saved or deleted), which moves
the generation too.
Previews never read the cache: they show the draft.
"""

from django.db.models.signals import post_delete, post_save

from core.cache import cached_per_site, invalidate_menu_cache

# Rows a cached value shows (names, units, regions) that are edited outside the page editor.
INVALIDATING_MODELS = (
    "practices.Theme",
    "practices.Instrument",
    "practices.SharedIndicator",
    # Written by the page editor (then a publish follows), but also by imports and commands.
    "practices.Indicator",
    "practices.IndicatorValue",
    "taggit.Tag",
    "members.Organisation",
    "members.Region",
)


def cached(request, name: str, build):
    """``build(request)``, kept per site and language until the next publish; computed afresh
    without a request or in a preview."""
    if request is None or getattr(request, "is_preview", False):
        return build(request)
    return cached_per_site(request, name, build)


def _row_changed(**kwargs) -> None:
    invalidate_menu_cache()


def connect() -> None:
    for label in INVALIDATING_MODELS:
        post_save.connect(_row_changed, sender=label, dispatch_uid=f"practices-cache-save-{label}")
        post_delete.connect(_row_changed, sender=label, dispatch_uid=f"practices-cache-del-{label}")
