"""The host's list of registrations as a spreadsheet: XLSX (openpyxl) and a semicolon-separated
CSV, which Italian Excel opens in columns (it reads ";" as the list separator, "," as the
decimal one). Both carry the answers to the registration questions, one column each, and the
follow-up answer; user-written text goes through ``core.spreadsheets.safe_cell``."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import safe_cell
from events.models import RegistrationQuestion, Session


def _cell(value) -> str:
    return safe_cell("" if value is None else str(value))


def _answer_text(answer: dict) -> str:
    value = answer.get("value", "")
    if answer.get("kind") == RegistrationQuestion.Kind.CONSENT:
        return _("agreed") if value else ""
    if answer.get("kind") == RegistrationQuestion.Kind.YES_NO:
        return {"yes": _("Yes"), "no": _("No")}.get(value, value)
    return value


def table(session: Session) -> tuple[list[str], list[list]]:
    """The header and the rows: one row per registration, one column per question asked
    (the page's questions today, then any asked earlier that only answers remember)."""
    registrations = list(
        session.registrations.select_related("user", "organisation").order_by("created_at", "pk")
    )
    columns: dict[object, str] = {
        question.pk: str(question.text)
        for question in RegistrationQuestion.objects.filter(page_id=session.page_id).order_by(
            "sort_order", "pk"
        )
    }
    for registration in registrations:
        for answer in registration.answers:
            key = answer.get("question") if answer.get("question") in columns else answer["label"]
            columns.setdefault(key, answer.get("label", ""))
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Status"),
        _("Waiting list position"),
        _("Registered at"),
        *columns.values(),
        _("After the visit"),
    ]
    rows = []
    for registration in registrations:
        given = {}
        for answer in registration.answers:
            key = answer.get("question") if answer.get("question") in columns else answer["label"]
            given[key] = _answer_text(answer)
        user = registration.user
        rows.append(
            [
                _cell(user.get_full_name() if user else _("Deleted account")),
                _cell(user.email if user else ""),
                _cell(registration.organisation or ""),
                str(registration.get_status_display()),
                registration.waitlist_position or "",
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
                *(_cell(given.get(key, "")) for key in columns),
                str(registration.get_followup_answer_display() or ""),
            ]
        )
    return header, rows


def csv_response(session: Session) -> HttpResponse:
    header, rows = table(session)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iscrizioni-sessione-{session.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def xlsx_response(session: Session) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = table(session)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="iscrizioni-sessione-{session.pk}.xlsx"'
    )
    return response
