"""How long the audit process takes, step by step, against its deadlines (issue 10 item 1):
"the time from last audit day to certificate against the deadlines (where the process is
slow, and which bodies are late)".

Each step runs from the event its deadline counts from to the event that ends it, in
calendar days between local dates; it is late when it ends after the due date of the
audit's process version (`audits/deadlines.py`, the data of Bijlage 6 and Bijlage 5 B).
Only finished steps count: the dashboards show the running ones. Historic reports know one
step: from the audit to the final report. Four queries, whatever the number of audits.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.db.models.functions import Coalesce, TruncDate

from kwaliteitslabel.audits import deadlines
from kwaliteitslabel.audits.models import Audit, AuditEvent
from kwaliteitslabel.certificates.models import Certificate

from .rules import MIN_GROUP
from .shares import Filters, historic_reports, live_audits

S = Audit.Status
LAST_DAY, CERTIFICATE = "last_day", "certificate"


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    who: str  # as deadlines.WHO: body or swn
    starts: str | frozenset[str]  # LAST_DAY or the statuses of the event it counts from
    ends: str | frozenset[str]  # CERTIFICATE or the statuses of the event that ends it
    chain: tuple[str, ...]  # the deadlines after each other; empty: the sources set none
    source: str

    @property
    def who_label(self) -> str:
        return deadlines.WHO.get(self.who, "alle partijen")


def on(*statuses) -> frozenset[str]:
    return frozenset(s.value for s in statuses)


# The final report is due when the concept, the member's reaction and the final report each
# took their full time: 2 + 2 + 2 weeks (Bijlage 6 stap 6-8) or 2 + 1 + 3 weeks (Bijlage 5
# B7-B8). It is the one step historic reports know (their "datum rapport").
FINAL = ("draft_report", "member_reaction", "final_report")
STEPS = [
    Step(
        "draft_report", "Conceptrapport naar het lid", "body", LAST_DAY, on(S.DRAFT_REPORT),
        ("draft_report",), "Bijlage 6 stap 6; Bijlage 5 B7",
    ),
    Step(
        "final_report", "Definitief rapport", "body", LAST_DAY, on(S.PLAN_DUE, S.ADVICE_POSITIVE),
        FINAL, "Bijlage 6 stap 6-8; Bijlage 5 B7-B8",
    ),
    Step(
        "plan_review", "Beoordeling verbeterplan", "body", on(S.PLAN_REVIEW),
        on(S.PLAN_AMEND, S.PLAN_TALKS, S.FOLLOW_UP, S.ADVICE_POSITIVE, S.ADVICE_NEGATIVE),
        ("plan_review",), "Bijlage 6 stap 9b en 10; Bijlage 5 B10b",
    ),
    Step(
        "summary_to_swn", "Deel A naar SWN", "body", on(S.ADVICE_POSITIVE), on(S.SUMMARY_SENT),
        ("summary_to_swn",), "Bijlage 6 stap 12; Bijlage 5 B10a en B10b-i",
    ),
    Step(
        "swn_check", "SWN toetst deel A", "swn", on(S.SUMMARY_SENT),
        on(S.SUMMARY_RETURNED, S.SUMMARY_ACCEPTED), ("swn_check",), "Bijlage 6 stap 13",
    ),
    Step(
        "certificate", "Certificaat uitgereikt", "swn", on(S.SUMMARY_ACCEPTED), CERTIFICATE,
        ("certificate",), "Bijlage 6 stap 15",
    ),
]  # fmt: skip
# The whole span; the sources set no deadline for it as a whole.
WHOLE = Step("whole", "Laatste auditdag tot certificaat", "", LAST_DAY, CERTIFICATE, (), "")
# The events the steps look at; the others (requested, started, ...) are not fetched.
SEEN = frozenset().union(
    *(x for s in STEPS for x in (s.starts, s.ends) if isinstance(x, frozenset))
)


def chain(step: Step, version: str, route: str = "") -> tuple[list[deadlines.Deadline], str]:
    """The deadlines of `step` under process `version` (empty when the sources lack one of
    them), with the name of the rule: the version, or "2017, route a" where it differs."""
    keys, rule = step.chain, version
    process = deadlines.versions()[version].deadlines
    if keys == ("summary_to_swn",) and route == "a" and "summary_to_swn_route_a" in process:
        keys, rule = ("summary_to_swn_route_a",), f"{version}, route a"  # Bijlage 5 B10a
    found = [process.get(k) for k in keys]
    if any(d and d.months for d in found):
        raise ValueError(f"{step.key}: a deadline in months; the durations count days")
    return (found if found and all(found) else []), rule


@dataclass
class Cell:
    """The days of one step over a group of audits."""

    days: list[int] = field(default_factory=list)
    with_deadline: int = 0
    late: int = 0

    def add(self, days: int, late: bool | None) -> None:
        self.days.append(days)
        if late is not None:
            self.with_deadline += 1
            self.late += late

    @property
    def audits(self) -> int:
        return len(self.days)

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_GROUP

    @property
    def median(self) -> float:
        return round(float(statistics.median(self.days)), 1)

    @property
    def p90(self) -> int:
        """The 90th percentile by nearest rank: 90% of the audits took this long or less."""
        ordered = sorted(self.days)
        return ordered[math.ceil(0.9 * len(ordered)) - 1]

    @property
    def late_share(self) -> float | None:
        """Per cent over the deadline, of the audits that have one; None under MIN_GROUP."""
        if self.with_deadline < MIN_GROUP:
            return None
        return round(100 * self.late / self.with_deadline, 1)


@dataclass
class StepRow:
    step: Step
    overall: Cell = field(default_factory=Cell)
    bodies: dict[str, Cell] = field(default_factory=dict)
    # The deadline in days per rule seen (None: the sources set none); these steps count days.
    limits: dict[str, int | None] = field(default_factory=dict)
    # Per (process version, route), looked up once: 10,000 audits make 60,000 additions.
    rules: dict[tuple[str, str], int | None] = field(default_factory=dict, repr=False)

    def add(self, body: str, version: str, route: str, start, end) -> None:
        if (version, route) not in self.rules:
            found, name = chain(self.step, version, route)
            limit = self.rules[version, route] = sum(d.days for d in found) if found else None
            self.limits.setdefault(name, limit)
        limit, days = self.rules[version, route], (end - start).days
        late = None if limit is None else days > limit
        self.overall.add(days, late)
        self.bodies.setdefault(body, Cell()).add(days, late)

    @property
    def limit_text(self) -> str:
        """ "6 weken", or per rule where they differ: "2 weken (2021), geen (2017)"."""
        found = dict(sorted(self.limits.items(), reverse=True))
        if not found:  # nothing measured yet: the deadline of the version in force
            steps, _ = chain(self.step, Audit.ProcessVersion.V2021)
            return _weeks(sum(d.days for d in steps) if steps else None)
        if len(set(found.values())) <= 1:
            return _weeks(next(iter(found.values()), None))
        return ", ".join(f"{_weeks(d)} ({v})" for v, d in found.items())


def _weeks(days: int | None) -> str:
    if days is None:
        return "geen"
    if days % 7:
        return f"{days} dagen"
    return f"{days // 7} {'week' if days == 7 else 'weken'}"


@dataclass
class Durations:
    filters: Filters
    live: int  # audits on the platform in the selection
    historic: int  # historic reports with a report date
    steps: list[StepRow]
    whole: StepRow

    @property
    def every(self) -> list[StepRow]:
        """The steps and then the whole span."""
        return [*self.steps, self.whole]

    @property
    def bodies(self) -> list[str]:
        return sorted({b for row in self.every for b in row.bodies})


def durations(filters: Filters) -> Durations:
    """Every step's days over the selection; four queries."""
    live = live_audits(filters)
    audits = list(live.values_list("pk", "body__name", "process_version", "route", "last_day"))
    events = defaultdict(list)
    rows = (
        AuditEvent.objects.filter(audit__in=live.values("pk"), status__in=SEEN)
        .annotate(day=TruncDate("at"))  # the local day (TIME_ZONE)
        .order_by("audit_id", "at", "pk")
        .values_list("audit_id", "status", "day")
    )
    for audit_id, status, day in rows:
        events[audit_id].append((status, day))
    certified = dict(
        Certificate.objects.filter(audit__in=live.values("pk"))
        .annotate(day=TruncDate("issued_at"))
        .values_list("audit_id", "day")
    )
    steps = [StepRow(s) for s in STEPS]
    whole = StepRow(WHOLE)
    for pk, body, version, route, last_day in audits:
        for row in [*steps, whole]:
            span = _span(row.step, events[pk], last_day, certified.get(pk))
            if span:
                row.add(body, version, route, *span)
    historic = historic_reports(filters).filter(report_date__isnull=False)
    reports = list(
        historic.annotate(name=Coalesce("body__name", "body_name")).values_list(
            "name", "audit_date", "report_date"
        )
    )
    final = next(r for r in steps if r.step.key == "final_report")
    for body, audit_date, report_date in reports:
        # The process version in force then: Bijlage 6 from 2021, Bijlage 5 B before.
        final.add(body, "2021" if audit_date.year >= 2021 else "2017", "", audit_date, report_date)
    return Durations(filters, len(audits), len(reports), steps, whole)


def _span(step: Step, events, last_day, certified):
    """(start, end) of `step` in one audit's events [(status, day)], or None if unfinished."""
    after, start, end = -1, last_day, certified
    if step.starts != LAST_DAY:
        for after, (status, start) in enumerate(events):  # noqa: B007 - used after the loop
            if status in step.starts:
                break
        else:
            return None
    if step.ends != CERTIFICATE:
        end = next(
            (day for status, day in islice(events, after + 1, None) if status in step.ends), None
        )
    return (start, end) if start and end else None
