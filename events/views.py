"""Pages for people (register, cancel, my registrations, calendars, follow-up) and the host
dashboard. Views are thin: parse input with a form, call ``events.services``, render."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
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
    RegistrationAnswersForm,
)
from events.models import (
    SEAT_OFFER_SALT,
    CalendarFeed,
    Registration,
    RegistrationQuestion,
    Session,
)
from events.notifications import followup_content_types
from events.services import availability
from members.models import User
from members.permissions import can_view_page

Status = Registration.Status


# --- The register / cancel button --------------------------------------------------------------

# The state is the engine's (``events.services.availability``); views and pages show it.
SessionState = availability.SessionState
session_states_for = availability.session_states_for


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


def _questions_of(page: Page) -> list[RegistrationQuestion]:
    return list(RegistrationQuestion.objects.filter(page=page).order_by("sort_order", "pk"))


def _state_fragment(request: HttpRequest, session: Session) -> HttpResponse:
    """The session's state and button, for htmx to swap in place (the messages come with it,
    so what a reload would say is said there), and the card's free-seat figure out of band."""
    page = session.page.specific
    item = next(s for s in session_states_for(page, request.user) if s.session.pk == session.pk)
    return render(
        request,
        "events/includes/session_state_fragment.html",
        {"item": item, "page": page, "fragment": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, session_id: int) -> HttpResponse:
    """Register for a session. A page with registration questions shows them first (GET, or
    a POST with errors: 400, the answers kept); the engine checks them again."""
    session = _live_session_or_404(session_id, request)
    back = session.page.url or "/"
    questions = _questions_of(session.page)
    answers = None
    if questions:
        form = RegistrationAnswersForm(
            questions, request.POST if request.method == "POST" else None
        )
        if request.method == "GET" or not form.is_valid():
            return render(
                request,
                "events/register_form.html",
                {"session": session, "form": form, "back_url": back},
                status=200 if request.method == "GET" else 400,
            )
        answers = form.answers()
    elif request.method == "GET":
        return redirect(back + f"#session-{session.pk}")
    try:
        registration = services.register_for_session(session, request.user, answers=answers)
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
    if request.htmx and not questions:
        return _state_fragment(request, session)
    return redirect(back + f"#session-{session.pk}")


def _safe_next(request: HttpRequest, fallback: str) -> str:
    back = request.POST.get("next") or request.GET.get("next") or fallback
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return "/"
    return back


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    """Cancel one's registration: a confirmation page first (GET; it works without
    JavaScript), then the POST cancels, an e-mail confirms and the seat goes to the next
    person waiting."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__page"), pk=registration_id, user=request.user
    )
    back = _safe_next(request, registration.session.page.url or "/")
    if request.method == "GET":
        if not registration.can_be_cancelled:
            return refuse(request, _("This registration can no longer be cancelled."), back, 409)
        context = {"registration": registration, "session": registration.session}
        if request.htmx:  # the question in place of the button, then the state again
            context.update(back_url=back, fragment=True)
            return render(request, "events/includes/cancel_confirm_form.html", context)
        return render(request, "events/cancel_confirm.html", {**context, "back_url": back})
    try:
        services.cancel_registration(registration, actor=request.user)
    except services.RegistrationError as error:
        return error_response(request, error, back)
    messages.success(request, _("Your registration has been cancelled. An e-mail confirms it."))
    if request.htmx:
        return _state_fragment(request, registration.session)
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


@require_http_methods(["GET", "POST"])
def seat_offer(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link of the seat-offer e-mail: GET shows the offer, POST accepts or declines
    it through the engine. The token is the authorisation (she may read the e-mail signed out)."""
    try:
        data = signing.loads(token, salt=SEAT_OFFER_SALT, max_age=timedelta(days=31))
    except signing.BadSignature:
        raise Http404 from None
    registration = get_object_or_404(
        Registration.objects.select_related("session__page", "user"), pk=data.get("r")
    )
    session = registration.session
    back = session.page.url or "/"
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_seat_offer(registration)
                messages.success(
                    request, _("The seat is yours. A confirmation e-mail is on its way.")
                )
            elif action == "decline":
                services.decline_seat_offer(registration)
                messages.success(request, _("Thank you: the seat goes to the next person waiting."))
            else:
                return refuse(request, _("Unknown action."), back)
        except services.RegistrationError as error:
            return error_response(request, error, back)
        return redirect(back + f"#session-{session.pk}")
    return render(
        request,
        "events/seat_offer.html",
        {
            "registration": registration,
            "session": session,
            "open": registration.status == Status.OFFERED,
            "back_url": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_registration(request: HttpRequest, registration_id: int) -> HttpResponse:
    """Change date (another date of the same exchange, in one step that keeps the current seat
    until the new one is secured) or hand the seat to a colleague of the same organisation."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__page", "organisation"),
        pk=registration_id,
        user=request.user,
        status__in=[Status.CONFIRMED, Status.PENDING],
    )
    session = registration.session
    back = session.page.url or "/"
    others = [
        state
        for state in session_states_for(session.page.specific, request.user)
        if state.session.pk != session.pk
        and state.session.status == Session.Status.OPEN
        and state.session.starts_at > timezone.now()
    ]
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "change_date":
                try:
                    to_id = int(request.POST.get("session", ""))
                except ValueError:
                    return refuse(request, _("Choose one of the dates."), back)
                if to_id not in {state.session.pk for state in others}:
                    return refuse(request, _("Choose one of the dates."), back)
                services.change_date(registration, to_id, actor=request.user)
                messages.success(request, _("Your date has changed. An e-mail confirms it."))
            elif action == "transfer":
                email = (request.POST.get("email") or "").strip()
                colleague = User.objects.filter(email__iexact=email, is_active=True).first()
                if not email or colleague is None:
                    return refuse(
                        request,
                        _("Nobody with that e-mail address is a member of the platform."),
                        back,
                    )
                services.transfer_registration(registration, colleague, actor=request.user)
                messages.success(
                    request, _("Your seat has gone to your colleague: you are both told.")
                )
            else:
                return refuse(request, _("Unknown action."), back)
        except services.RegistrationError as error:
            return error_response(request, error, back)
        return redirect(back)
    return render(
        request,
        "events/change_registration.html",
        {"registration": registration, "session": session, "others": others, "back_url": back},
    )
