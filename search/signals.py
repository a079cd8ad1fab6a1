"""Signal handlers that keep the index following Wagtail's publishing (connected in apps.py)."""

from search import index
from search.builders import builder_for


def page_published(sender, instance, **kwargs):
    index.update_object(instance.specific)


def page_unpublished(sender, instance, **kwargs):
    index.remove_object(instance.specific)


def object_deleted(sender, instance, **kwargs):
    if builder_for(type(instance)) is not None:
        index.remove_object(instance)


def page_moved(sender, instance, **kwargs):
    index.update_page_tree(instance)


def connect() -> None:
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published as published
    from wagtail.signals import page_unpublished as unpublished
    from wagtail.signals import post_page_move

    published.connect(page_published, dispatch_uid="search_page_published")
    unpublished.connect(page_unpublished, dispatch_uid="search_page_unpublished")
    post_delete.connect(object_deleted, dispatch_uid="search_object_deleted")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
