"""The decision rules of the label: from per-norm verdicts to route a, b or c.

DOMAIN.md "Verdicts and weighting"; handbook 2.6, Bijlage 5 B condition 10 and Bijlage 6:
with N norms "voldoet niet" and D norms "deels", route a is N = D = 0 (positive advice),
route b is 0 < N + D with N <= max_not_met and D <= max_partly (an improvement plan for
every "-" and "+/-" norm), route c is N > max_not_met or D > max_partly (negative advice
unless the member takes the improvement option with a follow-up investigation).
"n.v.t." counts for neither; a norm "niet beoordeeld" (or not answered) leaves the
outcome incomplete. The thresholds are the framework version's (2019: 4 and 9).
One function, used by the self-assessment's readiness and by the audit's advice:
counts and route are always derived, never typed in.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models


class Verdict(models.TextChoices):
    MET = "met", "+ voldoet"
    PARTLY = "partly", "+/- deels"
    NOT_MET = "not_met", "- voldoet niet"
    NOT_APPLICABLE = "not_applicable", "n.v.t."
    NOT_ASSESSED = "not_assessed", "— niet beoordeeld"


SIGNS = {
    Verdict.MET: "+",
    Verdict.PARTLY: "+/-",
    Verdict.NOT_MET: "-",
    Verdict.NOT_APPLICABLE: "n.v.t.",
    Verdict.NOT_ASSESSED: "—",
}

ROUTES = {
    "a": "route a: positief advies",
    "b": "route b: verbeterplan voor de normen met - of +/-",
    "c": "route c: boven de grens; negatief advies tenzij verbeterplan en aanvullend onderzoek",
}


@dataclass(frozen=True)
class Outcome:
    counts: dict[str, int]
    not_met: tuple[str, ...]
    partly: tuple[str, ...]
    missing: tuple[str, ...]  # norms without a verdict, or "niet beoordeeld"
    max_not_met: int
    max_partly: int
    # "a", "b" or "c" from the verdicts given so far: what a self-assessment in progress
    # is heading for. The decision itself is `route`.
    route_so_far: str

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def route(self) -> str | None:
        """The decision route; None while any norm lacks a verdict (an incomplete report)."""
        return self.route_so_far if self.complete else None

    @property
    def plan_norms(self) -> tuple[str, ...]:
        """The norms an improvement plan must cover: every "-" and "+/-"."""
        return self.not_met + self.partly

    @property
    def route_label(self) -> str:
        return ROUTES[self.route_so_far]

    def summary(self) -> str:
        n, d = len(self.not_met), len(self.partly)
        not_met = f"{n} norm voldoet niet" if n == 1 else f"{n} normen voldoen niet"
        if self.route_so_far == "a":
            return "Alle beoordeelde normen voldoen: route a, positief advies."
        if self.route_so_far == "b":
            return (
                f"{not_met} en {d} deels, binnen de grens "
                f"(hoogstens {self.max_not_met} en {self.max_partly}): route b, een verbeterplan voor die normen."
            )
        return (
            f"{not_met} en {d} deels, boven de grens "
            f"(hoogstens {self.max_not_met} en {self.max_partly}): route c."
        )


def decide(verdicts: Mapping[str, str | None], max_not_met: int, max_partly: int) -> Outcome:
    """The outcome for a mapping of norm code -> verdict (None for no verdict yet), in order."""
    counts = {v.value: 0 for v in Verdict}
    not_met, partly, missing = [], [], []
    for code, verdict in verdicts.items():
        if verdict is None or verdict == Verdict.NOT_ASSESSED:
            missing.append(code)
        if verdict is not None:
            if verdict not in counts:
                raise ValueError(f"{code}: unknown verdict {verdict!r}")
            counts[verdict] += 1
        if verdict == Verdict.NOT_MET:
            not_met.append(code)
        elif verdict == Verdict.PARTLY:
            partly.append(code)
    route = route_for(len(not_met), len(partly), max_not_met, max_partly)
    return Outcome(
        counts, tuple(not_met), tuple(partly), tuple(missing), max_not_met, max_partly, route
    )


def route_for(not_met: int, partly: int, max_not_met: int, max_partly: int) -> str:
    """Handboek 2.6, Bijlage 5 B10: a without a point, b within the limits, c beyond them."""
    if not_met > max_not_met or partly > max_partly:
        return "c"
    return "b" if not_met or partly else "a"


def explanation(outcome: Outcome, version: str) -> str:
    """Why this route, in Dutch, citing the thresholds of the framework version."""
    rule = (
        f"Normenkader {version}: hoogstens {outcome.max_not_met} normen ‘voldoet niet’ en "
        f"hoogstens {outcome.max_partly} normen ‘deels’ (handboek 2.6, Bijlage 5 B10); "
        "n.v.t. telt niet mee."
    )
    if not outcome.complete:
        n = len(outcome.missing)
        return (
            f"Niet compleet: {n} {'norm heeft' if n == 1 else 'normen hebben'} geen oordeel "
            f"({', '.join(outcome.missing)}). Zonder oordeel over elke norm is er geen route. "
            + rule
        )
    return f"{outcome.summary()} {rule}"
