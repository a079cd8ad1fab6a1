"""Use cases of the practices app. Views, admin hooks, other apps and tests call these."""

from django.db import IntegrityError, transaction

from members.models import Organisation
from practices.models import Adoption, PracticePage


def record_adoption(
    practice: PracticePage,
    organisation: Organisation,
    *,
    year: int,
    note: str = "",
    reported_by=None,
) -> Adoption:
    """Record that ``organisation`` took up ``practice`` (shown on the sheet as "adopted by").

    Idempotent per practice and organisation: a second report returns the existing adoption,
    only filling in a note that was still empty. A report by a person (``reported_by``, e.g.
    from the follow-up after an exchange visit) is marked as such; otherwise an editor added it.
    """
    source = Adoption.Source.EXCHANGE if reported_by is not None else Adoption.Source.EDITOR
    note = (note or "").strip()[:500]
    existing = Adoption.objects.filter(practice=practice, organisation=organisation).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Adoption.objects.create(
                    practice=practice,
                    organisation=organisation,
                    year=year,
                    note=note,
                    source=source,
                    reported_by=reported_by,
                )
        except IntegrityError:
            # Someone recorded the same adoption at the same moment.
            existing = Adoption.objects.get(practice=practice, organisation=organisation)
    if note and not existing.note:
        existing.note = note
        existing.save(update_fields=["note"])
    return existing
