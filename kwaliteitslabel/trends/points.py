"""Part A's strengths and improvement points per norm over many audits (issue 10 item 3).

Only confirmed links count: a platform point its lead auditor linked, a historic point a
person at SWN confirmed (`ReportPoint.norm` is only ever set by a person). Only final reports
count (`live_audits`) and SWN's historic reports (`historic_reports`). Reports are
confidential (Bijlage 9): no member, body or date beside a point; a norm whose points come
from fewer than `MIN_GROUP` audits shows its counts, not its texts; a selection of fewer than
`MIN_GROUP` audits shows nothing. A handful of queries, whatever the number of audits.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.frameworks.services import search_terms
from kwaliteitslabel.reports.models import ReportPoint

from .rules import MIN_GROUP
from .shares import Filters, historic_reports, live_audits

Kind = ReportPoint.Kind
KINDS = (Kind.STRENGTH, Kind.IMPROVEMENT)
HIDDEN = "te weinig toetsingen om de punten te tonen"
TEXTS_SHOWN = 50  # per norm and kind on the page; the download has them all
BAR = 480  # the longest bar in the picture, in SVG units


@dataclass
class NormPoints:
    norm: Norm
    counts: dict[str, int] = field(default_factory=dict)
    audits: int = 0  # how many audits the points come from
    texts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # kind: (text, times)
    bars: dict[str, float] = field(default_factory=dict)  # kind: length in the picture
    ends: dict[str, float] = field(default_factory=dict)  # kind: where its number stands

    @property
    def shown(self) -> bool:
        """Bijlage 9: the texts of a norm only with at least `MIN_GROUP` audits behind them."""
        return self.audits >= MIN_GROUP

    @property
    def strengths(self) -> int:
        return self.counts.get(Kind.STRENGTH, 0)

    @property
    def improvements(self) -> int:
        return self.counts.get(Kind.IMPROVEMENT, 0)

    def listed(self) -> list[tuple[str, str, list[tuple[str, int]], int]]:
        """Per kind: (kind, label, the first texts, how many more) for the page."""
        labels = {Kind.STRENGTH: "Sterke punten", Kind.IMPROVEMENT: "Verbeterpunten"}
        return [
            (k, labels[k], found[:TEXTS_SHOWN], max(0, len(found) - TEXTS_SHOWN))
            for k in KINDS
            if (found := self.texts.get(k))
        ]


@dataclass
class Points:
    filters: Filters
    query: str
    audits: int
    awaiting: int  # historic points in the selection still without a confirmed norm
    rows: list[NormPoints]

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    @property
    def visible(self) -> list[NormPoints]:
        """Every norm; with a search only the norms with points that hold its words."""
        return [r for r in self.rows if r.audits or not self.query]

    def by_rubric(self) -> list[tuple[str, list[NormPoints]]]:
        groups: dict[str, list[NormPoints]] = {}
        for row in self.visible:
            groups.setdefault(row.norm.rubric.name, []).append(row)
        return list(groups.items())

    @property
    def linked(self) -> int:
        return sum(r.strengths + r.improvements for r in self.rows)


def _confirmed(filters: Filters, terms: list[str]):
    live, historic = live_audits(filters), historic_reports(filters)
    found = ReportPoint.objects.filter(norm__isnull=False).filter(
        Q(report__audit__in=live.values("pk")) | Q(historic_report__in=historic.values("pk"))
    )
    for term in terms:
        found = found.filter(folded__contains=term)
    return found


def points(filters: Filters, query: str = "") -> Points:
    """The confirmed points per norm, with `query`'s words in their text; six queries."""
    live, historic = live_audits(filters), historic_reports(filters)
    audits = live.values("pk").count() + historic.count()
    awaiting = ReportPoint.objects.filter(
        historic_report__in=historic.values("pk"), norm__isnull=True
    ).count()
    if audits < MIN_GROUP:
        return Points(filters, query, audits, awaiting, [])
    rows = {
        n.pk: NormPoints(n)
        for n in Norm.objects.filter(framework__version=filters.framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    }
    confirmed = _confirmed(filters, search_terms(query))
    per_norm = (
        confirmed.values("norm_id")
        .annotate(
            strengths=Count("pk", filter=Q(kind=Kind.STRENGTH)),
            improvements=Count("pk", filter=Q(kind=Kind.IMPROVEMENT)),
            live=Count("report_id", distinct=True),
            old=Count("historic_report_id", distinct=True),
        )
        .order_by()
    )
    for r in per_norm:
        if r["norm_id"] in rows:
            row = rows[r["norm_id"]]
            row.counts = {Kind.STRENGTH: r["strengths"], Kind.IMPROVEMENT: r["improvements"]}
            row.audits = r["live"] + r["old"]
    shown = [pk for pk, row in rows.items() if row.shown]
    texts = (
        confirmed.filter(norm_id__in=shown)
        .values("norm_id", "kind", "text")
        .annotate(n=Count("pk"))
        .order_by("-n", "text")
    )
    for r in texts:
        rows[r["norm_id"]].texts.setdefault(r["kind"], []).append((r["text"], r["n"]))
    longest = max((max(r.counts.values(), default=0) for r in rows.values()), default=0)
    for row in rows.values():
        row.bars = {k: round(BAR * row.counts.get(k, 0) / (longest or 1), 1) for k in KINDS}
        row.ends = {k: round(length + 44, 1) for k, length in row.bars.items()}
    return Points(filters, query, audits, awaiting, list(rows.values()))


def table(found: Points) -> list[list]:
    """The page's numbers and shown texts as rows, for CSV and Excel alike (issue 10 item 6):
    per norm a row with its counts, then a row per text (all of them, where shown)."""
    rows = [
        [
            "norm",
            "rubriek",
            "toetsingen",
            "sterke punten",
            "verbeterpunten",
            "soort punt",
            "tekst",
            "keer genoemd",
        ]
    ]
    if not found.shown:
        return rows
    labels = dict(Kind.choices)
    for row in found.visible:
        code, rubric = row.norm.code, row.norm.rubric.name
        note = "" if row.shown or not row.audits else HIDDEN
        rows.append([code, rubric, row.audits, row.strengths, row.improvements, "", note, ""])
        for kind in KINDS:
            for text, times in row.texts.get(kind, []):
                rows.append([code, rubric, "", "", "", labels[kind], text, times])
    return rows
