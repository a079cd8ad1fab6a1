"""Communities of administrators and their discussions.

A community is a Wagtail page (editors write its description) under the community index;
membership, topics, posts and follow settings are plain rows. The use cases live in
``communities.services``; the views in ``communities.views`` are routed by the
community page itself (``RoutablePageMixin``), so every URL of a community sits under its page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.models import RICH_TEXT_FEATURES, SectionIndexPage


class CommunityIndexPage(SectionIndexPage):
    """The list of communities of administrators ("Comunità")."""

    empty_message = _("No community has been opened yet.")

    class Meta:
        db_table = "members_communityindexpage"  # the table from before the move
        verbose_name = _("community index page")


class CommunityPage(RoutablePageMixin, Page):
    """A community of administrators (e.g. a regional network) that meets at working tables and
    discusses between meetings. Editors write the description; members join on the page."""

    class MembershipMode(models.TextChoices):
        OPEN = "open", _("Open: anyone signed in can join")
        BY_REQUEST = "by_request", _("By request: a coordinator approves")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read the discussions")
        MEMBERS = "members", _("Members only")

    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown in lists and under the title."),
    )
    description = RichTextField(
        _("description"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Who the community brings together, why and how it works."),
    )
    regions = ParentalManyToManyField(
        "members.Region",
        blank=True,
        related_name="communities",
        verbose_name=_("area"),
        help_text=_("The regions the community covers."),
    )
    membership_mode = models.CharField(
        _("membership"),
        max_length=16,
        choices=MembershipMode.choices,
        default=MembershipMode.OPEN,
        help_text=_("Whether people join at once or after a coordinator's approval."),
    )
    discussion_visibility = models.CharField(
        _("discussions visible to"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Who can read the discussions of the community."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("regions"),
        FieldPanel("membership_mode"),
        FieldPanel("discussion_visibility"),
    ]

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        db_table = "members_communitypage"  # the table from before the move
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    # Routes: thin wrappers around communities.views (imported late: views import models).
    def get_context(self, request, *args, **kwargs):
        from communities import views as community_views

        context = super().get_context(request, *args, **kwargs)
        context.update(community_views.community_context(request, self))
        return context

    @path("membri/", name="members")
    def members_route(self, request):
        from communities import views as community_views

        return community_views.member_directory(request, self)

    @path("iscrizione/", name="join")
    def join_route(self, request):
        from communities import views as community_views

        return community_views.join(request, self)

    @path("uscita/", name="leave")
    def leave_route(self, request):
        from communities import views as community_views

        return community_views.leave(request, self)

    @path("membri/<int:membership_id>/decisione/", name="decide")
    def decide_route(self, request, membership_id):
        from communities import views as community_views

        return community_views.decide_membership(request, self, membership_id)

    @path("membri/<int:membership_id>/ruolo/", name="role")
    def role_route(self, request, membership_id):
        from communities import views as community_views

        return community_views.change_role(request, self, membership_id)

    @path("segui/", name="follow")
    def follow_route(self, request):
        from communities import views as community_views

        return community_views.follow_community(request, self)

    @path("discussioni/", name="topics")
    def topics_route(self, request):
        from communities import discussion_views

        return discussion_views.topic_list(request, self)

    @path("discussioni/nuova/", name="topic_new")
    def topic_new_route(self, request):
        from communities import discussion_views

        return discussion_views.topic_create(request, self)

    @path("discussioni/<int:topic_id>/", name="topic")
    def topic_route(self, request, topic_id):
        from communities import discussion_views

        return discussion_views.topic_detail(request, self, topic_id)

    @path("discussioni/<int:topic_id>/segui/", name="topic_follow")
    def topic_follow_route(self, request, topic_id):
        from communities import discussion_views

        return discussion_views.follow_topic(request, self, topic_id)

    @path("discussioni/<int:topic_id>/blocco/", name="topic_lock")
    def topic_lock_route(self, request, topic_id):
        from communities import discussion_views

        return discussion_views.lock_topic(request, self, topic_id)

    @path("messaggi/<int:post_id>/modifica/", name="post_edit")
    def post_edit_route(self, request, post_id):
        from communities import discussion_views

        return discussion_views.post_edit(request, self, post_id)

    @path("messaggi/<int:post_id>/nascondi/", name="post_hide")
    def post_hide_route(self, request, post_id):
        from communities import discussion_views

        return discussion_views.post_hide(request, self, post_id)

    @path("calendario/", name="ics")
    def ics_route(self, request):
        from communities import views as community_views

        return community_views.meetings_ics(request, self)

    def subpage_url(self, name: str, *args) -> str:
        """The URL of one of the community's own routes, e.g. ``subpage_url("topic", 3)``."""
        return self.url + self.reverse_subpage(name, args=args)


class CommunityMembership(models.Model):
    """A person in a community: a member or a coordinator. By-request communities start her as
    pending until a coordinator approves; leaving keeps the row (status "left") for history."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Member")
        LEFT = "left", _("Left")
        DECLINED = "declined", _("Declined")

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    community = models.ForeignKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        db_table = "members_communitymembership"  # the table from before the move
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.community} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == self.Role.COORDINATOR


class Topic(models.Model):
    """A discussion inside a community. Its opening text is its first post, so editing,
    quoting and moderation work the same way for every message."""

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="topics", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last message at"), db_index=True)
    post_count = models.PositiveIntegerField(_("messages"), default=0)

    class Meta:
        db_table = "members_topic"  # the table from before the move
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_post_at"]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """A message in a discussion, written in Markdown. The sanitised HTML is stored next to the
    source, so nothing raw ever reaches a page."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("discussion")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("text (sanitised HTML)"), editable=False)
    quoted = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quoted message"),
    )
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        db_table = "members_post"  # the table from before the move
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class FollowLevel(models.TextChoices):
    MUTED = "muted", _("Muted: no e-mail")
    NORMAL = "normal", _("Normal: e-mail when someone quotes me")
    WATCHING = "watching", _("Watching: e-mail for every new message")


class Follow(models.Model):
    """How closely a person follows a community (topic empty) or one of its discussions.

    Without a row the level is "normal"; a topic's own setting wins over the community's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_follows",
        verbose_name=_("person"),
    )
    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="follows", verbose_name=_("community")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("discussion"),
    )
    level = models.CharField(
        _("level"), max_length=16, choices=FollowLevel.choices, default=FollowLevel.NORMAL
    )

    class Meta:
        db_table = "members_follow"  # the table from before the move
        verbose_name = _("follow setting")
        verbose_name_plural = _("follow settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=models.Q(topic__isnull=True),
                name="follow_one_per_community",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="follow_one_per_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.topic or self.community}: {self.level}"
