"""The trends on one A4 page for a committee meeting (issue 10 item 6): the beheercommissie
maintains the norms and the Raad van Toezicht watches the trends (handbook 1.3).

The figures are those of the trends page (`shares.trend`, `shares.by_year`, `routes.routes`),
gathered into sections. A later page adds its part of the summary by appending a builder to
`SECTIONS`: a function (filters, trend) -> Section, whose template draws `section.data`. The
page has a few millimetres to spare, so a new section makes room for itself (a smaller chart,
fewer rows); tests/trends/test_summary_pdf.py counts the pages.
Nothing is shown for a selection with fewer than `MIN_GROUP` audits (Bijlage 9).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.certificates.pdf import long_date
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.members.models import WorkType

from .charts import DASHES, Chart, line_chart
from .routes import RouteRow, routes
from .rules import MIN_GROUP
from .shares import COUNTED, Filters, NormShares, Trend, YearLine, by_year, trend

HARDEST, LINES = 10, 5  # norms in the list, norms with a line per year (issue 10 items 1, 6)
GIST = 50  # characters of a norm's text that fit its column


@dataclass
class Section:
    title: str
    template: str  # draws `section.data`; also gets `min_group`
    data: object


@dataclass
class RubricShares:
    """A rubric as a whole: each verdict's share averaged over the rubric's norms."""

    name: str
    norms: int
    shares: list[tuple[str, str, float]]  # (verdict, label, share)

    @property
    def segments(self) -> list[tuple[str, str, float, float]]:
        """(verdict, label, share, start): a stacked bar from 0 to 100."""
        start, found = 0.0, []
        for value, label, share in self.shares:
            found.append((value, label, share, round(start, 1)))
            start += share
        return found

    @property
    def short_of(self) -> float:
        return round(sum(s for v, _, s in self.shares if v in (Verdict.PARTLY, Verdict.NOT_MET)), 1)


@dataclass
class Hard:
    """A norm the branch struggles with: its shares partly and not met (a bar from 0)."""

    norm: Norm
    partly: float
    not_met: float
    short_of: float

    @property
    def gist(self) -> str:
        """The norm's text cut at a word to fit its one line on the page; the page and the
        framework have it whole."""
        if len(self.norm.text) <= GIST:
            return self.norm.text
        return self.norm.text[: GIST + 1].rsplit(" ", 1)[0].rstrip(",;:") + " …"


@dataclass
class Years:
    chart: Chart | None  # None without two years or without a year of MIN_GROUP audits
    lines: list[YearLine]
    audits: list[tuple[int, int]]  # (year, audits that year)

    @property
    def rows(self) -> list[tuple[int, str, YearLine]]:
        """(index, dash pattern, line): the table's key matches the chart's line."""
        return [(n, DASHES[n % len(DASHES)], line) for n, line in enumerate(self.lines)]


@dataclass
class Summary:
    filters: Filters
    audits: int
    made: datetime.date
    address: str  # where the page with the full tables is
    work_type: str = ""  # the name of the filter's work type
    sections: list[Section] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    @property
    def variant(self) -> str:
        if not self.filters.variant:
            return "alle (ook historische rapporten)"
        return Audit.Variant(self.filters.variant).label

    @property
    def period(self) -> str:
        low, high = self.filters.year_from, self.filters.year_to
        if low and high:
            return f"{low} tot en met {high}" if low != high else str(low)
        if low:
            return f"vanaf {low}"
        return f"tot en met {high}" if high else "alle jaren"

    @property
    def selection(self) -> list[tuple[str, str]]:
        """What the figures count, as the page's filters name it."""
        found = [
            ("Normenkader", self.filters.framework),
            ("Periode", self.period),
            ("Toetsingsvariant", self.variant),
        ]
        if self.filters.size_band:
            found.append(("Omvang", self.filters.size_band))
        if self.work_type:
            found.append(("Werksoort", self.work_type))
        return [*found, ("Toetsingen", str(self.audits)), ("Gemaakt op", long_date(self.made))]


def rubric_shares(found: Trend) -> list[RubricShares]:
    """Per rubric the mean of its norms' shares (norms nobody judged left out)."""
    result = []
    for name, rows in found.by_rubric():
        judged = [r for r in rows if r.total]
        shares = [
            (v.value, v.label, round(sum(100 * _of(r, v) for r in judged) / len(judged), 1))
            for v in COUNTED
        ]
        result.append(RubricShares(name, len(judged), shares))
    return [r for r in result if r.norms]


def _of(row: NormShares, verdict) -> float:
    """The fraction unrounded: a mean of rounded shares would drift."""
    return row.counts.get(verdict.value, 0) / row.total


def hardest_section(filters: Filters, found: Trend) -> Section:
    rows = [
        Hard(r.norm, r.share(Verdict.PARTLY), r.share(Verdict.NOT_MET), r.short_of)
        for r in found.struggles(HARDEST)
    ]
    return Section(
        f"De {len(rows)} normen waar de branche het meest mee worstelt",
        "trends/summary_hardest.html",
        rows,
    )


def rubrics_section(filters: Filters, found: Trend) -> Section:
    return Section("Oordelen per rubriek", "trends/summary_rubrics.html", rubric_shares(found))


def years_section(filters: Filters, found: Trend) -> Section:
    year_list, per_year, lines = by_year(filters, [r.norm for r in found.struggles(LINES)])
    drawn = len(year_list) > 1 and any(v is not None for line in lines for _, v in line.points)
    chart = line_chart(year_list, lines) if drawn else None
    data = Years(chart, lines, [(y, per_year[y]) for y in year_list])
    return Section(
        f"Verbeteren zij? De {LINES} moeilijkste normen per jaar",
        "trends/summary_years.html",
        data,
    )


def routes_section(filters: Filters, found: Trend) -> Section:
    rows: list[RouteRow] = routes(filters)
    return Section("Routes en hoe ze afliepen", "trends/summary_routes.html", rows)


SECTIONS: list[Callable[[Filters, Trend], Section]] = [
    hardest_section,
    rubrics_section,
    years_section,
    routes_section,
]


def summary(filters: Filters, query: str = "") -> Summary:
    """The figures of the one-page summary; thirteen queries, whatever the number of audits
    (five for the shares, four for the years, four for the routes), and one naming the work
    type when the selection has one."""
    found = trend(filters)
    address = settings.SITE_URL + reverse("trends:norms") + (f"?{query}" if query else "")
    work_type = WorkType.objects.get(pk=filters.work_type).name if filters.work_type else ""
    result = Summary(filters, found.audits, timezone.localdate(), address, work_type)
    if result.shown:
        result.sections = [build(filters, found) for build in SECTIONS]
    return result
