"""The communities app took over models from members and events without moving data: a
database built at the previous head keeps its community pages, discussions and search
documents, now under the new app label (docs/adr/0004-communities-app.md)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_THE_MOVE = [
    ("members", "0006_organisation_search_name"),
    ("events", "0003_merge_20261122_0457"),
    ("search", "0006_word_prefix_index"),
    ("communities", None),
]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_communities():
    old = _migrate(BEFORE_THE_MOVE).loader.project_state(BEFORE_THE_MOVE[:3]).apps
    OldContentType = old.get_model("contenttypes", "ContentType")
    community_type, _ = OldContentType.objects.get_or_create(
        app_label="members", model="communitypage"
    )
    # A tree node of its own (a flushed test database may have no Wagtail root page).
    locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="it")
    page = old.get_model("members", "CommunityPage").objects.create(
        title="Rete dei beni comuni",
        slug="rete-beni-comuni",
        path="ZZZZ",
        depth=1,
        content_type=community_type,
        locale_id=locale.pk,
        live=True,
        url_path="/rete-beni-comuni/",
    )
    author = old.get_model("members", "User").objects.create(
        email="coordinatrice@comune.example.it", full_name="Chiara Coordinatrice"
    )
    topic = old.get_model("members", "Topic").objects.create(
        community_id=page.pk,
        author=author,
        title="Assicurazione dei volontari",
        last_post_at=timezone.now(),
    )
    old.get_model("members", "CommunityMembership").objects.create(
        community_id=page.pk, user=author, role="coordinator", status="active"
    )
    old.get_model("search", "SearchDocument").objects.create(
        generation=1,
        key=f"members.topic:{topic.pk}",
        doc_type="topic",
        title=topic.title,
        url="/rete-beni-comuni/discussioni/1/",
    )

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    from communities.models import CommunityMembership, CommunityPage, Topic
    from search.models import SearchDocument

    moved = CommunityPage.objects.get(pk=page.pk)
    assert moved.title == "Rete dei beni comuni"
    assert moved.content_type == ContentType.objects.get_for_model(CommunityPage)
    assert moved.content_type.app_label == "communities"
    assert type(moved.specific) is CommunityPage
    assert Topic.objects.get(pk=topic.pk).community_id == page.pk
    assert CommunityMembership.objects.get(community_id=page.pk).role == "coordinator"
    assert not ContentType.objects.filter(app_label="members", model="communitypage").exists()
    assert SearchDocument.objects.filter(key=f"communities.topic:{topic.pk}").exists()
    assert not SearchDocument.objects.filter(key__startswith="members.topic:").exists()
