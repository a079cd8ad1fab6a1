"""Pages for people (register, cancel, my registrations, calendars, follow-up) and the host
dashboard. Views are thin: parse input with a form, call ``events.services``, render."""

import csv
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page, get_page_models

from core.spreadsheets import safe_cell
from events import registry, services
from events.calendar import build_calendar
from events.emails import send_message_to_participants
from events.forms import (
    CapacityForm,
    FeedForm,
    FollowupForm,
    HostActionForm,
    HostNoticesForm,
    MessageForm,
)
from events.hosts import notices_of, set_notices
from events.models import CalendarFeed, Registration, RegistrationPolicy, Session
from events.notifications import followup_content_types
from events.selectors import free_seats, with_counts
from members.models import OwnedByOrganisation
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


def _refuse(request: HttpRequest, message, back: str, status: int = 400) -> HttpResponse:
    """The page that says why a request was refused, with a way back."""
    return render(
        request,
        "events/registration_error.html",
        {"message": message, "back_url": back},
        status=status,
    )


def _error_response(
    request: HttpRequest, error: services.RegistrationError, back: str
) -> HttpResponse:
    return _refuse(request, error.message, back, error.status_code)


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
        return _error_response(request, error, back)
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
        return _error_response(request, error, back)
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
        return _refuse(request, _("Unknown action."), reverse("events:my_registrations"))
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


# --- Host dashboard -----------------------------------------------------------------------------


def _managed_page_ids(user) -> list[int] | None:
    """Pages with sessions the person manages; None means every page (platform staff):
    the pages taking registrations hosted by her organisations (as editor or admin), and the
    pages a client app says she manages (``events.registry``: e.g. the meetings of the
    communities she coordinates)."""
    organisation_ids = services.managed_organisation_ids(user)
    if organisation_ids is None:
        return None
    page_ids = registry.extra_managed_page_ids(user)
    if not organisation_ids and not page_ids:
        raise PermissionDenied
    registration_models = tuple(registry.registration_page_models())
    for model in get_page_models():
        takes_registrations = issubclass(model, RegistrationPolicy) or issubclass(
            model, registration_models
        )
        if issubclass(model, OwnedByOrganisation) and takes_registrations:
            page_ids += model.objects.filter(organisation_id__in=organisation_ids).values_list(
                "pk", flat=True
            )
    return page_ids


def get_managed_session_or_404(user, session_id: int) -> Session:
    """Fetch-and-check: the session, if the person manages it. Members who manage nothing get
    403; a session of another organisation (or none) is 404."""
    page_ids = _managed_page_ids(user)
    sessions = Session.objects.select_related("page")
    if page_ids is not None:
        sessions = sessions.filter(page_id__in=page_ids)
    session = sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def get_managed_registration_or_404(user, registration_id: int) -> Registration:
    registration = get_object_or_404(Registration, pk=registration_id)
    get_managed_session_or_404(user, registration.session_id)
    return registration


@login_required
@require_GET
def host_sessions(request: HttpRequest) -> HttpResponse:
    page_ids = _managed_page_ids(request.user)
    sessions = with_counts(Session.objects.select_related("page")).order_by("-starts_at", "pk")
    if page_ids is not None:
        sessions = sessions.filter(page_id__in=page_ids)
    notices_form = HostNoticesForm(initial={"approval_notices": notices_of(request.user)})
    return render(
        request,
        "events/host_sessions.html",
        {"sessions": sessions[:200], "notices_form": notices_form},
    )


@login_required
@require_POST
def host_notices(request: HttpRequest) -> HttpResponse:
    """The host chooses one e-mail per registration waiting for approval, or a daily summary."""
    _managed_page_ids(request.user)  # 403 for people who manage nothing
    form = HostNoticesForm(request.POST)
    back = reverse("events:host_sessions")
    if not form.is_valid():
        return _refuse(request, _("Choose one of the options."), back)
    set_notices(request.user, form.cleaned_data["approval_notices"], actor=request.user)
    messages.success(request, _("Your choice is saved."))
    return redirect(back)


@login_required
@require_GET
def host_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    registrations = list(
        session.registrations.select_related("user", "organisation")
        .prefetch_related("events__actor")
        .order_by("status", "waitlist_position", "created_at")
    )
    counts = with_counts(Session.objects.filter(pk=session.pk)).get()
    return render(
        request,
        "events/host_session.html",
        {
            "session": session,
            "registrations": registrations,
            "seats_taken": counts.seats_taken,
            "waitlist_length": counts.waitlist_length,
            "capacity_form": CapacityForm(initial={"capacity": session.capacity}),
            "message_form": MessageForm(),
            "started": session.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def host_action(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_managed_registration_or_404(request.user, registration_id)
    back = reverse("events:host_session", args=[registration.session_id])
    form = HostActionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, _("Unknown action."), back)
    action, user = form.cleaned_data["action"], request.user
    try:
        if action == "approve":
            services.approve_registration(registration, actor=user)
        elif action == "decline":
            services.decline_registration(registration, actor=user)
        elif action == "cancel":
            services.cancel_registration(registration, actor=user, note="cancelled by the host")
        else:
            services.mark_attendance(registration, attended=action == "attended", actor=user)
    except services.RegistrationError as error:
        return _error_response(request, error, back)
    messages.success(request, _("Registration updated."))
    return redirect(back)


@login_required
@require_POST
def host_capacity(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    form = CapacityForm(request.POST)
    if not form.is_valid():
        return _refuse(
            request, _("The number of seats must be a whole number, zero or more."), back
        )
    try:
        services.change_capacity(session, form.cleaned_data["capacity"], actor=request.user)
    except services.RegistrationError as error:
        return _error_response(request, error, back)
    messages.success(request, _("Seats updated."))
    return redirect(back)


@login_required
@require_POST
def host_message(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    form = MessageForm(request.POST)
    if form.has_error("subject", code="multiline"):
        return _refuse(request, form.errors["subject"][0], back)
    if not form.is_valid():
        return _refuse(request, _("Write a subject and a message."), back)
    sent = send_message_to_participants(
        session, form.cleaned_data["subject"], form.cleaned_data["body"], request.user
    )
    messages.success(request, _("Message sent to %(count)d people.") % {"count": sent})
    return redirect(back)


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas in user-written text."""
    return safe_cell("" if value is None else str(value))


@login_required
@require_GET
def host_csv(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iscrizioni-sessione-{session.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Status"),
            _("Waiting list position"),
            _("Registered at"),
        ]
    )
    for registration in session.registrations.select_related("user", "organisation").order_by(
        "created_at", "pk"
    ):
        writer.writerow(
            [
                _csv_cell(
                    registration.user.get_full_name() if registration.user else _("Deleted account")
                ),
                _csv_cell(registration.user.email if registration.user else ""),
                _csv_cell(registration.organisation or ""),
                registration.get_status_display(),
                registration.waitlist_position or "",
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
            ]
        )
    return response
