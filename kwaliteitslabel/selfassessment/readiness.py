"""How ready the organisation is for the audit, from its consolidated answers (issue 5).

Per rubric and in total the number of norms per answer, and the outcome of the label's
decision rules (audits.decision.decide) with the framework's thresholds: norms without
a consolidated answer count as missing. Also the data for the bar chart per rubric.
"""

import datetime
from dataclasses import dataclass, field

from kwaliteitslabel.audits.decision import Outcome, Verdict, decide
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.frameworks.models import Norm

from .models import Consolidation

MISSING = "missing"
# The chart's segments in order: (key, word with sign, fill colour, text colour inside).
SEGMENTS = [
    (Verdict.MET.value, Verdict.MET.label, "#1a6b32", "#ffffff"),
    (Verdict.PARTLY.value, Verdict.PARTLY.label, "#f2b600", "#1f2937"),
    (Verdict.NOT_MET.value, Verdict.NOT_MET.label, "#b3261e", "#ffffff"),
    (Verdict.NOT_APPLICABLE.value, Verdict.NOT_APPLICABLE.label, "#6b7280", "#ffffff"),
    (MISSING, "nog geen antwoord", "#ffffff", "#1f2937"),
]
# Segment positions and widths are percentages of the bar, so the text keeps its size on a phone.
CHART_WIDTH = 100
CHART_HEIGHT = 32
# A count is written inside its segment when the segment is at least this wide (per cent).
MIN_LABEL_WIDTH = 4


@dataclass
class Segment:
    key: str
    word: str
    fill: str
    ink: str
    count: int
    x: float = 0
    width: float = 0

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2

    @property
    def labelled(self) -> bool:
        return self.count > 0 and self.width >= MIN_LABEL_WIDTH


@dataclass
class Row:
    """One rubric (or the total): the counts per answer and the bar's segments."""

    name: str
    counts: dict[str, int]
    segments: list[Segment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def description(self) -> str:
        """The bar in words, for screen readers (aria-label)."""
        parts = [f"{s.count} {s.word}" for s in self.segments if s.count]
        return f"{self.name}: {self.total} normen; " + ", ".join(parts)


@dataclass
class Readiness:
    rubrics: list[Row]
    total: Row
    outcome: Outcome | None  # None when the framework has no thresholds
    work_on: list[tuple[Norm, str]]  # (norm, verdict): not met first, then partly
    missing: int


def empty_counts() -> dict[str, int]:
    return {key: 0 for key, *_ in SEGMENTS}


def chart(name: str, counts: dict[str, int]) -> Row:
    row = Row(name, counts)
    total = row.total or 1
    x = 0.0
    for key, word, fill, ink in SEGMENTS:
        width = CHART_WIDTH * counts[key] / total
        row.segments.append(
            Segment(key, word, fill, ink, counts[key], round(x, 2), round(width, 2))
        )
        x += width
    return row


def norms_of(framework) -> list[Norm]:
    """The framework's norms in paper order, with their rubric; one query."""
    return list(
        Norm.objects.filter(framework=framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )


def consolidations_of(self_assessment) -> dict[int, Consolidation]:
    """Per norm id, the organisation's answer; one query."""
    return {c.norm_id: c for c in Consolidation.objects.filter(self_assessment=self_assessment)}


def readiness(self_assessment) -> Readiness:
    """Two queries, whatever the number of norms or answers."""
    framework = self_assessment.framework
    norms = norms_of(framework)
    answers = {norm_id: c.verdict for norm_id, c in consolidations_of(self_assessment).items()}
    per_rubric: dict[int, tuple[str, dict[str, int]]] = {}
    total = empty_counts()
    verdicts: dict[str, str | None] = {}
    for norm in norms:
        key = answers.get(norm.pk) or MISSING
        _, counts = per_rubric.setdefault(norm.rubric_id, (norm.rubric.name, empty_counts()))
        counts[key] += 1
        total[key] += 1
        verdicts[norm.code] = answers.get(norm.pk)
    outcome = None
    if framework.has_thresholds:
        outcome = decide(verdicts, framework.max_not_met, framework.max_partly)
    by_code = {norm.code: norm for norm in norms}
    work_on = [
        (by_code[code], verdict)
        for verdict in (Verdict.NOT_MET.value, Verdict.PARTLY.value)
        for code, given in verdicts.items()
        if given == verdict
    ]
    return Readiness(
        rubrics=[chart(name, counts) for name, counts in per_rubric.values()],
        total=chart("Totaal", total),
        outcome=outcome,
        work_on=work_on,
        missing=total[MISSING],
    )


# Bijlage 5 B3: after the self-assessment the audit may be postponed at most 12 months.
POSTPONE_MONTHS = 12


def postpone_limit(self_assessment) -> datetime.date | None:
    if self_assessment.closed_on is None:
        return None
    return add_months(self_assessment.closed_on, POSTPONE_MONTHS)
