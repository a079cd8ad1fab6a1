"""What makes cached pages stale: page publishing events, and rows that pages show.

Core imports no app: the rows are named in ``PAGE_CACHE_INVALIDATING_MODELS`` (settings, the
top layer) as "app_label.Model", which Django's model signals resolve lazily.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import invalidate_menu_cache
from core.page_cache import invalidate_page_cache


def _page_changed(**kwargs) -> None:
    invalidate_page_cache()
    invalidate_menu_cache()


def _row_changed(**kwargs) -> None:
    invalidate_page_cache()


def _saved(sender, instance, **kwargs) -> None:
    # Any save of a page row, drafts included: cheap, and it also covers pages created live
    # without a publish event (imports, the demo, factories). Pages themselves wait for a
    # publish: a draft does not change what visitors see.
    if isinstance(instance, apps.get_model("wagtailcore", "Page")):
        invalidate_menu_cache()


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page-cache-moved")
    # Deleting a page of any type deletes its wagtailcore.Page row too, which sends this.
    post_delete.connect(_page_changed, sender="wagtailcore.Page", dispatch_uid="page-cache-del")
    post_save.connect(_saved, dispatch_uid="menu-cache-page-saved")
    restriction = "wagtailcore.PageViewRestriction"  # also hides pages from the menu
    post_save.connect(_page_changed, sender=restriction, dispatch_uid="page-cache-restricted")
    post_delete.connect(_page_changed, sender=restriction, dispatch_uid="page-cache-unrestricted")
    # The menu and footer settings are on every page; the Site is kept with the menu.
    for label in ("core.MainMenu", "core.MainMenuItem", "core.SiteIdentity", "wagtailcore.Site"):
        post_save.connect(_page_changed, sender=label, dispatch_uid=f"menu-cache-save-{label}")
        post_delete.connect(_page_changed, sender=label, dispatch_uid=f"menu-cache-del-{label}")
    for label in settings.PAGE_CACHE_INVALIDATING_MODELS:
        post_save.connect(_row_changed, sender=label, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(_row_changed, sender=label, dispatch_uid=f"page-cache-del-{label}")
