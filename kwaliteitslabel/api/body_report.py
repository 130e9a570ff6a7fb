"""Part A's free texts, read and written by the body's own system (issue 11 item 1).

Writing goes through the report page's form (`reports.forms.ReportForm`) and its rule
(`reports.rules.WRITABLE`: from the closing of the findings until part A has gone to SWN, and
again when SWN returns it). The norms the lead linked to the points stay as they are. Everything
else in part A is derived from the audit (`reports.content`), so it is not written here.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from ninja import Field, Schema
from ninja.errors import HttpError

from kwaliteitslabel.audits.models_audit import CLOSED
from kwaliteitslabel.common.forms import save_form
from kwaliteitslabel.reports import points
from kwaliteitslabel.reports.forms import ReportForm, _norm_field
from kwaliteitslabel.reports.models import Report
from kwaliteitslabel.reports.rules import WRITABLE

from .body_common import (
    MAX_ID,
    READ,
    WRITE,
    AuditId,
    audit_of,
    form_problems,
    invalid,
    refuse_status,
    router,
)

FIELDS = ReportForm.Meta.fields
STALE = "Iemand anders heeft deel A intussen gewijzigd. Lees het opnieuw; er is niets opgeslagen."
Hours = Decimal | None


class ReportOut(Schema):
    version: int = Field(
        ..., description="0 zolang er niets is geschreven; stuur mee bij schrijven"
    )
    sketch: str
    developments: str
    course: str
    previous_follow_up: str
    strengths: str = Field(..., description="één punt per regel")
    improvement_points: str = Field(..., description="één punt per regel")
    read_by: str
    hours_on_site: float | None
    hours_total: float | None
    next_audit: str
    signed_place: str
    signed_on: datetime.date | None
    updated_by: str | None


class ReportIn(Schema):
    """Velden die u weglaat blijven zoals ze waren."""

    version: int = Field(..., ge=0, le=MAX_ID, description="de versie die u las")
    sketch: str = None
    developments: str = None
    course: str = None
    previous_follow_up: str = None
    strengths: str = Field(None, description="één punt per regel")
    improvement_points: str = Field(None, description="één punt per regel")
    read_by: str = Field(None, max_length=200)
    hours_on_site: Hours = Field(None, ge=0, le=99999)
    hours_total: Hours = Field(None, ge=0, le=99999)
    next_audit: str = Field(None, max_length=200)
    signed_place: str = Field(None, max_length=100)
    signed_on: datetime.date | None = None


def _out(report) -> dict:
    values = {name: getattr(report, name) for name in FIELDS}
    for name in ("hours_on_site", "hours_total"):
        values[name] = float(values[name]) if values[name] is not None else None
    return {
        **values,
        "version": report.version if report.pk else 0,
        "updated_by": report.updated_by.name if report.updated_by else None,
    }


def _report(audit) -> Report:
    return Report.objects.select_related("updated_by").filter(audit=audit).first() or Report(
        audit=audit
    )


def _as_typed(value) -> str:
    """A value as a person types it on the Dutch page (decimal comma, ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return formats.localize_input(value) if isinstance(value, Decimal) else str(value)


@router.get(
    "/audits/{audit_id}/report",
    response={200: ReportOut, **READ},
    url_name="body_report",
    summary="Deel A: de teksten",
)
def report_detail(request, audit_id: int = AuditId):
    """De teksten die de teamleider schrijft; leesbaar vanaf het vaststellen van de bevindingen."""
    audit = audit_of(request, audit_id)
    if audit.status not in CLOSED:
        refuse_status(audit, "Deel A is er pas als de bevindingen zijn vastgesteld.")
    return _out(_report(audit))


@router.put(
    "/audits/{audit_id}/report",
    response={200: ReportOut, **WRITE},
    url_name="body_report_put",
    summary="Deel A: de teksten vastleggen",
)
def report_put(request, payload: ReportIn, audit_id: int = AuditId):
    """Dezelfde regels als de pagina ‘Teksten van deel A’. Velden die u weglaat blijven staan."""
    audit = audit_of(request, audit_id)
    if audit.status not in WRITABLE:
        refuse_status(audit, "In deze stap kunnen de teksten van deel A niet worden gewijzigd.")
    report = _report(audit)
    if report.pk is None and payload.version != 0:
        raise HttpError(409, "Deel A is nog niet geschreven: stuur version 0.")
    given = payload.dict(exclude_unset=True)
    with translation.override("nl"):
        data = {name: _as_typed(given.get(name, getattr(report, name))) for name in FIELDS}
        data["loaded_version"] = payload.version
        # The norms linked to the points are chosen on the page; keep them as they are.
        for line in points.current_lines(report):
            data[_norm_field(line)] = line.norm_id or ""
        form = ReportForm(data, instance=report)
        user = request.auth.created_by
        form.instance.updated_by, form.instance._history_user = user, user
        if not form.is_valid():
            if form.has_error(NON_FIELD_ERRORS, code="stale"):
                raise HttpError(409, STALE)
            invalid(form_problems(form, ("body",)))
        try:
            with transaction.atomic():
                saved = save_form(form)
        except IntegrityError:  # someone else wrote the first version at the same moment
            saved = None
    if saved is None:
        raise HttpError(409, STALE)
    return _out(_report(audit))
