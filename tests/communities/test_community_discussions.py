from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from communities.discussions import (
    create_topic,
    edit_post,
    hide_post,
    lock_topic,
    recipients_for,
    render_markdown,
    reply_to_topic,
    set_follow_level,
    unsubscribe,
    unsubscribe_token,
)
from communities.models import FollowLevel, Post, Topic
from communities.services import CommunityDenied


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>ciao", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[clic](javascript:alert(1))", "javascript:"),
        ('<a href="https://x.it" onclick="steal()">x</a>', "onclick"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="position:fixed">x</p>', "style="),
    ],
)
def test_markdown_is_sanitised(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_markdown_keeps_the_safe_subset():
    html = render_markdown(
        "**forte** e *corsivo*\n\n- uno\n- due\n\n> citazione\n\n[Labsus](https://www.labsus.org)"
    )
    assert "<strong>forte</strong>" in html
    assert "<li>uno</li>" in html
    assert "<blockquote>" in html
    assert 'href="https://www.labsus.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_member_opens_a_topic_and_watches_it(community, member):
    topic = create_topic(community, "  Patti   e scuole ", "Come fate con le scuole?", actor=member)
    assert topic.title == "Patti e scuole"
    assert topic.post_count == 1
    assert topic.posts.get().body_html == "<p>Come fate con le scuole?</p>"
    assert topic.follows.get(user=member).level == FollowLevel.WATCHING


def test_outsider_cannot_post(community, outsider, topic):
    with pytest.raises(CommunityDenied):
        create_topic(community, "Titolo", "testo", actor=outsider)
    with pytest.raises(CommunityDenied):
        reply_to_topic(topic, "testo", actor=outsider)
    assert Topic.objects.count() == 1
    assert Post.objects.count() == 1


def test_locked_topic_refuses_replies(topic, coordinator, member):
    lock_topic(topic, actor=coordinator)
    with pytest.raises(CommunityDenied) as error:
        reply_to_topic(topic, "ancora una cosa", actor=member)
    assert "locked" in error.value.message or "bloccata" in error.value.message
    assert topic.posts.count() == 1


def test_only_coordinators_lock_and_hide(topic, member):
    with pytest.raises(CommunityDenied):
        lock_topic(topic, actor=member)
    with pytest.raises(CommunityDenied):
        hide_post(topic.posts.get(), "spam", actor=member)


def test_hide_needs_a_reason(topic, coordinator):
    post = topic.posts.get()
    with pytest.raises(CommunityDenied):
        hide_post(post, "   ", actor=coordinator)
    hide_post(post, "Dati personali", actor=coordinator)
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "Dati personali" and post.hidden_by == coordinator


def test_editing_only_within_the_window(topic, member):
    post = reply_to_topic(topic, "prima versione", actor=member)
    edit_post(post, "seconda versione", actor=member)
    post.refresh_from_db()
    assert post.body == "seconda versione" and post.edited_at is not None
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    with pytest.raises(CommunityDenied):
        edit_post(post, "terza versione", actor=member)
    assert Post.objects.get(pk=post.pk).body == "seconda versione"


def test_nobody_edits_someone_elses_post(topic, member, coordinator):
    post = reply_to_topic(topic, "mio", actor=member)
    with pytest.raises(CommunityDenied):
        edit_post(post, "tuo", actor=coordinator)


def test_quote_in_another_topic_is_ignored(community, topic, member):
    other = create_topic(community, "Altro", "altro", actor=member)
    post = reply_to_topic(topic, "risposta", quoted=other.posts.get(), actor=member)
    assert post.quoted is None


def test_too_long_post_is_refused(topic, member):
    with pytest.raises(CommunityDenied) as error:
        reply_to_topic(topic, "a" * 20_001, actor=member)
    assert error.value.status == 400


# -- Notifications ---------------------------------------------------------------------------


def test_watchers_get_an_email_after_commit(
    topic, coordinator, member, django_capture_on_commit_callbacks
):
    set_follow_level(member, topic.community, FollowLevel.WATCHING, topic)
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_topic(topic, "Ci vediamo a Savona", actor=coordinator)
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert topic.title in message.subject
    assert "Ci vediamo a Savona" in message.body
    assert "/comunita-notifiche/disiscrizione/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_levels_are_respected(community, topic, coordinator, member, outsider):
    from tests.communities.factories import make_member

    quiet = make_member(community, full_name="Quieta")
    watcher = make_member(community, full_name="Attenta")
    set_follow_level(quiet, community, FollowLevel.WATCHING)  # community: watching
    set_follow_level(quiet, community, FollowLevel.MUTED, topic)  # ...but this topic: muted
    set_follow_level(watcher, community, FollowLevel.WATCHING)
    post = reply_to_topic(topic, "una risposta", actor=member)
    # coordinator watches her own topic; watcher via community; quiet muted; author excluded
    assert set(recipients_for(post)) == {coordinator, watcher}


def test_normal_level_mails_only_when_quoted(topic, coordinator, member):
    set_follow_level(coordinator, topic.community, FollowLevel.NORMAL, topic)
    mine = reply_to_topic(topic, "la mia idea", actor=member)
    post = reply_to_topic(topic, "non sono d'accordo", quoted=mine, actor=coordinator)
    assert recipients_for(post) == [member]
    plain = reply_to_topic(topic, "altro", actor=coordinator)
    assert recipients_for(plain) == []


def test_members_only_community_never_mails_people_who_left(community, topic, coordinator, member):
    from communities.services import leave_community

    community.discussion_visibility = "members"
    community.save()
    set_follow_level(member, community, FollowLevel.WATCHING, topic)
    leave_community(member, community)
    post = reply_to_topic(topic, "solo per membri", actor=coordinator)
    assert recipients_for(post) == []


def test_unsubscribe_token_mutes_the_topic(topic, member):
    set_follow_level(member, topic.community, FollowLevel.WATCHING, topic)
    user, muted = unsubscribe(unsubscribe_token(member, topic.community, topic), topic.community)
    assert user == member and muted == topic
    assert topic.follows.get(user=member).level == FollowLevel.MUTED


def test_tampered_unsubscribe_token_is_refused(topic, member):
    token = unsubscribe_token(member, topic.community, topic)
    with pytest.raises(CommunityDenied):
        unsubscribe(token[:-2] + "xx", topic.community)


def test_profile_switch_turns_community_emails_off(topic, coordinator, member):
    set_follow_level(member, topic.community, FollowLevel.WATCHING, topic)
    member.notify_communities = False
    member.save(update_fields=["notify_communities"])
    assert recipients_for(reply_to_topic(topic, "x", actor=coordinator)) == []


def test_email_in_the_recipients_language(
    topic, coordinator, member, django_capture_on_commit_callbacks
):
    set_follow_level(member, topic.community, FollowLevel.WATCHING, topic)
    member.preferred_language = "en"
    member.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_topic(topic, "hello", actor=coordinator)
    assert "Stop e-mails about this discussion" in mail.outbox[0].body


def test_followers_are_emailed_through_the_task_queue(topic, member, monkeypatch):
    from communities import discussions

    enqueued = []
    monkeypatch.setattr(
        discussions, "enqueue_on_commit", lambda task_, *args: enqueued.append((task_, args))
    )
    post = reply_to_topic(topic, "Una risposta", actor=member)
    assert enqueued == [(discussions.send_new_post_notifications, (post.pk,))]
    assert mail.outbox == []  # the request itself sends nothing
