"""Public decision rules: anyone can check a report's counts and route (issue 7, item 1).

The same `audits.decision.decide` the platform uses for audits and self-assessments; norms
left out count as "niet beoordeeld", so an incomplete set has no route.
"""

from typing import Literal

from ninja import Router, Schema
from ninja.errors import HttpError

from kwaliteitslabel.audits import decision
from kwaliteitslabel.frameworks.models import Framework

from .errors import BAD_BODY

router = Router(tags=["beslisregels"])


class DecisionIn(Schema):
    framework: str
    verdicts: dict[str, str]


class DecisionOut(Schema):
    counts: dict[str, int]
    complete: bool
    route: Literal["a", "b", "c"] | None
    improvement_plan_norms: list[str]
    explanation: str


@router.post("", response={200: DecisionOut, **BAD_BODY}, url_name="decision")
def decide(request, payload: DecisionIn):
    framework = Framework.objects.filter(version=payload.framework).first()
    if framework is None:
        known = ", ".join(Framework.objects.values_list("version", flat=True))
        raise HttpError(
            422, f"framework: normenkader ‘{payload.framework}’ bestaat niet ({known})."
        )
    if not framework.has_thresholds:
        raise HttpError(
            422, f"framework: normenkader {framework.version} heeft geen grenzen voor de weging."
        )
    codes = [n.code for n in framework.norms.select_related("rubric")]
    unknown = sorted(set(payload.verdicts) - set(codes))
    if unknown:
        raise HttpError(
            422,
            f"verdicts: {', '.join(unknown)} {'is geen norm' if len(unknown) == 1 else 'zijn geen normen'} "
            f"van normenkader {framework.version}.",
        )
    allowed = {v.value for v in decision.Verdict}
    for code, verdict in payload.verdicts.items():
        if verdict not in allowed:
            raise HttpError(
                422,
                f"verdicts.{code}: ‘{verdict}’ is geen oordeel; kies uit {', '.join(sorted(allowed))}.",
            )
    outcome = decision.decide(
        {code: payload.verdicts.get(code) for code in codes},
        framework.max_not_met,
        framework.max_partly,
    )
    counts = dict(outcome.counts)
    counts[decision.Verdict.NOT_ASSESSED] = len(outcome.missing)
    order = {code: i for i, code in enumerate(codes)}
    return {
        "counts": counts,
        "complete": outcome.complete,
        "route": outcome.route,
        "improvement_plan_norms": sorted(outcome.plan_norms, key=order.get),
        "explanation": decision.explanation(outcome, framework.version),
    }
