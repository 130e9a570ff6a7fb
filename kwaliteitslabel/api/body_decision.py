"""The decision an audit's findings lead to: counts, route, advice (issue 11 item 1), derived
from the verdicts per norm as the findings page and the report derive them (`audits.decision`)."""

from typing import Literal

from ninja import Field, Schema

from kwaliteitslabel.audits import decision, findings
from kwaliteitslabel.audits.models import Audit, Finding, FollowUpFinding
from kwaliteitslabel.reports.content import POSITIVE

from .body_audits import FINDINGS_READABLE, RouteWord, StatusWord
from .body_common import READ, AuditId, audit_of, refuse_status, router


class DecisionOut(Schema):
    status: StatusWord
    counts: dict[str, int] = Field(..., description="aantal normen per oordeel")
    complete: bool = Field(..., description="onwaar zolang een norm ‘niet beoordeeld’ is")
    route: RouteWord | None = Field(..., description="de route die de oordelen nu geven")
    final_route: RouteWord | None = Field(
        ..., description="de route die vastlag toen de bevindingen definitief werden"
    )
    improvement_plan_norms: list[str]
    advice: Literal["positive", "negative"] | None
    after_follow_up: bool = Field(..., description="oordelen van het aanvullend onderzoek tellen")
    explanation: str


@router.get(
    "/audits/{audit_id}/decision",
    response={200: DecisionOut, **READ},
    url_name="body_decision",
    summary="De beslissing",
)
def audit_decision(request, audit_id: int = AuditId):
    """Aantallen, route en advies, afgeleid uit de oordelen per norm (nooit getypt); na een
    aanvullend onderzoek tellen diens oordelen voor de normen die het besloeg (Bijlage 6 9c)."""
    audit = audit_of(request, audit_id, Audit.objects.select_related("framework"))
    if audit.status not in FINDINGS_READABLE:
        refuse_status(audit, "Er zijn nog geen oordelen: de toetsing is nog niet begonnen.")
    records = list(Finding.objects.filter(audit=audit).select_related("norm__rubric"))
    after = dict(
        FollowUpFinding.objects.filter(follow_up__audit=audit).values_list("norm_id", "verdict")
    )
    for record in records:
        record.verdict = after.get(record.norm_id, record.verdict)
    outcome = findings.outcome(audit, records)
    advice = None
    if audit.status in POSITIVE:
        advice = "positive"
    elif audit.status == Audit.Status.ADVICE_NEGATIVE:
        advice = "negative"
    return {
        "status": audit.status,
        "counts": outcome.counts,
        "complete": outcome.complete,
        "route": outcome.route,
        "final_route": audit.route or None,
        "improvement_plan_norms": list(outcome.plan_norms),
        "advice": advice,
        "after_follow_up": bool(after),
        "explanation": decision.explanation(outcome, audit.framework.version),
    }
