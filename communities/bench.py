"""Synthetic communities, meetings and discussions for ``make bench``.

Meant to be called from ``events.bench`` (``generate`` and ``pages``), like the demo."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from communities.models import (
    CommunityIndexPage,
    CommunityMembership,
    CommunityPage,
    MeetingPage,
    Post,
    Topic,
)
from events.models import EventIndexPage
from members.models import Organisation, User

SLUG = "bench-comunita"


@transaction.atomic
def generate(scale: int, stdout) -> None:
    from core.demo import ensure_site_tree

    ensure_site_tree()
    community = CommunityPage.objects.filter(slug=SLUG).first()
    if community is None:
        community = CommunityPage(title="Comunità di prova", slug=SLUG)
        CommunityIndexPage.objects.get().add_child(instance=community)
        community.save_revision().publish()
    host = Organisation.objects.order_by("pk").first() or Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, name="Comune ospite di prova", slug="bench-ospite"
    )
    index = EventIndexPage.objects.get()
    have = MeetingPage.objects.filter(community=community).count()
    start = timezone.now() - timedelta(days=30 * min(scale, 120))
    for number in range(have, min(scale // 10, 120)):
        page = MeetingPage(
            title=f"Tavolo di prova {number}",
            slug=f"bench-tavolo-{number}",
            community=community,
            organisation=host,
            start=start + timedelta(days=30 * number),
            participant_count=20 + number % 30,
        )
        index.add_child(instance=page)
    users = list(User.objects.order_by("pk")[: min(scale, 2000)])
    CommunityMembership.objects.bulk_create(
        [CommunityMembership(community=community, user=user, status="active") for user in users],
        ignore_conflicts=True,
    )
    author = users[0] if users else None
    have = Topic.objects.filter(community=community).count()
    now = timezone.now()
    for number in range(have, min(scale, 500)):
        topic = Topic.objects.create(
            community=community, title=f"Discussione {number}", author=author, last_post_at=now
        )
        Post.objects.bulk_create(
            Post(topic=topic, author=author, body="testo", body_html="<p>testo</p>")
            for _ in range(3)
        )


def pages() -> list[tuple[str, str]]:
    base = f"/comunita/{SLUG}/"
    topic = Topic.objects.filter(community__slug=SLUG).order_by("pk").first()
    result = [
        ("community page", base),
        ("discussions", base + "discussioni/"),
        ("public calendar feed", "/eventi/eventi.ics"),
    ]
    meeting = MeetingPage.objects.filter(community__slug=SLUG).order_by("start").first()
    if meeting is not None:
        result.append(("meeting page", meeting.url))
    if topic is not None:
        result.append(("topic", f"{base}discussioni/{topic.pk}/"))
    return result
