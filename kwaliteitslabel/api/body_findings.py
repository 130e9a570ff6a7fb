"""Findings and verdicts per norm, read and written by the body's own system (issue 11 item 1).

Writing goes through the findings page's own form (`audits.forms_findings.FindingForm`): the
same checks (a verdict of the scale, "n.v.t." only with a reason, sources of this audit), the
same optimistic lock (the `version` read before, 409 when someone saved in between) and the
same history, in the name of the person who made the token. A bulk PUT saves all or nothing.
"""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from ninja import Field, Path, Schema
from ninja.errors import HttpError

from kwaliteitslabel.audits import findings
from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.audits.forms_findings import FindingForm
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.audits.rules_findings import RECORDING
from kwaliteitslabel.common.forms import save_form

from .body_audits import FINDINGS_READABLE
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

Status = Audit.Status
TEXTS = ("text", "strengths", "improvement_points", "not_applicable_reason")
STALE = "Iemand anders heeft {code} intussen gewijzigd (versie {version}). Lees de bevinding opnieuw; er is niets opgeslagen."

VerdictWord = Literal[tuple(Verdict.values)]  # type: ignore[valid-type]
SourceId = Annotated[int, Field(ge=1, le=MAX_ID)]
NormCode = Path(..., max_length=10, description="de code van de norm, zoals V12", examples=["V12"])


class FindingOut(Schema):
    norm: str = Field(..., examples=["V12"])
    rubric: str
    verdict: VerdictWord
    text: str
    strengths: str
    improvement_points: str
    not_applicable_reason: str
    interviews: list[int]
    documents: list[int]
    version: int = Field(..., description="stuur mee bij het schrijven")
    updated_at: datetime.datetime
    updated_by: str | None


class FindingIn(Schema):
    version: int = Field(..., ge=1, le=MAX_ID, description="de versie die u las")
    verdict: VerdictWord
    text: str = Field(None, description="weggelaten: blijft zoals het was")
    strengths: str = Field(None, description="weggelaten: blijft zoals het was")
    improvement_points: str = Field(None, description="weggelaten: blijft zoals het was")
    not_applicable_reason: str = Field(None, description="verplicht bij ‘not_applicable’")
    interviews: list[SourceId] = Field(None, description="ids van gesprekken van de toetsing")
    documents: list[SourceId] = Field(None, description="ids van documenten van de rubriek")


class NormFindingIn(FindingIn):
    norm: str = Field(..., max_length=10, examples=["V12"])


class FindingsIn(Schema):
    findings: list[NormFindingIn] = Field(..., min_length=1, max_length=100)


def _out(finding) -> dict:
    return {
        "norm": finding.norm.code,
        "rubric": finding.norm.rubric.code,
        "verdict": finding.verdict,
        **{name: getattr(finding, name) for name in TEXTS},
        "interviews": [i.pk for i in finding.interviews.all()],
        "documents": [d.pk for d in finding.documents.all()],
        "version": finding.version,
        "updated_at": finding.updated_at,
        "updated_by": finding.updated_by.name if finding.updated_by else None,
    }


def _records(audit, codes=None):
    found = (
        Finding.objects.filter(audit=audit)
        .select_related("norm__rubric", "updated_by")
        .prefetch_related("interviews", "documents")
    )
    rows = list(found)
    return rows if codes is None else [f for f in rows if f.norm.code in codes]


def _readable(request, audit_id):
    audit = audit_of(request, audit_id)
    if audit.status not in FINDINGS_READABLE:
        refuse_status(audit, "Er zijn nog geen bevindingen: de toetsing is nog niet begonnen.")
    return audit


def _writable(request, audit_id):
    audit = audit_of(request, audit_id, Audit.objects.select_related("member", "framework"))
    if audit.status not in RECORDING:
        refuse_status(audit, "In deze stap kunnen geen bevindingen worden vastgelegd.")
    return audit


def _form(audit, finding, payload: FindingIn, user) -> FindingForm:
    """The findings page's form, filled with the stored finding and the fields sent."""
    finding.audit = audit
    data = {name: getattr(finding, name) for name in TEXTS}
    data["interviews"] = [i.pk for i in finding.interviews.all()]
    data["documents"] = [d.pk for d in finding.documents.all()]
    data.update(payload.dict(exclude_unset=True, exclude={"norm"}))
    data["loaded_version"] = data.pop("version")
    form = FindingForm(data, instance=finding)
    form.instance.updated_by = user
    form.instance._history_user = user  # simple-history: the token's creator, not anonymous
    return form


def _stale(form) -> bool:
    return form.has_error(NON_FIELD_ERRORS, code="stale")


def _conflict(finding):
    current = Finding.objects.filter(pk=finding.pk).values_list("version", flat=True).first()
    raise HttpError(409, STALE.format(code=finding.norm.code, version=current))


def _finding(audit, code):
    finding = findings.find(audit, code)
    if finding is None:
        raise HttpError(404, f"‘{code}’ is geen norm van normenkader {audit.framework.version}.")
    return finding


@router.get(
    "/audits/{audit_id}/findings",
    response={200: list[FindingOut], **READ},
    url_name="body_findings",
    summary="Bevindingen",
)
def finding_list(request, audit_id: int = AuditId):
    """De bevinding en het oordeel per norm, in de volgorde van het normenkader."""
    return [_out(f) for f in _records(_readable(request, audit_id))]


@router.get(
    "/audits/{audit_id}/findings/{norm}",
    response={200: FindingOut, **READ},
    url_name="body_finding",
    summary="Eén bevinding",
)
def finding_detail(request, audit_id: int = AuditId, norm: str = NormCode):
    audit = _readable(request, audit_id)
    _finding(audit, norm)
    return _out(_records(audit, {norm})[0])


@router.put(
    "/audits/{audit_id}/findings/{norm}",
    response={200: FindingOut, **WRITE},
    url_name="body_finding_put",
    summary="Eén bevinding vastleggen",
)
def finding_put(request, payload: FindingIn, audit_id: int = AuditId, norm: str = NormCode):
    """Oordeel en bevinding van één norm. Velden die u weglaat blijven zoals ze waren;
    `version` is de versie die u las (409 als iemand intussen opsloeg)."""
    audit = _writable(request, audit_id)
    finding = _finding(audit, norm)
    form = _form(audit, finding, payload, request.auth.created_by)
    if form.is_valid():
        if save_form(form) is None:
            _conflict(finding)
    elif _stale(form):
        _conflict(finding)
    else:
        invalid(form_problems(form, ("body",)))
    return _out(_records(audit, {norm})[0])


@router.put(
    "/audits/{audit_id}/findings",
    response={200: list[FindingOut], **WRITE},
    url_name="body_findings_put",
    summary="Bevindingen vastleggen",
)
def findings_put(request, payload: FindingsIn, audit_id: int = AuditId):
    """Meer normen in één keer: alles wordt opgeslagen of niets (422 of 409 met de norm)."""
    audit = _writable(request, audit_id)
    with transaction.atomic():
        return _save_all(audit, payload, request.auth.created_by)


def _save_all(audit, payload, user) -> list[dict]:
    forms, problems, seen = [], [], set()
    for i, item in enumerate(payload.findings):
        at = ("body", "findings", i)
        finding = findings.find(audit, item.norm)
        if finding is None or item.norm in seen:
            why = "staat twee keer in de lijst" if finding else "is geen norm van dit normenkader"
            problems.append({"type": "invalid", "loc": [*at, "norm"], "msg": f"{item.norm} {why}."})
            continue
        seen.add(item.norm)
        form = _form(audit, finding, item, user)
        if not form.is_valid():
            if _stale(form):
                _conflict(finding)
            problems += form_problems(form, at)
        forms.append(form)
    if problems:
        invalid(problems)
    for form in forms:
        if save_form(form) is None:
            _conflict(form.instance)  # raising inside the transaction undoes the others
    return [_out(f) for f in _records(audit, seen)]
