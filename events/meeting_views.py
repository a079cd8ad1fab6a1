"""Views of a community meeting page (routed by ``MeetingPage``): registration state,
the coordinators' attendance sheet and the minutes form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import services, services_meetings
from members import services_community
from members.models import Membership, Organisation
from members.services_community import CommunityDenied

TABLE_SLOTS = 4


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20_000,
        help_text=gettext_lazy("Plain text; leave an empty line between paragraphs."),
    )
    decisions = forms.CharField(
        label=gettext_lazy("Decisions and follow-up actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
        help_text=gettext_lazy("One per line."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participant_count = forms.IntegerField(
        label=gettext_lazy("Number of participants"),
        required=False,
        min_value=0,
        max_value=100_000,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = candidates or Organisation.objects.none()
        for index in range(1, TABLE_SLOTS + 1):
            self.fields[f"table_{index}_topic"] = forms.CharField(
                label=_("Breakout table %(n)s: topic") % {"n": index},
                max_length=200,
                required=False,
            )
            self.fields[f"table_{index}_outcome"] = forms.CharField(
                label=_("Breakout table %(n)s: what emerged") % {"n": index},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5_000,
                required=False,
            )

    def to_minutes(self) -> services_meetings.Minutes:
        data = self.cleaned_data
        return services_meetings.Minutes(
            summary=data["summary"],
            tables=[
                (data[f"table_{i}_topic"].strip(), data[f"table_{i}_outcome"].strip())
                for i in range(1, TABLE_SLOTS + 1)
            ],
            decisions=[line.strip() for line in data["decisions"].splitlines() if line.strip()],
            organisations=list(data["organisations"]),
            participant_count=data["participant_count"],
        )


class AttendanceForm(forms.Form):
    """One checkbox per person who held a seat: ticked means present."""

    present = forms.MultipleChoiceField(
        label=gettext_lazy("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sheet=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), attendee_label(r)) for r in sheet]


def attendee_label(registration) -> str:
    name = registration.user.get_full_name() or registration.user.email
    if registration.organisation_id:
        return f"{name} · {registration.organisation.name}"
    return name


def meeting_context(request, meeting) -> dict:
    from events.views import session_states_for

    access = services_community.access_for(request.user, meeting.community)
    is_member = access.is_member or access.is_coordinator
    states = session_states_for(meeting, request.user)
    for item in states:
        # Registration is for the community's members: others are shown the way in.
        if item.action in ("register", "waitlist") and not is_member:
            item.state, item.action = "join_community", ""
    meeting.attended_total = services_meetings.attended_people(meeting)
    context = {
        "community": meeting.community,
        "access": access,
        "show_link": is_member,
        "session_states": states,
        "previous_meeting": meeting.previous_meeting(),
        "next_meeting": meeting.next_meeting(),
        "organisations": list(meeting.participating_organisations.order_by("name")),
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
        "members/community/denied.html",
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
                return redirect(meeting.url + "verbale/")
    return render(
        request,
        "events/meeting_attendance.html",
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
        "events/meeting_minutes_form.html",
        {"page": meeting, "meeting": meeting, "form": form},
        status=status,
    )
