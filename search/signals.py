"""Signal handlers that keep the index following Wagtail's publishing (connected in apps.py).

Updates go through ``core.indexing.schedule_update``: after the commit, through the task queue,
so publishing never waits for (or fails because of) the search engines. Removals of deleted
objects stay direct: once the row is gone, a task would have nothing to load.
"""

from communities.models import CommunityPage, Topic
from core.indexing import schedule_update
from search import index
from search.builders import builder_for


def page_published(sender, instance, **kwargs):
    page = instance.specific
    schedule_update(page)
    # A community's discussion visibility is a field of its page: publishing may open or close
    # its topics.
    _update_topics([page.pk])


def page_unpublished(sender, instance, **kwargs):
    # The builder of an unpublished page says "not searchable": the task drops its document.
    schedule_update(instance.specific)


def object_deleted(sender, instance, **kwargs):
    if builder_for(type(instance)) is not None:
        index.remove_object(instance)


def _update_tree(page) -> None:
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        schedule_update(descendant)


def page_moved(sender, instance, **kwargs):
    # After a move the page and every page under it have new URLs.
    _update_tree(instance)


def _update_topics(community_ids) -> None:
    for topic in Topic.objects.filter(community_id__in=community_ids):
        schedule_update(topic)


def view_restriction_changed(sender, instance, **kwargs):
    """A view restriction added, changed or removed: re-index the page, everything under it and
    the discussions of the communities there."""
    try:
        page = instance.page
    except Exception:  # the page itself is being deleted
        return
    _update_tree(page)
    communities = CommunityPage.objects.descendant_of(page, inclusive=True)
    _update_topics(communities.values_list("pk", flat=True))


def connect() -> None:
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published as published
    from wagtail.signals import page_unpublished as unpublished
    from wagtail.signals import post_page_move

    published.connect(page_published, dispatch_uid="search_page_published")
    unpublished.connect(page_unpublished, dispatch_uid="search_page_unpublished")
    post_delete.connect(object_deleted, dispatch_uid="search_object_deleted")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    from django.db.models.signals import post_save
    from wagtail.models import PageViewRestriction

    for signal in (post_save, post_delete):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_view_restriction_{signal is post_save}",
        )
