"""Views of a community meeting page (routed by ``MeetingPage``): registration state,
the coordinators' attendance sheet and the minutes form."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from communities import services as services_community
from communities import services_meetings
from communities.forms import TABLE_SLOTS, AttendanceForm, MinutesForm
from communities.models import MeetingPage
from communities.services import CommunityDenied
from events import services
from events.views import session_states_for
from members.models import Membership, Organisation


@dataclass(frozen=True)
class Neighbour:
    """The previous or next meeting of the same community, as the page links it."""

    title: str
    url: str


def _load_page_data(meeting):
    """In one query: the meeting's community and host (cached on it), its attendance figures
    (the annotations lists use) and the title and address of the community's previous and
    next meetings (the rule of ``MeetingPage.previous_meeting``/``next_meeting``)."""
    siblings = MeetingPage.objects.live().filter(community_id=OuterRef("community_id"))
    neighbours = {
        "previous": siblings.filter(start__lt=OuterRef("start")).order_by("-start"),
        "next": siblings.filter(start__gt=OuterRef("start")).order_by("start"),
    }
    fields = {
        f"{side}_{name}": Subquery(queryset.values(name)[:1])
        for side, queryset in neighbours.items()
        for name in ("pk", "title", "url_path")
    }
    row = (
        services_meetings.with_attendance(MeetingPage.objects.filter(pk=meeting.pk))
        .select_related("community", "organisation")
        .annotate(**fields)
        .first()
    )
    if row is None:  # a preview of a page not saved yet
        return None
    # A preview may have changed them: only what the page still says is taken.
    if row.community_id == meeting.community_id:
        meeting.community = row.community
    if row.organisation_id == meeting.organisation_id:
        meeting.organisation = row.organisation
    meeting.attended_total = row.attended_total
    meeting.attended_organisation_total = row.attended_organisation_total
    return row


def _neighbour(row, side: str, request) -> Neighbour | None:
    if row is None or not getattr(row, f"{side}_pk"):
        return None
    page = MeetingPage(id=getattr(row, f"{side}_pk"), url_path=getattr(row, f"{side}_url_path"))
    return Neighbour(title=getattr(row, f"{side}_title"), url=page.get_url(request=request))


def meeting_context(request, meeting) -> dict:
    loaded = _load_page_data(meeting)
    access = services_community.access_for(request.user, meeting.community)
    is_member = access.takes_part
    states = session_states_for(meeting, request.user)
    for item in states:
        # Registration is for the community's members: others are shown the way in.
        if item.action in ("register", "waitlist") and not is_member:
            item.state, item.action = "join_community", ""
    organisations = list(meeting.participating_organisations.order_by("name"))
    meeting.organisation_total = len(organisations)
    context = {
        "community": meeting.community,
        "access": access,
        "show_link": is_member,
        "session_states": states,
        "previous_meeting": _neighbour(loaded, "previous", request),
        "next_meeting": _neighbour(loaded, "next", request),
        "organisations": organisations,
        "participation": services_meetings.participation(meeting),
    }
    if access.is_coordinator and states:
        context["registered_count"] = sum(item.session.seats_taken for item in states)
        context["can_record_attendance"] = meeting.is_past
    return context


def _candidates(meeting):
    """Organisations offered in the minutes form: those already listed, those that attended,
    those of the community's members."""
    ids = set(meeting.participating_organisations.values_list("pk", flat=True))
    ids |= {org.pk for org in services_meetings.attended_organisations(meeting)}
    ids |= set(
        Membership.objects.filter(
            status=Membership.Status.CONFIRMED,
            user__community_memberships__community=meeting.community,
            user__community_memberships__status="active",
        ).values_list("organisation_id", flat=True)
    )
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def _deny(request, meeting, error: CommunityDenied):
    return render(
        request,
        "communities/community/denied.html",
        {"page": meeting, "community": meeting.community, "message": error.message},
        status=error.status,
    )


def _coordinators_only(request, meeting):
    """The response refusing anyone but the community's coordinators (and staff), or None."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        services_community.check_coordinator(request.user, meeting.community)
    except CommunityDenied as error:
        return _deny(request, meeting, error)
    return None


def attendance(request, meeting):
    """The coordinators tick who came. Works once the meeting has started; the minutes form
    then offers the present people's organisations and their number."""
    if (refused := _coordinators_only(request, meeting)) is not None:
        return refused
    sheet = services_meetings.attendance_sheet(meeting)
    initial = [str(r.pk) for r in sheet if r.status == r.Status.ATTENDED]
    # Bound on every POST: an empty sheet (nobody ticked) is a valid answer.
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, initial={"present": initial}, sheet=sheet)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            present = {int(pk) for pk in form.cleaned_data["present"]}
            try:
                result = services_meetings.record_attendance(meeting, request.user, present)
            except services.RegistrationError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                messages.success(
                    request,
                    _(
                        "Attendance recorded: %(present)d present, %(absent)d absent, from "
                        "%(organisations)d organisations. The minutes form now offers them."
                    )
                    % {
                        "present": result.present,
                        "absent": result.absent,
                        "organisations": result.organisations,
                    },
                )
                return redirect(meeting.url + meeting.reverse_subpage("minutes"))
    return render(
        request,
        "communities/meeting_attendance.html",
        {
            "page": meeting,
            "meeting": meeting,
            "form": form,
            "sheet": sheet,
            "started": meeting.is_past,
        },
        status=status,
    )


def minutes_edit(request, meeting):
    if (refused := _coordinators_only(request, meeting)) is not None:
        return refused
    candidates = _candidates(meeting)
    attended = services_meetings.attended_organisations(meeting)
    initial = {
        "summary": "\n\n".join(
            strip_tags(p) for p in meeting.summary.split("</p>") if strip_tags(p).strip()
        ),
        "decisions": "\n".join(
            str(block.value) for block in meeting.decisions if block.block_type == "decision"
        ),
        "organisations": list(meeting.participating_organisations.all()) or attended,
        "participant_count": meeting.participant_count
        if meeting.participant_count is not None
        else services_meetings.attended_people(meeting),
    }
    for index, block in enumerate(meeting.breakout_tables[:TABLE_SLOTS], start=1):
        initial[f"table_{index}_topic"] = block.value["topic"]
        initial[f"table_{index}_outcome"] = block.value["outcome"]
    form = MinutesForm(request.POST or None, initial=initial, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services_meetings.publish_minutes(meeting, request.user, form.to_minutes())
            messages.success(request, _("The minutes have been published."))
            return redirect(meeting.url)
        status = 400
    return render(
        request,
        "communities/meeting_minutes_form.html",
        {"page": meeting, "meeting": meeting, "form": form},
        status=status,
    )
