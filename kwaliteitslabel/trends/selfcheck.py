"""Self-assessment against audit (issue 10 item 4): per norm, how often members judged
themselves "voldoet" where the audit found partly or not met (over-rated), and the reverse
(under-rated).

The member's judgement is its self-assessment's consolidated answer per norm (the
coordinator's `Consolidation`; the team's own answers stay private). The audit's is the
final verdict per norm: the platform's findings once the report is final, or an imported
historic report's verdicts. A norm either side calls n.v.t. (or left open) is not compared.
"Agreed" means both on the same side of "voldoet": both met, or both partly or not met
(either way the norm needs an improvement plan, handbook 2.6 route b).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Max

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.audits.rules_plan import AFTER_FINAL
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.selfassessment.models import Consolidation

from . import pairing
from .rules import MIN_GROUP
from .shares import Filters, historic_reports, live_audits

JUDGED = (Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET)
OVER, UNDER, AGREED = "over", "under", "agreed"
# Sign and word together (UX.md), so a difference never rests on colour alone.
WORDS = {
    OVER: "▲ zelf hoger",  # the member: met; the audit: partly or not met
    UNDER: "▼ zelf lager",  # the audit: met; the member: partly or not met
    AGREED: "= eens",
    None: "niet vergeleken (n.v.t. of geen antwoord)",
}


def compare(own: str | None, audit: str | None) -> str | None:
    """OVER, UNDER or AGREED; None when either side gave no judgement (n.v.t., none)."""
    if own not in JUDGED or audit not in JUDGED:
        return None
    if own == Verdict.MET and audit != Verdict.MET:
        return OVER
    if own != Verdict.MET and audit == Verdict.MET:
        return UNDER
    return AGREED


@dataclass
class NormCheck:
    norm: Norm
    counts: dict[str, int] = field(default_factory=lambda: {OVER: 0, UNDER: 0, AGREED: 0})

    @property
    def compared(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> bool:
        return self.compared >= MIN_GROUP

    def share(self, kind: str) -> float:
        """Percentage of the audits compared on this norm, one decimal."""
        return round(100 * self.counts[kind] / self.compared, 1) if self.compared else 0.0

    @property
    def over(self) -> float:
        return self.share(OVER)

    @property
    def under(self) -> float:
        return self.share(UNDER)

    @property
    def agreed(self) -> float:
        return self.share(AGREED)


@dataclass
class SelfCheck:
    filters: Filters
    audits: int  # audits with a self-assessment paired to them
    rows: list[NormCheck]

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    def by_rubric(self) -> list[tuple[str, list[NormCheck]]]:
        groups: dict[str, list[NormCheck]] = {}
        for row in self.rows:
            groups.setdefault(row.norm.rubric.name, []).append(row)
        return list(groups.items())

    def most_over(self, n: int = 10) -> list[NormCheck]:
        """The norms members most often over-rate; only rows with enough audits behind them."""
        rows = [r for r in self.rows if r.shown and r.counts[OVER]]
        return sorted(rows, key=lambda r: (-r.over, r.norm.rubric.position, r.norm.number))[:n]


def linked(audits):
    """Audits whose linked self-assessment uses the audit's own framework."""
    return audits.filter(self_assessment__framework=F("framework"))


def selfcheck(filters: Filters) -> SelfCheck:
    """Counts per norm over the audits in the selection, counted by the database (pairing);
    five queries, whatever their number."""
    norms = (
        Norm.objects.filter(framework__version=filters.framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )
    rows = {n.pk: NormCheck(n) for n in norms}
    live = linked(live_audits(filters)).values("pk")
    historic = historic_reports(filters)
    found = pairing.live_counts(live, JUDGED) + pairing.historic_counts(historic, JUDGED)
    for (norm_id, own, verdict), number in found.items():
        if norm_id in rows:
            rows[norm_id].counts[compare(own, verdict)] += number
    audits = live.count() + pairing.paired_reports(historic).count()
    return SelfCheck(filters, audits, list(rows.values()))


# The member's own view: its own data, so no minimum group; only its own (views_selfcheck).


@dataclass
class NormPair:
    norm: Norm
    own: str | None
    audit: str | None

    @property
    def kind(self) -> str | None:
        return compare(self.own, self.audit)

    @property
    def word(self) -> str:
        return WORDS[self.kind]

    @property
    def own_label(self) -> str:
        return Verdict(self.own).label if self.own else "geen antwoord"

    @property
    def audit_label(self) -> str:
        return Verdict(self.audit).label if self.audit else "geen oordeel"


@dataclass
class AuditCheck:
    audit: Audit
    rows: list[NormPair]

    @property
    def counts(self) -> list[tuple[str | None, str, int]]:
        """(kind, word, number of norms), over-rated first."""
        kinds = [r.kind for r in self.rows]
        return [(k, WORDS[k], kinds.count(k)) for k in (OVER, UNDER, AGREED, None)]


def audits_compared(members):
    """The members' audits with a final report and a self-assessment of the same framework."""
    return linked(Audit.objects.filter(member__in=members, status__in=AFTER_FINAL))


def own_audits(member) -> list[AuditCheck]:
    """Per audit of the member, each norm's own answer next to the final verdict, newest
    audit first; four queries, whatever the number of audits."""
    audits = list(
        audits_compared([member])
        .select_related("self_assessment", "body", "framework")
        .annotate(last_day=Max("days__date"))
        .order_by(F("last_day").desc(nulls_last=True), "-pk")
    )
    if not audits:
        return []
    norms = (
        Norm.objects.filter(framework__in={a.framework_id for a in audits})
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )
    per_framework = defaultdict(list)
    for norm in norms:
        per_framework[norm.framework_id].append(norm)
    own = {
        (sa, norm): verdict
        for sa, norm, verdict in Consolidation.objects.filter(
            self_assessment__in=[a.self_assessment_id for a in audits]
        ).values_list("self_assessment_id", "norm_id", "verdict")
    }
    final = {
        (audit, norm): verdict
        for audit, norm, verdict in Finding.objects.filter(audit__in=audits).values_list(
            "audit_id", "norm_id", "verdict"
        )
    }
    return [
        AuditCheck(
            a,
            [
                NormPair(n, own.get((a.self_assessment_id, n.pk)), final.get((a.pk, n.pk)))
                for n in per_framework[a.framework_id]
            ],
        )
        for a in audits
    ]
