"""The host dashboard: the sessions a person manages, their registrations, capacity, messages
and the CSV export. Thin views over ``events.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import get_page_models

from events import certificates, exports, registry, services
from events.emails import send_message_to_participants
from events.forms import (
    CancelSessionForm,
    CapacityForm,
    HostActionForm,
    HostNoticesForm,
    MessageForm,
    MoveSessionForm,
)
from events.hosts import notices_of, set_notices
from events.models import Registration, RegistrationPolicy, Session
from events.selectors import with_counts
from events.views import error_response, refuse
from members.models import OwnedByOrganisation

Status = Registration.Status


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
    sessions = list(sessions[:200])
    notices_form = HostNoticesForm(initial={"approval_notices": notices_of(request.user)})
    return render(
        request,
        "events/host_sessions.html",
        {
            "sessions": sessions,
            "notices_form": notices_form,
            "sections": _dashboard_sections(request.user, sessions),
        },
    )


def _dashboard_sections(user, sessions: list[Session]) -> list[tuple[str, dict]]:
    """``(template, context)`` of each section a client app plugs into the dashboard
    (``events.registry``), built from the past sessions among those listed."""
    now = timezone.now()
    past = [session for session in sessions if session.ends_at < now]
    if not past:
        return []
    sections = []
    for section in registry.dashboard_sections():
        context = section.context(user=user, sessions=past)
        if context:
            sections.append((section.template, context))
    return sections


@login_required
@require_POST
def host_notices(request: HttpRequest) -> HttpResponse:
    """The host chooses one e-mail per registration waiting for approval, or a daily summary."""
    _managed_page_ids(request.user)  # 403 for people who manage nothing
    form = HostNoticesForm(request.POST)
    back = reverse("events:host_sessions")
    if not form.is_valid():
        return refuse(request, _("Choose one of the options."), back)
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
            "move_form": MoveSessionForm(
                initial={
                    "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
                    "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
                    "place": session.place,
                }
            ),
            "cancel_form": CancelSessionForm(),
            "minimum": services.policy_of(session.page).min_participants,
            "message_form": MessageForm(),
            "started": session.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def host_action(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_managed_registration_or_404(request.user, registration_id)
    back = reverse("events:host_session", args=[registration.session_id])
    if request.POST.get("next") == "checkin":
        back = reverse("events:host_checkin", args=[registration.session_id])
    form = HostActionForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Unknown action."), back)
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
        return error_response(request, error, back)
    messages.success(request, _("Registration updated."))
    return redirect(back)


@login_required
@require_POST
def host_capacity(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    form = CapacityForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("The number of seats must be a whole number, zero or more."), back)
    try:
        services.change_capacity(session, form.cleaned_data["capacity"], actor=request.user)
    except services.RegistrationError as error:
        return error_response(request, error, back)
    messages.success(request, _("Seats updated."))
    return redirect(back)


@login_required
@require_POST
def host_message(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    form = MessageForm(request.POST)
    if form.has_error("subject", code="multiline"):
        return refuse(request, form.errors["subject"][0], back)
    if not form.is_valid():
        return refuse(request, _("Write a subject and a message."), back)
    sent = send_message_to_participants(
        session, form.cleaned_data["subject"], form.cleaned_data["body"], request.user
    )
    messages.success(request, _("Message sent to %(count)d people.") % {"count": sent})
    return redirect(back)


@login_required
@require_GET
def host_csv(request: HttpRequest, session_id: int) -> HttpResponse:
    """The list as a semicolon-separated CSV (Italian Excel), with the answers."""
    return exports.csv_response(get_managed_session_or_404(request.user, session_id))


@login_required
@require_GET
def host_xlsx(request: HttpRequest, session_id: int) -> HttpResponse:
    """The list as an XLSX workbook, with the answers."""
    return exports.xlsx_response(get_managed_session_or_404(request.user, session_id))


@login_required
@require_POST
def host_move_session(request: HttpRequest, session_id: int) -> HttpResponse:
    """Move the session to another date (and place): everyone holding a place is e-mailed."""
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    form = MoveSessionForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return refuse(request, " ".join(errors) or _("Give the new date and time."), back)
    data = form.cleaned_data
    try:
        services.move_session(
            session,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            actor=request.user,
        )
    except services.RegistrationError as error:
        return error_response(request, error, back)
    messages.success(request, _("The session has been moved: everyone registered is told."))
    return redirect(back)


@login_required
@require_POST
def host_cancel_session(request: HttpRequest, session_id: int) -> HttpResponse:
    """Cancel the whole session (the box must be ticked): every registration is cancelled
    and e-mailed by the engine."""
    session = get_managed_session_or_404(request.user, session_id)
    back = reverse("events:host_session", args=[session.pk])
    if not CancelSessionForm(request.POST).is_valid():
        return refuse(request, _("Tick the box to confirm the cancellation."), back)
    try:
        services.cancel_session(session, actor=request.user)
    except services.RegistrationError as error:
        return error_response(request, error, back)
    messages.success(request, _("The session has been cancelled: everyone registered is told."))
    return redirect(back)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def host_signin_sheet(request: HttpRequest, session_id: int) -> HttpResponse:
    """The printable sign-in sheet (PDF) of the people expected."""
    session = get_managed_session_or_404(request.user, session_id)
    return _pdf_response(certificates.signin_sheet_pdf(session), f"foglio-firme-{session.pk}.pdf")


@login_required
@require_GET
def host_checkin(request: HttpRequest, session_id: int) -> HttpResponse:
    """The check-in list for a phone at the door: each person expected with "present" and
    "absent" buttons that record attendance through the engine (``mark_attendance``)."""
    session = get_managed_session_or_404(request.user, session_id)
    registrations = list(
        session.registrations.filter(status__in=[Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW])
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )
    return render(
        request,
        "events/host_checkin.html",
        {
            "session": session,
            "registrations": registrations,
            "started": session.starts_at <= timezone.now(),
            "present": sum(r.status == Status.ATTENDED for r in registrations),
        },
    )


@login_required
@require_GET
def certificate(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The attendance certificate (PDF) of an attended registration: for the attendee and for
    whoever manages the session."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__page", "user", "organisation"),
        pk=registration_id,
        status=Status.ATTENDED,
    )
    if registration.user_id != request.user.pk:
        get_managed_session_or_404(request.user, registration.session_id)
    return _pdf_response(
        certificates.certificate_pdf(registration), f"attestato-{registration.pk}.pdf"
    )
