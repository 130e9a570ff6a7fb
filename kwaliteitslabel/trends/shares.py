"""The verdict per norm over many audits: how often the branch meets each norm (issue 10,
item 1). Both the audits on the platform (their final report's verdicts) and SWN's imported
historic reports count. A handful of queries, whatever the number of audits.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.db.models.functions import ExtractYear

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.audits.models import Audit, AuditDay, Finding, ScopeLine
from kwaliteitslabel.audits.rules_plan import AFTER_FINAL
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.reports.models_historic import HistoricReport, HistoricVerdict

from . import sizes
from .rules import MIN_GROUP

# The verdicts a trend counts, in the order of the pictures (UX.md: sign and word together).
COUNTED = (Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET, Verdict.NOT_APPLICABLE)


@dataclass(frozen=True)
class Filters:
    framework: str = "2019"
    year_from: int | None = None
    year_to: int | None = None
    variant: str = ""  # only audits on the platform know their variant
    size_band: str = ""  # a label of sizes.size_bands()
    work_type: int | None = None  # a WorkType's pk


@dataclass
class NormShares:
    norm: Norm
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, verdict: str) -> float:
        """Percentage of the audits that judged the norm, one decimal."""
        return round(100 * self.counts.get(verdict, 0) / self.total, 1) if self.total else 0.0

    @property
    def shares(self) -> list[tuple[str, str, int, float]]:
        return [
            (v.value, v.label, self.counts.get(v.value, 0), self.share(v.value)) for v in COUNTED
        ]

    @property
    def segments(self) -> list[tuple[str, str, float, float]]:
        """(verdict, label, share, start): a stacked bar from 0 to 100."""
        start, found = 0.0, []
        for value, label, _, share in self.shares:
            found.append((value, label, share, round(start, 1)))
            start += share
        return found

    @property
    def short_of(self) -> float:
        """Share partly or not met: where the branch struggles."""
        return round(self.share(Verdict.PARTLY) + self.share(Verdict.NOT_MET), 1)


@dataclass
class Trend:
    filters: Filters
    audits: int
    rows: list[NormShares]

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    def by_rubric(self) -> list[tuple[str, list[NormShares]]]:
        groups: dict[str, list[NormShares]] = {}
        for row in self.rows:
            groups.setdefault(row.norm.rubric.name, []).append(row)
        return list(groups.items())

    def struggles(self, n: int = 10) -> list[NormShares]:
        return sorted(
            self.rows, key=lambda r: (-r.short_of, r.norm.rubric.position, r.norm.number)
        )[:n]


def live_audits(filters: Filters):
    audits = Audit.objects.filter(framework__version=filters.framework, status__in=AFTER_FINAL)
    if filters.variant:
        audits = audits.filter(variant=filters.variant)
    if filters.size_band:
        audits = audits.annotate(fte=sizes.fte_in_scope()).filter(
            sizes.band(filters.size_band).q("fte")
        )
    if filters.work_type:
        lines = ScopeLine.objects.filter(scope=OuterRef("scope"), work_type=filters.work_type)
        audits = audits.filter(Exists(lines))
    audits = audits.annotate(last_day=Max("days__date"))
    if filters.year_from:
        audits = audits.filter(last_day__gte=datetime.date(filters.year_from, 1, 1))
    if filters.year_to:
        audits = audits.filter(last_day__lte=datetime.date(filters.year_to, 12, 31))
    return audits


def historic_reports(filters: Filters):
    if filters.variant:
        return HistoricReport.objects.none()
    reports = HistoricReport.objects.filter(framework__version=filters.framework)
    if filters.year_from:
        reports = reports.filter(audit_date__gte=datetime.date(filters.year_from, 1, 1))
    if filters.year_to:
        reports = reports.filter(audit_date__lte=datetime.date(filters.year_to, 12, 31))
    # A historic report without part A's FTE or work types is left out when they filter.
    if filters.size_band:
        reports = reports.filter(sizes.band(filters.size_band).q("fte"))
    if filters.work_type:
        through = HistoricReport.work_types.through.objects.filter(
            historicreport=OuterRef("pk"), worktype=filters.work_type
        )
        reports = reports.filter(Exists(through))
    return reports


def trend(filters: Filters) -> Trend:
    """Counts per norm and verdict; five queries."""
    live = live_audits(filters)
    historic = historic_reports(filters)
    rows = {
        n.pk: NormShares(n)
        for n in Norm.objects.filter(framework__version=filters.framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    }
    counted = [v.value for v in COUNTED]
    found = [
        Finding.objects.filter(audit__in=live.values("pk"), verdict__in=counted),
        HistoricVerdict.objects.filter(report__in=historic.values("pk"), verdict__in=counted),
    ]
    for queryset in found:
        for r in queryset.values("norm_id", "verdict").annotate(n=Count("pk")).order_by():
            if r["norm_id"] in rows:
                counts = rows[r["norm_id"]].counts
                counts[r["verdict"]] = counts.get(r["verdict"], 0) + r["n"]
    audits = live.values("pk").count() + historic.count()
    return Trend(filters, audits, list(rows.values()))


@dataclass
class YearLine:
    """One norm's share partly or not met per year; None where the year has too few audits."""

    norm: Norm
    points: list[tuple[int, float | None]]


def by_year(
    filters: Filters, norms: list[Norm]
) -> tuple[list[int], dict[int, int], list[YearLine]]:
    """How the given norms moved year on year: the years, audits per year, a line per norm.
    Three queries, whatever the number of audits."""
    live, historic = live_audits(filters), historic_reports(filters)
    last_day = AuditDay.objects.filter(audit=OuterRef("audit")).order_by("-date").values("date")
    counted = [v.value for v in COUNTED]
    rows = [
        Finding.objects.filter(audit__in=live.values("pk"), verdict__in=counted, norm__in=norms)
        .annotate(year=ExtractYear(Subquery(last_day[:1])))
        .values("year", "norm_id", "verdict"),
        HistoricVerdict.objects.filter(
            report__in=historic.values("pk"), verdict__in=counted, norm__in=norms
        )
        .annotate(year=ExtractYear("report__audit_date"))
        .values("year", "norm_id", "verdict"),
    ]
    totals: dict[tuple[int, int], list[int]] = {}
    for queryset in rows:
        for r in queryset.annotate(n=Count("pk")).order_by():
            if r["year"] is None:
                continue
            short, all_ = totals.setdefault((r["norm_id"], r["year"]), [0, 0])
            is_short = r["verdict"] in (Verdict.PARTLY, Verdict.NOT_MET)
            totals[(r["norm_id"], r["year"])] = [short + r["n"] * is_short, all_ + r["n"]]
    audits = _audits_per_year(live, historic)
    years = sorted(audits)
    lines = []
    for norm in norms:
        points = []
        for year in years:
            short, all_ = totals.get((norm.pk, year), (0, 0))
            enough = audits[year] >= MIN_GROUP and all_
            points.append((year, round(100 * short / all_, 1) if enough else None))
        lines.append(YearLine(norm, points))
    return years, audits, lines


def _audits_per_year(live, historic) -> dict[int, int]:
    found: dict[int, int] = {}
    for day in live.values_list("last_day", flat=True):
        if day is not None:
            found[day.year] = found.get(day.year, 0) + 1
    rows = historic.annotate(year=ExtractYear("audit_date")).values("year").annotate(n=Count("pk"))
    for r in rows.order_by():
        found[r["year"]] = found.get(r["year"], 0) + r["n"]
    return found
