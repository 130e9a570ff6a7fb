"""Which self-assessment an audit is compared with, and the comparison counted by the
database (issue 10 item 4): one grouped query per kind of audit, whatever their number.

A platform audit names its self-assessment (`Audit.self_assessment`). A historic report
names none, so it is paired with the member's latest self-assessment of the same framework
closed in the 12 months up to its audit date (Bijlage 5 B3, DOMAIN.md step 2c: after the
self-assessment the member may postpone the audit at most 12 months); of two closed on the
same day, the one made last.
"""

from collections import Counter

from django.db.models import Count, DateField, Exists, F, Func, OuterRef, Q

from kwaliteitslabel.audits.models import Finding
from kwaliteitslabel.selfassessment.models import SelfAssessment
from kwaliteitslabel.selfassessment.readiness import POSTPONE_MONTHS


class MonthsBefore(Func):
    """`common.dates.add_months(day, -months)` in SQL: the same day `months` earlier, or the
    month's last day when it is shorter (29 Feb 2024 -> 28 Feb 2023, 31 Mar -> 29 Feb)."""

    output_field = DateField()

    def __init__(self, day, months: int):
        super().__init__(day)
        self.months = int(months)

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL's interval arithmetic keeps to the month's last day by itself.
        day, params = compiler.compile(self.source_expressions[0])
        return f"(({day}) - make_interval(months => {self.months}))::date", params

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite runs over into the next month (29 Feb - 12 months = 1 Mar): when the day of
        # the month changed, step back to the last day of the month before.
        day, params = compiler.compile(self.source_expressions[0])
        shifted = f"date({day}, '-{self.months} months')"
        sql = (
            f"CASE WHEN strftime('%%d', {shifted}) = strftime('%%d', {day}) THEN {shifted} "
            f"ELSE date({shifted}, 'start of month', '-1 day') END"
        )
        return sql, [*params, *params, *params, *params]


def _window(ref, prefix: str = "") -> dict:
    """Conditions on self-assessments (at `prefix`) of the report's framework closed in the
    12 months up to its audit date; `ref` (F or OuterRef) points at the report's fields."""
    return {
        f"{prefix}framework": ref("framework"),
        f"{prefix}closed_on__lte": ref("audit_date"),
        f"{prefix}closed_on__gte": MonthsBefore(ref("audit_date"), POSTPONE_MONTHS),
    }


def in_window():
    """The self-assessments a historic report (the outer query) may be paired with."""
    return SelfAssessment.objects.filter(member=OuterRef("member"), **_window(OuterRef))


def paired_reports(reports):
    """The historic reports among `reports` that have a self-assessment to compare with."""
    return reports.filter(Exists(in_window()))


SA = "member__self_assessments__"


def historic_counts(reports, judged) -> Counter:
    """{(norm id, own verdict, audit verdict): number} over the historic reports, each
    against its paired self-assessment; norms either side left without a judgement in
    `judged` are not counted."""
    later = in_window().filter(
        Q(closed_on__gt=OuterRef(f"{SA}closed_on"))
        | Q(closed_on=OuterRef(f"{SA}closed_on"), pk__gt=OuterRef(f"{SA}pk"))
    )
    # One filter() call, so the self-assessment `later` refers to is the one joined here.
    pairs = reports.filter(
        ~Exists(later),
        verdicts__verdict__in=judged,
        **_window(F, SA),
        **{f"{SA}consolidations__norm": F("verdicts__norm")},
        **{f"{SA}consolidations__verdict__in": judged},
    )
    return _grouped(pairs, "verdicts__norm", f"{SA}consolidations__verdict", "verdicts__verdict")


def live_counts(audits, judged) -> Counter:
    """The same for platform audits (a queryset of their ids), against their own
    self-assessment."""
    own = "audit__self_assessment__consolidations__"
    findings = Finding.objects.filter(
        audit__in=audits,
        verdict__in=judged,
        **{f"{own}norm": F("norm"), f"{own}verdict__in": judged},
    )
    return _grouped(findings, "norm", f"{own}verdict", "verdict")


def _grouped(queryset, norm: str, own: str, audit: str) -> Counter:
    rows = (
        queryset.values(norm_pk=F(norm), own_verdict=F(own), audit_verdict=F(audit))
        .annotate(n=Count("*"))
        .order_by()
    )
    return Counter({(r["norm_pk"], r["own_verdict"], r["audit_verdict"]): r["n"] for r in rows})
