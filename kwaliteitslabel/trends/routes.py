"""The decision routes over many audits and how they ended (issue 10 item 1): how often
the branch passes at once (a), after an improvement plan (b) or only after a follow-up (c),
and how the plans went. Historic reports have no stored route: it is derived from their
verdicts with the same rule (`decision.route_for`)."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max

from kwaliteitslabel.audits.decision import Verdict, route_for
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports.models_historic import HistoricVerdict

from .rules import MIN_GROUP
from .shares import Filters, historic_reports, live_audits

Status = Audit.Status
POSITIVE = (
    Status.ADVICE_POSITIVE,
    Status.SUMMARY_SENT,
    Status.SUMMARY_RETURNED,
    Status.SUMMARY_ACCEPTED,
    Status.CERTIFIED,
)
LABELS = {
    "a": "a: aan alle normen voldaan",
    "b": "b: binnen de grenzen, verbeterplan",
    "c": "c: buiten de grenzen, verbeterplan en aanvullend onderzoek",
}


@dataclass
class RouteRow:
    route: str
    label: str
    audits: int
    positive: int
    negative: int
    first_round: int  # plans approved without an amend round
    amended: int  # plans approved after one

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    @property
    def running(self) -> int:
        return self.audits - self.positive - self.negative


def routes(filters: Filters) -> list[RouteRow]:
    """A row per route; four queries, whatever the number of audits."""
    found = {r: Counter() for r in LABELS}
    live = live_audits(filters).annotate(plan_round=Max("plan__round"))
    for a in live.values("route", "status", "plan_round"):
        if a["route"] not in found:
            continue
        c = found[a["route"]]
        c["audits"] += 1
        c["positive"] += a["status"] in POSITIVE
        c["negative"] += a["status"] == Status.ADVICE_NEGATIVE
        if a["route"] != "a" and a["status"] in POSITIVE and a["plan_round"]:
            c["first_round" if a["plan_round"] == 1 else "amended"] += 1
    fw = Framework.objects.get(version=filters.framework)
    if fw.has_thresholds:
        historic = historic_reports(filters)
        advice = dict(historic.values_list("pk", "advice"))
        short = {pk: {Verdict.NOT_MET: 0, Verdict.PARTLY: 0} for pk in advice}
        grouped = (
            HistoricVerdict.objects.filter(
                report__in=historic.values("pk"), verdict__in=[Verdict.NOT_MET, Verdict.PARTLY]
            )
            .values("report_id", "verdict")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for r in grouped:
            short[r["report_id"]][r["verdict"]] = r["n"]
        for pk, given in advice.items():
            n = short[pk]
            c = found[
                route_for(n[Verdict.NOT_MET], n[Verdict.PARTLY], fw.max_not_met, fw.max_partly)
            ]
            c["audits"] += 1
            c["positive" if given == "positive" else "negative"] += 1
    return [
        RouteRow(
            r,
            LABELS[r],
            c["audits"],
            c["positive"],
            c["negative"],
            c["first_round"],
            c["amended"],
        )
        for r, c in found.items()
    ]
