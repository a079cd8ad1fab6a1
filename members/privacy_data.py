"""The members app's parts of the personal-data registry (``members.privacy``): the account,
memberships and their decisions, e-mail addresses, and what the Wagtail and Django admins store
about an editor (pages, revisions, comments, uploads, logs, preferences).

Imported by ``members.apps.MembersConfig.ready``.
"""

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from members.models import Membership, User
from members.privacy import register_personal_data


def export_account(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role_category,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "visible_in_directory": user.visible_in_directory,
        "notifications": {
            "reminders": user.notify_reminders,
            "communities": user.notify_communities,
            "new_content": user.notify_new_content,
        },
        "areas_of_interest": [theme.name_it for theme in user.interests.all()],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def export_memberships(user: User) -> list[dict]:
    """Her memberships with their whole history, rejected and ended ones too."""
    return [
        {
            "organisation": membership.organisation.name,
            "role": membership.role,
            "status": membership.status,
            "requested_at": membership.created_at,
            "decided_at": membership.decided_at,
        }
        for membership in Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
    ]


def export_membership_decisions(user: User) -> list[dict]:
    """The requests she decided as an organisation admin (whose they were is not hers)."""
    return list(
        Membership.objects.filter(decided_by=user)
        .order_by("decided_at")
        .values("organisation__name", "status", "decided_at")
    )


def anonymise_decisions(user: User) -> None:
    # Memberships she decided on stay; "decided by" is SET_NULL by the database anyway.
    Membership.objects.filter(decided_by=user).update(decided_by=None)


def export_email_addresses(user: User) -> list[dict]:
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user)
    ]


def export_editorial_work(user: User) -> dict:
    """What the Wagtail admin records of her work as an editor."""
    return {
        "pages_created": [
            {"title": page.title, "live": page.live, "first_published_at": page.first_published_at}
            for page in Page.objects.filter(owner=user).order_by("pk")
        ],
        "pages_locked": list(Page.objects.filter(locked_by=user).values_list("title", flat=True)),
        "revisions_saved": Revision.objects.filter(user=user).count(),
        "moderation_requests": WorkflowState.objects.filter(requested_by=user).count(),
        "moderation_tasks_decided": TaskState.objects.filter(finished_by=user).count(),
        "comments": [
            {"page": comment.page.title, "text": comment.text, "created_at": comment.created_at}
            for comment in Comment.objects.filter(user=user).select_related("page")
        ],
        "comment_replies": list(
            CommentReply.objects.filter(user=user).values("text", "created_at")
        ),
        "comments_resolved": Comment.objects.filter(resolved_by=user).count(),
        "page_subscriptions": list(
            PageSubscription.objects.filter(user=user).values_list("page__title", flat=True)
        ),
        "log": [
            {"action": entry.action, "label": entry.label, "at": entry.timestamp}
            for queryset in (PageLogEntry.objects, ModelLogEntry.objects)
            for entry in queryset.filter(user=user).order_by("timestamp")
        ],
        "django_admin_log": LogEntry.objects.filter(user=user).count(),
        "open_editing_sessions": EditingSession.objects.filter(user=user).count(),
        "saved_form_states": FormState.objects.filter(user=user).count(),
    }


def export_uploads(user: User) -> dict:
    documents = get_document_model().objects.filter(uploaded_by_user=user)
    images = get_image_model().objects.filter(uploaded_by_user=user)
    return {
        "documents": [{"title": d.title, "created_at": d.created_at} for d in documents],
        "images": [{"title": i.title, "created_at": i.created_at} for i in images],
        "unfinished_uploads": UploadedFile.objects.filter(uploaded_by_user=user).count(),
    }


def export_admin_preferences(user: User) -> dict | None:
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "time_zone": profile.current_time_zone,
        "notifications": {
            "submitted": profile.submitted_notifications,
            "approved": profile.approved_notifications,
            "rejected": profile.rejected_notifications,
            "comments": profile.updated_comments_notifications,
        },
    }


def export_api_tokens(user: User) -> list[dict]:
    # Only the label and the dates: the token itself is stored as a digest and never shown again.
    return list(user.api_tokens.values("name", "created", "revoked_at", "last_used_at"))


register_personal_data(
    "account",
    export_account,
    # The groups and permissions of the account row go with it.
)
register_personal_data("memberships", export_memberships, covers=["members.Membership.user"])
register_personal_data(
    "membership_decisions",
    export_membership_decisions,
    anonymise_decisions,
    covers=["members.Membership.decided_by"],
    kept=_(
        "Requests you decided as an organisation admin stay, without your name, so the "
        "organisation knows when its members joined."
    ),
)
register_personal_data(
    "email_addresses", export_email_addresses, covers=["account.EmailAddress.user"]
)
register_personal_data(
    "editorial_work",
    export_editorial_work,
    covers=[
        "wagtailcore.Page.owner",
        "wagtailcore.Page.locked_by",
        "wagtailcore.Revision.user",
        "wagtailcore.WorkflowState.requested_by",
        "wagtailcore.TaskState.finished_by",
        "wagtailcore.Comment.user",
        "wagtailcore.Comment.resolved_by",
        "wagtailcore.CommentReply.user",
        "wagtailcore.PageSubscription.user",
        "wagtailcore.PageLogEntry.user",
        "wagtailcore.ModelLogEntry.user",
        "admin.LogEntry.user",
        "wagtailadmin.EditingSession.user",
        "wagtailadmin.FormState.user",
    ],
    kept=_(
        "Pages you wrote and their revisions stay, published under your organisation, without "
        "your name; the editorial log keeps only the number of the deleted account, so the "
        "history of a page stays readable. Your comments in the editor are deleted."
    ),
)
register_personal_data(
    "uploads",
    export_uploads,
    covers=[
        "wagtaildocs.Document.uploaded_by_user",
        "wagtailimages.Image.uploaded_by_user",
        "wagtailcore.UploadedFile.uploaded_by_user",
    ],
    kept=_("Documents and images you uploaded stay where pages use them, without your name."),
)
register_personal_data(
    "admin_preferences", export_admin_preferences, covers=["wagtailusers.UserProfile.user"]
)
register_personal_data("api_tokens", export_api_tokens, covers=["wagtailcore.APIToken.user"])
