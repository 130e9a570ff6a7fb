"""The improvement plan's data: which norms it covers, what is missing, the combined verdicts.

The transitions are in `workflow_plan.py`; this module only reads and prepares.
"""

from kwaliteitslabel.frameworks.models import Norm

from . import decision
from .models_findings import Finding
from .models_plan import FollowUpFinding, ImprovementPlan, PlanItem


def norms_by_code(framework) -> dict[str, Norm]:
    return {n.code: n for n in Norm.objects.filter(framework=framework).select_related("rubric")}


def open_plan(audit, codes) -> ImprovementPlan:
    """One plan for the audit, with a line for every norm "-" or "+/-" (Bijlage 6 step 10)."""
    norms = norms_by_code(audit.framework)
    plan = ImprovementPlan.objects.create(audit=audit)
    PlanItem.objects.bulk_create(PlanItem(plan=plan, norm=norms[code]) for code in codes)
    return plan


def items(plan) -> list[PlanItem]:
    return list(plan.items.select_related("norm__rubric", "judged_by"))


def submit_problems(items_) -> list[str]:
    """A plan that leaves out a part for a norm that needs it is not a plan yet (item 3)."""
    return [
        f"{item.norm.code}: vul nog in: {', '.join(item.missing)}."
        for item in items_
        if item.judgement != PlanItem.Judgement.APPROVED and item.missing
    ]


def verdicts(audit) -> dict[str, str]:
    """Per norm code the verdict that stands: the follow-up's where it gave one (Bijlage 6
    step 9c-ii: the rest of the findings stand)."""
    result = {
        f.norm.code: f.verdict
        for f in Finding.objects.filter(audit=audit).select_related("norm__rubric")
    }
    result.update(
        (f.norm.code, f.verdict)
        for f in FollowUpFinding.objects.filter(follow_up__audit=audit).select_related(
            "norm__rubric"
        )
    )
    return result


def outcome(audit) -> decision.Outcome:
    framework = audit.framework
    return decision.decide(verdicts(audit), framework.max_not_met, framework.max_partly)
