"""The team's findings as a whole: progress, sources, the result per rubric (issue 6).

Plain functions over the stored findings. The result per rubric and the counts are derived
here, never typed (Bijlage 7 part A "Conclusies"; Bijlage 8 shows what hand counts do).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count

from kwaliteitslabel.selfassessment.models import Consolidation, Share

from . import deadlines, decision, rules_findings
from .decision import Verdict
from .models_audit import CLOSED
from .models_findings import Finding
from .models_plan import FollowUpFinding

# Bijlage 9 "Werkwijze": every norm is tested against at least two sources.
MIN_SOURCES = 2

CODE = re.compile(r"^([A-Z])(\d{1,3})$")


def ensure_findings(audit) -> None:
    """One finding per norm of the audit's framework, each starting as "niet beoordeeld"."""
    have = set(Finding.objects.filter(audit=audit).values_list("norm_id", flat=True))
    Finding.objects.bulk_create(
        [
            Finding(audit=audit, norm=norm)
            for norm in audit.framework.norms.all()
            if norm.pk not in have
        ],
        ignore_conflicts=True,
    )


def with_sources(audit):
    """The audit's findings in norm order, each with `source_count`, in one query."""
    return (
        Finding.objects.filter(audit=audit)
        .select_related("norm__rubric", "updated_by")
        .annotate(
            source_count=Count("interviews", distinct=True) + Count("documents", distinct=True)
        )
    )


def find(audit, code: str):
    """The finding for a norm code such as "V12", or None."""
    match = CODE.match(code)
    if not match:
        return None
    return (
        Finding.objects.filter(audit=audit, norm__rubric__code=match[1], norm__number=int(match[2]))
        .select_related("norm__rubric", "updated_by")
        .first()
    )


@dataclass
class RubricResult:
    rubric: object
    by_verdict: dict[str, list] = field(default_factory=dict)  # verdict -> findings

    def codes(self, verdict: str) -> list[str]:
        return [f.norm.code for f in self.by_verdict.get(verdict, [])]

    @property
    def met(self) -> int:
        return len(self.by_verdict.get(Verdict.MET, []))

    @property
    def partly(self) -> list[str]:
        return self.codes(Verdict.PARTLY)

    @property
    def not_met(self) -> list[str]:
        return self.codes(Verdict.NOT_MET)

    @property
    def not_applicable(self) -> list[str]:
        return self.codes(Verdict.NOT_APPLICABLE)

    @property
    def open(self) -> int:
        return len(self.by_verdict.get(Verdict.NOT_ASSESSED, []))

    @property
    def all_met(self) -> bool:
        return set(self.by_verdict) <= {Verdict.MET, Verdict.NOT_APPLICABLE}


def result_per_rubric(findings) -> list[RubricResult]:
    """Which norms are met, partly, not met or n.v.t., per rubric, in the order given."""
    results: dict[int, RubricResult] = {}
    for finding in findings:
        rubric = finding.norm.rubric
        result = results.setdefault(rubric.pk, RubricResult(rubric))
        result.by_verdict.setdefault(finding.verdict, []).append(finding)
    return list(results.values())


def outcome(audit, findings) -> decision.Outcome:
    framework = audit.framework
    return decision.decide(
        {f.norm.code: f.verdict for f in findings}, framework.max_not_met, framework.max_partly
    )


def few_sources(findings) -> list:
    """Findings resting on fewer than two sources (needs `source_count`)."""
    return [f for f in findings if f.source_count < MIN_SOURCES]


def shared_self_assessment(audit):
    """The self-assessment the member shared with the audit's body, if any (for comparison)."""
    sa = audit.self_assessment
    if sa is None or not Share.objects.filter(self_assessment=sa, body=audit.body).exists():
        return None
    return sa


def self_assessment_answer(audit, norm):
    sa = shared_self_assessment(audit)
    if sa is None:
        return None
    return Consolidation.objects.filter(self_assessment=sa, norm=norm).first()


def progress(audit, user) -> dict:
    """What the audit page shows of the findings: counts while the team works, the result
    per rubric once closed (what the lead tells orally, Bijlage 5 B5), links for the team."""
    if audit.status != audit.Status.STARTED and audit.status not in CLOSED:
        return {}
    records = list(
        Finding.objects.filter(audit=audit)
        .select_related("norm__rubric")
        .only(
            "verdict",
            "norm__number",
            "norm__rubric__code",
            "norm__rubric__name",
            "norm__rubric__position",
        )
    )
    context = {
        "progress": {
            "assessed": sum(1 for f in records if f.verdict != Verdict.NOT_ASSESSED),
            "total": len(records),
        },
        "may_read_findings": rules_findings.can_read_findings(user, audit),
    }
    if audit.status != audit.Status.STARTED:
        # After a follow-up its verdicts stand for the norms it covered (Bijlage 6 step 9c-ii).
        after = dict(
            FollowUpFinding.objects.filter(follow_up__audit=audit).values_list("norm_id", "verdict")
        )
        for record in records:
            record.verdict = after.get(record.norm_id, record.verdict)
        context["after_follow_up"] = bool(after)
        context["results"] = result_per_rubric(records)
        context["outcome"] = outcome(audit, records)
        context["next_steps"] = deadlines.for_audit(audit)
    return context
