"""Views of a community meeting page (routed by ``MeetingPage``): context and minutes form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import services_meetings
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


def meeting_context(request, meeting) -> dict:
    access = services_community.access_for(request.user, meeting.community)
    return {
        "community": meeting.community,
        "access": access,
        "show_link": access.is_member or access.is_coordinator,
        "previous_meeting": meeting.previous_meeting(),
        "next_meeting": meeting.next_meeting(),
        "organisations": list(meeting.participating_organisations.order_by("name")),
    }


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


def minutes_edit(request, meeting):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        services_community.check_coordinator(request.user, meeting.community)
    except CommunityDenied as error:
        return render(
            request,
            "members/community/denied.html",
            {"page": meeting, "community": meeting.community, "message": error.message},
            status=error.status,
        )
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
