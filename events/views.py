"""Pages for people (register, cancel, my registrations, calendars, follow-up) and the host
dashboard. Views are thin: parse input with a form, call ``events.services``, render."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from events import services
from events.calendar import build_calendar
from events.forms import (
    FeedForm,
    FollowupForm,
)
from events.models import CalendarFeed, Registration, Session
from events.notifications import followup_content_types
from events.selectors import free_seats, with_counts
from members.permissions import can_view_page

Status = Registration.Status


# --- The register / cancel button --------------------------------------------------------------


@dataclass
class SessionState:
    """Where the person stands for one session, as the button shows it."""

    session: Session
    free_seats: int | None
    waitlist_length: int
    registration: Registration | None
    state: str
    #: "register", "waitlist", "cancel" or "" (no button).
    action: str = ""


def session_states_for(page: Page, user) -> list[SessionState]:
    """The sessions of a page with seats, waiting list and the person's state (2 queries)."""
    sessions = list(with_counts(Session.objects.filter(page=page)).order_by("starts_at", "pk"))
    for session in sessions:
        session.page = page  # no query per session when templates print it
    mine: dict[int, Registration] = {}
    if user.is_authenticated and sessions:
        for registration in Registration.objects.filter(
            user=user, session__in=sessions, status__in=Registration.ACTIVE
        ):
            mine[registration.session_id] = registration
    alternatives = services.policy_of(page).alternatives
    now = timezone.now()
    states = []
    for session in sessions:
        registration = mine.get(session.pk)
        state, action = _state_of(session, registration, user, now)
        if (
            action in ("register", "waitlist")
            and alternatives
            and any(other != session.pk for other in mine)
        ):
            state, action = "other_date", ""
        for_display = free_seats(session)
        states.append(
            SessionState(session, for_display, session.waitlist_length, registration, state, action)
        )
    return states


def _state_of(session: Session, registration: Registration | None, user, now) -> tuple[str, str]:
    if registration is not None:
        action = "cancel" if registration.status in Registration.CANCELLABLE else ""
        if session.starts_at <= now:
            action = ""
        return registration.status, action
    if session.status == Session.Status.CANCELLED:
        return "session_cancelled", ""
    if session.status == Session.Status.CLOSED or session.ends_at < now:
        return "closed", ""
    if session.registration_opens_at and now < session.registration_opens_at:
        return "not_yet_open", ""
    if now > session.effective_deadline:
        return "deadline_passed", ""
    if not user.is_authenticated:
        return "sign_in", ""
    if session.capacity is not None and session.seats_taken >= session.capacity:
        return "full", "waitlist"
    return "available", "register"


def refuse(request: HttpRequest, message, back: str, status: int = 400) -> HttpResponse:
    """The page that says why a request was refused, with a way back."""
    return render(
        request,
        "events/registration_error.html",
        {"message": message, "back_url": back},
        status=status,
    )


def error_response(
    request: HttpRequest, error: services.RegistrationError, back: str
) -> HttpResponse:
    return refuse(request, error.message, back, error.status_code)


def _live_session_or_404(session_id: int, request: HttpRequest | None = None) -> Session:
    session = Session.objects.select_related("page").filter(pk=session_id).first()
    if session is None or not session.page.live:
        raise Http404
    # Page privacy (view restrictions of the page and its ancestors) is one rule for all.
    if request is not None and not can_view_page(request.user, session.page, request):
        raise Http404
    return session


@login_required
@require_POST
def register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _live_session_or_404(session_id, request)
    back = session.page.url or "/"
    try:
        registration = services.register_for_session(session, request.user)
    except services.RegistrationError as error:
        return error_response(request, error, back)
    if registration.status == Status.WAITLISTED:
        messages.info(
            request,
            _("The session is full: you are number %(position)d on the waiting list.")
            % {"position": registration.waitlist_position},
        )
    elif registration.status == Status.PENDING:
        messages.success(
            request, _("Registration received: the host will confirm it. Your seat is held.")
        )
    else:
        messages.success(request, _("You are registered. A confirmation e-mail is on its way."))
    return redirect(back + f"#session-{session.pk}")


@login_required
@require_POST
def cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("session__page"), pk=registration_id, user=request.user
    )
    back = request.POST.get("next") or registration.session.page.url or "/"
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    try:
        services.cancel_registration(registration, actor=request.user)
    except services.RegistrationError as error:
        return error_response(request, error, back)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(back)


# --- My registrations, calendars, follow-up ----------------------------------------------------


@login_required
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = list(
        Registration.objects.filter(user=request.user)
        .exclude(status=Status.CANCELLED)
        .select_related("session__page")
        .order_by("-session__starts_at", "-pk")
    )
    asks_followup = {content_type.pk for content_type in followup_content_types()}
    for registration in registrations:
        registration.asks_followup = registration.session.page.content_type_id in asks_followup
    now = timezone.now()
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "events/my_registrations.html",
        {
            "upcoming": [r for r in registrations if r.session.ends_at >= now],
            "past": [r for r in registrations if r.session.ends_at < now],
            "feed_url": request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
            if feed
            else "",
            "now": now,
        },
    )


@login_required
@require_POST
def manage_feed(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Unknown action."), reverse("events:my_registrations"))
    CalendarFeed.objects.filter(user=request.user).delete()
    if form.cleaned_data["action"] == "create":
        CalendarFeed.objects.create(user=request.user)
        messages.success(
            request, _("Your private calendar link is ready. Any old link stops working.")
        )
    else:
        messages.success(request, _("Your private calendar link has been revoked."))
    return redirect("events:my_registrations")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    if "\x00" in token:  # PostgreSQL refuses NUL in text: not a token, so not found
        raise Http404
    calendar_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if calendar_feed is None:
        raise Http404
    sessions = (
        Session.objects.filter(
            registrations__user=calendar_feed.user,
            registrations__status__in=[Status.CONFIRMED, Status.PENDING, Status.ATTENDED],
        )
        .select_related("page")
        .order_by("starts_at")
        .distinct()
    )
    body = build_calendar(sessions, _("My exchanges"), calendar_feed.user)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
def session_ics(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _live_session_or_404(session_id, request)
    response = HttpResponse(
        build_calendar([session], session.page.title, request.user, request),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="sessione-{session.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("session__page"), pk=registration_id, user=request.user
    )
    asks_followup = {content_type.pk for content_type in followup_content_types()}
    if (
        registration.status != Status.ATTENDED
        or registration.session.page.content_type_id not in asks_followup
    ):
        raise Http404
    form = FollowupForm(request.POST or None, initial={"answer": registration.followup_answer})
    if request.method == "POST":
        if form.is_valid():
            services.answer_followup(registration, form.cleaned_data["answer"])
            messages.success(request, _("Thank you: your answer has been recorded."))
            return redirect("events:my_registrations")
        return render(
            request,
            "events/followup.html",
            {"form": form, "registration": registration},
            status=400,
        )
    return render(request, "events/followup.html", {"form": form, "registration": registration})
