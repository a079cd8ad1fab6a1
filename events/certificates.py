"""PDFs of a session: the attendance certificate (attestato di partecipazione) of an attended
registration, and the printable sign-in sheet (foglio firme) of a session.

fpdf2 draws them: it is pure Python (its dependencies, Pillow, fontTools and defusedxml, install
from wheels), so ``pip install -r requirements.lock`` is enough on a fresh machine, with no
system library (WeasyPrint needs Pango, wkhtmltopdf a binary). Its core fonts cover Latin-1,
which Italian needs; other characters are replaced (``_latin1``).
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Registration, Session

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u20ac": "EUR",
}


def _latin1(text) -> str:
    text = "".join(_REPLACEMENTS.get(c, c) for c in str(text or ""))
    return text.encode("latin-1", "replace").decode("latin-1")


def _when(session: Session) -> str:
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if start.date() == end.date():
        return _("%(day)s, from %(start)s to %(end)s") % {
            "day": formats.date_format(start, "j F Y"),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
        }
    return _("from %(start)s to %(end)s") % {
        "start": formats.date_format(start, "j F Y, H:i"),
        "end": formats.date_format(end, "j F Y, H:i"),
    }


def _hours(session: Session) -> str:
    """Hours of the session: the span of a one-day session; for a visit over several days,
    the days as the page gives them (the engine does not know the daily timetable)."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if start.date() == end.date():
        minutes = int((end - start).total_seconds() // 60)
        return _("%(hours)s hours %(minutes)s minutes") % {
            "hours": minutes // 60,
            "minutes": f"{minutes % 60:02d}",
        }
    days = (
        getattr(session.page.specific, "duration_days", None)
        or (end.date() - start.date()).days + 1
    )
    return _("%(days)s days") % {"days": days}


def _host_name(session: Session) -> str:
    organisation = getattr(session.page.specific, "organisation", None)
    return str(organisation) if organisation else ""


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    return pdf


def certificate_pdf(registration: Registration) -> bytes:
    session = registration.session
    pdf = _pdf()
    pdf.set_title(_latin1(_("Certificate of attendance")))
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(
        0, 14, _latin1(_("Certificate of attendance")), new_x="LMARGIN", new_y="NEXT", align="C"
    )
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 12)
    host = _host_name(session)
    lines = [
        _("It is certified that"),
    ]
    for line in lines:
        pdf.multi_cell(0, 8, _latin1(line), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 16)
    name = registration.user.get_full_name() if registration.user else _("Deleted account")
    pdf.multi_cell(0, 10, _latin1(name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    if registration.organisation:
        pdf.multi_cell(
            0, 8, _latin1(str(registration.organisation)), align="C", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)
    pdf.multi_cell(
        0, 8, _latin1(_("took part in the exchange")), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "B", 13)
    title = session.page.title + (f" - {session.label}" if session.label else "")
    pdf.multi_cell(0, 9, _latin1(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.ln(4)
    details = [
        (_("Host"), host),
        (_("Dates"), _when(session)),
        (_("Duration"), _hours(session)),
        (_("Place"), session.place),
    ]
    for label, value in details:
        if value:
            pdf.multi_cell(
                0, 8, _latin1(f"{label}: {value}"), align="C", new_x="LMARGIN", new_y="NEXT"
            )
    pdf.ln(12)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(
        0,
        6,
        _latin1(
            _("Attendance recorded by the host on Scambi tra Comuni (registration %(id)s).")
            % {"id": registration.pk}
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def signin_sheet_pdf(session: Session) -> bytes:
    registrations = list(
        session.registrations.filter(
            status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.ATTENDED,
                Registration.Status.NO_SHOW,
                Registration.Status.PENDING,
            ]
        )
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )
    pdf = _pdf()
    pdf.set_title(_latin1(_("Sign-in sheet")))
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, _latin1(_("Sign-in sheet")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    title = session.page.title + (f" - {session.label}" if session.label else "")
    for line in (title, _when(session), session.place, _host_name(session)):
        if line:
            pdf.multi_cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (8, 55, 55, 52)
    pdf.set_font("Helvetica", "B", 10)
    for width, text in zip(
        widths, ("#", _("Name"), _("Organisation"), _("Signature")), strict=True
    ):
        pdf.cell(width, 8, _latin1(text), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 10)
    for number, registration in enumerate(registrations, start=1):
        name = registration.user.get_full_name() if registration.user else _("Deleted account")
        cells = (str(number), name, str(registration.organisation or ""), "")
        for width, text in zip(widths, cells, strict=True):
            pdf.cell(width, 11, _latin1(text)[:40], border=1)
        pdf.ln()
    return bytes(pdf.output())
