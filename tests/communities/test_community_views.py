"""Every community view, for every kind of visitor (table-driven), plus bad input."""

import pytest
from django.core import mail

from communities.discussions import unsubscribe_token
from communities.models import CommunityMembership, Post, Topic
from tests.communities.factories import make_community, make_coordinator_user

LOGIN = "/accounts/login/"


def url(community, suffix=""):
    return community.url + suffix


@pytest.fixture
def people(community, coordinator, member, outsider):
    return {"anonymous": None, "outsider": outsider, "member": member, "coordinator": coordinator}


def as_(client, person):
    if person is not None:
        client.force_login(person)
    return client


# (who, method, route suffix, data, expected status or "login")
PUBLIC_COMMUNITY_CASES = [
    ("anonymous", "get", "", None, 200),
    ("anonymous", "get", "discussioni/", None, 200),
    ("anonymous", "get", "discussioni/{topic}/", None, 200),
    ("anonymous", "get", "calendario/", None, 200),
    ("anonymous", "get", "membri/", None, "login"),
    ("outsider", "get", "membri/", None, 403),
    ("member", "get", "membri/", None, 200),
    ("anonymous", "get", "discussioni/nuova/", None, "login"),
    ("outsider", "get", "discussioni/nuova/", None, 403),
    ("member", "get", "discussioni/nuova/", None, 200),
    ("anonymous", "post", "iscrizione/", {}, "login"),
    ("outsider", "get", "iscrizione/", None, 405),
    ("outsider", "post", "iscrizione/", {}, 302),
    ("anonymous", "post", "discussioni/{topic}/", {"body": "ciao"}, "login"),
    ("outsider", "post", "discussioni/{topic}/", {"body": "ciao"}, 403),
    ("member", "post", "discussioni/{topic}/", {"body": "ciao"}, 302),
    ("outsider", "post", "discussioni/{topic}/blocco/", {"action": "lock"}, 403),
    ("member", "post", "discussioni/{topic}/blocco/", {"action": "lock"}, 403),
    ("coordinator", "post", "discussioni/{topic}/blocco/", {"action": "lock"}, 302),
    ("member", "post", "messaggi/{post}/nascondi/", {"action": "hide", "reason": "x"}, 403),
    ("coordinator", "post", "messaggi/{post}/nascondi/", {"action": "hide", "reason": "x"}, 302),
    ("member", "get", "messaggi/{post}/modifica/", None, 403),
    ("coordinator", "get", "messaggi/{post}/modifica/", None, 200),
    ("anonymous", "get", "messaggi/{post}/modifica/", None, "login"),
    ("outsider", "post", "discussioni/{topic}/segui/", {"level": "watching"}, 403),
    ("member", "post", "discussioni/{topic}/segui/", {"level": "watching"}, 302),
    ("member", "post", "segui/", {"level": "muted"}, 302),
    ("outsider", "post", "segui/", {"level": "muted"}, 403),
    ("member", "post", "membri/{membership}/decisione/", {"action": "approve"}, 403),
    ("anonymous", "get", "discussioni/999999/", None, 404),
    ("member", "get", "messaggi/999999/modifica/", None, 404),
]


@pytest.mark.parametrize(("who", "method", "suffix", "data", "expected"), PUBLIC_COMMUNITY_CASES)
def test_public_community_permissions(
    client, people, community, topic, who, method, suffix, data, expected
):
    membership = CommunityMembership.objects.filter(community=community).first()
    path = url(
        community,
        suffix.format(topic=topic.pk, post=topic.posts.get().pk, membership=membership.pk),
    )
    response = getattr(as_(client, people[who]), method)(path, data or {})
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    else:
        assert response.status_code == expected, response.content[:500]


MEMBERS_ONLY_CASES = [
    ("anonymous", "", 200),  # the page itself (description, meetings) is public
    ("anonymous", "discussioni/", 403),
    ("anonymous", "discussioni/{topic}/", 403),
    ("outsider", "discussioni/", 403),
    ("outsider", "discussioni/{topic}/", 403),
    ("member", "discussioni/", 200),
    ("member", "discussioni/{topic}/", 200),
    ("coordinator", "discussioni/{topic}/", 200),
]


@pytest.mark.parametrize(("who", "suffix", "expected"), MEMBERS_ONLY_CASES)
def test_members_only_community_permissions(
    client, people, community, topic, who, suffix, expected
):
    community.discussion_visibility = "members"
    community.save_revision().publish()
    response = as_(client, people[who]).get(url(community, suffix.format(topic=topic.pk)))
    assert response.status_code == expected
    if expected == 403:
        assert "riservate ai membri" in response.content.decode()
        assert topic.title not in response.content.decode()


def test_topic_of_another_community_is_404(client, community, member, site_tree):
    other = make_community("Rete Est")
    coordinator = make_coordinator_user(other)
    from communities.discussions import create_topic

    foreign = create_topic(other, "Segreto", "x", actor=coordinator)
    client.force_login(member)
    assert client.get(url(community, f"discussioni/{foreign.pk}/")).status_code == 404
    assert (
        client.post(url(community, f"discussioni/{foreign.pk}/"), {"body": "x"}).status_code == 404
    )


def test_one_megabyte_post_is_refused_with_a_clear_message(client, community, member, topic):
    client.force_login(member)
    response = client.post(url(community, f"discussioni/{topic.pk}/"), {"body": "a" * 1_000_000})
    assert response.status_code == 400
    assert "troppo lungo" in response.content.decode()
    assert topic.posts.count() == 1


def test_script_in_a_post_is_never_stored_raw(client, community, member, topic):
    client.force_login(member)
    client.post(
        url(community, f"discussioni/{topic.pk}/"),
        {"body": 'ciao <script>alert(1)</script><img src=x onerror="alert(2)">'},
    )
    post = topic.posts.last()
    assert "<script" not in post.body_html and "onerror" not in post.body_html
    page = client.get(url(community, f"discussioni/{topic.pk}/")).content.decode()
    assert "<script>alert(1)" not in page and 'onerror="alert(2)"' not in page


def test_reply_to_locked_topic_via_the_page(client, community, member, coordinator, topic):
    client.force_login(coordinator)
    client.post(url(community, f"discussioni/{topic.pk}/blocco/"), {"action": "lock"})
    client.force_login(member)
    response = client.post(url(community, f"discussioni/{topic.pk}/"), {"body": "ancora"})
    assert response.status_code == 403
    assert "bloccata" in response.content.decode()
    assert topic.posts.count() == 1


def test_new_topic_form_errors_are_400(client, community, member):
    client.force_login(member)
    response = client.post(url(community, "discussioni/nuova/"), {"title": "", "body": ""})
    assert response.status_code == 400
    assert Topic.objects.count() == 0


def test_quote_prefills_the_reply(client, community, member, topic):
    client.force_login(member)
    first = topic.posts.get()
    page = client.get(url(community, f"discussioni/{topic.pk}/?quote={first.pk}")).content.decode()
    assert "&gt; Primo messaggio" in page
    response = client.post(
        url(community, f"discussioni/{topic.pk}/"),
        {"body": "> Primo\n\nd'accordo", "quote": first.pk},
    )
    assert response.status_code == 302
    assert Post.objects.last().quoted == first


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "9" * 30])
def test_bad_quote_and_page_parameters_never_500(client, community, member, topic, bad):
    client.force_login(member)
    assert client.get(url(community, f"discussioni/{topic.pk}/?quote={bad}")).status_code == 200
    assert client.get(url(community, f"discussioni/?page={bad}")).status_code in (400, 404)
    response = client.post(url(community, f"discussioni/{topic.pk}/"), {"body": "x", "quote": bad})
    assert response.status_code in (302, 400)


def test_bad_follow_level_is_400(client, community, member, topic):
    client.force_login(member)
    assert client.post(url(community, "segui/"), {"level": "loud"}).status_code == 400


def test_join_by_request_and_coordinator_approves(client, site_tree):
    community = make_community("Rete Sud", mode="by_request")
    coordinator = make_coordinator_user(community)
    from tests.factories import UserFactory

    person = UserFactory(full_name="Paola Richiedente")
    client.force_login(person)
    client.post(url(community, "iscrizione/"))
    membership = CommunityMembership.objects.get(user=person)
    assert membership.status == "pending"
    client.force_login(coordinator)
    assert "Paola Richiedente" in client.get(community.url).content.decode()
    response = client.post(
        url(community, f"membri/{membership.pk}/decisione/"), {"action": "approve"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "active"


def test_one_click_unsubscribe_from_the_email(client, community, member, topic):
    token = unsubscribe_token(member, community, topic)
    assert client.get(f"/comunita-notifiche/disiscrizione/{token}/").status_code == 200
    assert not topic.follows.filter(user=member).exists()  # GET changes nothing
    response = client.post(f"/comunita-notifiche/disiscrizione/{token}/")
    assert response.status_code == 200
    assert topic.follows.get(user=member).level == "muted"
    assert client.post("/comunita-notifiche/disiscrizione/rotto/").status_code == 400


def test_watched_reply_reaches_the_watcher_by_email(
    client, community, member, coordinator, topic, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(url(community, f"discussioni/{topic.pk}/segui/"), {"level": "watching"})
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(community, f"discussioni/{topic.pk}/"), {"body": "Novità dal tavolo"})
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_edit_own_post_within_the_window(client, community, member, topic):
    from communities.discussions import reply_to_topic

    post = reply_to_topic(topic, "bozza", actor=member)
    client.force_login(member)
    response = client.post(url(community, f"messaggi/{post.pk}/modifica/"), {"body": "definitivo"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "definitivo"


def test_discussion_pages_query_counts_are_constant(
    client, community, coordinator, member, topic, django_assert_max_num_queries
):
    from communities.discussions import create_topic, reply_to_topic

    client.force_login(member)
    urls = [
        community.url + "discussioni/",
        community.url + f"discussioni/{topic.pk}/",
        community.url,
    ]
    counts = []
    for path in urls:
        with django_assert_max_num_queries(40) as captured:
            client.get(path)
        counts.append(len(captured.captured_queries))
    for number in range(8):
        create_topic(community, f"Tema {number}", "testo", actor=coordinator)
        reply_to_topic(topic, f"risposta {number}", quoted=topic.posts.first(), actor=coordinator)
    for path, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(path)
