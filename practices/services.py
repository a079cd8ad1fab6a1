"""Use cases of the practices app. Views, admin hooks, other apps and tests call these."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError
from core.indexing import schedule_update
from members.models import Organisation
from members.permissions import can_edit_owned_page
from practices.models import Adoption, PracticePage, SharedIndicator, ToolPage, TransferValue

STAGE_ORDER = [choice for choice, _label in Adoption.Stage.choices]


class TransferNotAllowed(ServiceError):
    status_code = 403
    default_message = _(
        "Only the editors and administrators of an organisation can record its transfers."
    )


class OwnPractice(ServiceError):
    default_message = _("An organisation cannot record a transfer of its own practice.")


class InvalidTransfer(ServiceError):
    default_message = _("The transfer could not be recorded: check the values.")


@dataclass(frozen=True)
class ReportedValue:
    shared: SharedIndicator
    period_label: str
    value: Decimal


def record_adoption(
    practice: PracticePage,
    organisation: Organisation,
    *,
    year: int,
    note: str = "",
    reported_by=None,
) -> Adoption:
    """Record that ``organisation`` took up ``practice`` (shown on the sheet as "adopted by").

    Called by name by the engine's follow-up after an exchange visit. Idempotent per practice
    and organisation: a second report returns the existing transfer, only filling in a note
    that was still empty and moving an earlier stage on to "adopted". A report by a person
    (``reported_by``) is marked as such; otherwise an editor added it.
    """
    source = Adoption.Source.EXCHANGE if reported_by is not None else Adoption.Source.EDITOR
    note = (note or "").strip()[:500]
    existing = Adoption.objects.filter(practice=practice, organisation=organisation).first()
    if existing is None:
        try:
            with transaction.atomic():
                created = Adoption.objects.create(
                    practice=practice,
                    organisation=organisation,
                    stage=Adoption.Stage.ADOPTED,
                    year=year,
                    note=note,
                    source=source,
                    reported_by=reported_by,
                )
            # The sheet's search entry names its adopters.
            schedule_update(practice)
            return created
        except IntegrityError:
            # Someone recorded the same adoption at the same moment.
            existing = Adoption.objects.get(practice=practice, organisation=organisation)
    changed = []
    if note and not existing.note:
        existing.note = note
        changed.append("note")
    if STAGE_ORDER.index(existing.stage) < STAGE_ORDER.index(Adoption.Stage.ADOPTED):
        existing.stage = Adoption.Stage.ADOPTED
        existing.year = year
        changed += ["stage", "year"]
    if changed:
        existing.save(update_fields=[*changed, "updated_at"])
        schedule_update(practice)
    return existing


def practice_tools(practice: PracticePage):
    """The live, public toolbox entries the published practice uses (those it can pass on)."""
    return ToolPage.objects.filter(used_by_practices=practice).live().public()


def may_record_transfer(user, organisation: Organisation) -> bool:
    """The confirmed editors and admins of an organisation (and platform staff) speak for it."""
    return can_edit_owned_page(user, organisation)


@transaction.atomic
def record_transfer(
    practice: PracticePage,
    organisation: Organisation,
    *,
    actor,
    stage: str,
    year: int,
    note: str = "",
    adapted: str = "",
    tools: Iterable = (),
    values: Iterable[ReportedValue] = (),
) -> Adoption:
    """Record or update ``organisation``'s transfer of ``practice``: its stage, what it
    adapted, the practice's toolbox entries it reused and its own values of the practice's
    shared indicators (one per indicator and period; a new value replaces the old)."""
    if not may_record_transfer(actor, organisation):
        raise TransferNotAllowed()
    if organisation.pk == practice.organisation_id:
        raise OwnPractice()
    if stage not in STAGE_ORDER:
        raise InvalidTransfer(_("Unknown stage."))
    tools = list(tools)
    allowed_tools = set(practice_tools(practice).values_list("pk", flat=True))
    if any(tool.pk not in allowed_tools for tool in tools):
        raise InvalidTransfer(_("Only the tools this practice uses can be reused from it."))
    values = list(values)
    shared_ids = set(
        practice.indicators.filter(shared__isnull=False).values_list("shared_id", flat=True)
    )
    if any(item.shared.pk not in shared_ids for item in values):
        raise InvalidTransfer(_("Report values only for the shared indicators of the practice."))
    transfer, created = Adoption.objects.select_for_update().get_or_create(
        practice=practice,
        organisation=organisation,
        defaults={"year": year, "stage": stage, "source": Adoption.Source.MEMBER},
    )
    transfer.stage = stage
    transfer.year = year
    transfer.note = (note or "").strip()[:500]
    transfer.adapted = (adapted or "").strip()[:2000]
    if created or transfer.reported_by_id is None:
        transfer.reported_by = actor
    transfer.save()
    transfer.tools_reused.set(tools)
    for item in values:
        label = item.period_label.strip()[:50]
        TransferValue.objects.update_or_create(
            transfer=transfer,
            shared=item.shared,
            period_label=label,
            defaults={"value": item.value, "period_date": _period_date(label)},
        )
    schedule_update(practice)
    return transfer


def _period_date(label: str) -> datetime.date | None:
    """A year at the start of the label ("2025", "2025 H1") orders the values."""
    head = label[:4]
    return datetime.date(int(head), 12, 31) if head.isdigit() and len(head) == 4 else None
