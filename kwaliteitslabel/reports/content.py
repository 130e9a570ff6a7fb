"""The report's content, field by field as Bijlage 7 lays it out, for the page, the PDF and
the Word file alike (issue 8).

`build(audit)` derives everything it can from the audit (member and body data, FTE from the
scope, conversations, days, team, counts and verdicts per rubric, plans, advice, dates) and
takes the free texts from `Report`. The format (labels, order, which fields are written) is
data: `frameworks/data/report_format.yaml`. A fixed number of queries, whatever the audit.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from kwaliteitslabel.audits import decision
from kwaliteitslabel.audits.decision import SIGNS, Verdict
from kwaliteitslabel.audits.models import Audit, Finding, FollowUpFinding, PlanItem, TeamMember
from kwaliteitslabel.common.templatetags.kwl import dutch_number

from .models import Report
from .rules import WITH_SWN

FORMAT = Path(__file__).resolve().parent.parent / "frameworks" / "data" / "report_format.yaml"
Status = Audit.Status
DRAFT = (Status.FINDINGS_CLOSED, Status.DRAFT_REPORT, Status.MEMBER_REACTED)
# Part A only goes to SWN with a positive advice (Bijlage 6 step 12).
POSITIVE = (Status.ADVICE_POSITIVE, *WITH_SWN)


@cache
def report_format() -> dict:
    return yaml.safe_load(FORMAT.read_text())


@dataclass
class Field:
    key: str
    label: str
    source: str  # "derived" or "written"
    value: str | list[str] = ""

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def filled(self) -> bool:
        return bool(self.value.strip() if isinstance(self.value, str) else self.value)


@dataclass
class Section:
    title: str
    fields: list[Field]


@dataclass
class NormRow:
    code: str
    number: int
    text: str
    findings: str
    strengths: str
    improvement_points: str
    verdict: str
    not_applicable_reason: str = ""
    addendum: str = ""  # the follow-up's findings (Bijlage 6 step 9c-ii: addendum to part B)
    addendum_verdict: str = ""

    @property
    def sign(self) -> str:
        return SIGNS[Verdict(self.verdict)]

    @property
    def addendum_sign(self) -> str:
        return SIGNS[Verdict(self.addendum_verdict)] if self.addendum_verdict else ""

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label


@dataclass
class RubricPart:
    code: str
    name: str
    rows: list[NormRow]
    documents: list[str]


@dataclass
class ReportContent:
    audit: Audit
    final: bool
    date: datetime.date | None  # the last audit day
    part_a: list[Section]
    part_b: list[RubricPart]
    counts: dict[str, int] = field(default_factory=dict)
    # The dates part A's fields come from, for the check of their order.
    dates: dict[str, datetime.date | None] = field(default_factory=dict)

    def field(self, key: str) -> Field:
        return next(f for s in self.part_a for f in s.fields if f.key == key)

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.part_a for f in s.fields]


def _date(day) -> str:
    return date_format(day, "j F Y") if day else ""


def _fte(value: Decimal) -> str:
    return dutch_number(value, 1)


def _load(audit_pk) -> Audit:
    return (
        Audit.objects.select_related("member", "body", "framework", "scope")
        .prefetch_related(
            "scope__lines__work_type",
            Prefetch("team", queryset=TeamMember.objects.select_related("user")),
            "days__location",
            "interviews",
            "documents__rubric",
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("norm__rubric").order_by(
                    "norm__rubric__position", "norm__number"
                ),
            ),
            "events",
        )
        .get(pk=audit_pk)
    )


def build(audit: Audit) -> ReportContent:
    audit = _load(audit.pk)
    report = Report.objects.filter(audit=audit).first() or Report(audit=audit)
    findings = list(audit.findings.all())
    after = {
        f.norm_id: f
        for f in FollowUpFinding.objects.filter(follow_up__audit=audit).select_related("norm")
    }
    verdicts = {
        f.norm.code: after[f.norm_id].verdict if f.norm_id in after else f.verdict for f in findings
    }
    framework = audit.framework
    outcome = decision.decide(verdicts, framework.max_not_met, framework.max_partly)
    items = list(PlanItem.objects.filter(plan__audit=audit).select_related("norm__rubric"))
    days = list(audit.days.all())
    events = list(audit.events.all())
    values = _part_a_values(audit, report, findings, after, outcome, items, days, events)
    fmt = report_format()
    part_a = [
        Section(
            s["title"],
            [
                Field(f["key"], f["label"], f["source"], values.get(f["key"], ""))
                for f in s["fields"]
            ],
        )
        for s in fmt["part_a"]["sections"]
    ]
    return ReportContent(
        audit=audit,
        final=audit.status not in DRAFT,
        date=max((d.date for d in days), default=None),
        part_a=part_a,
        part_b=_part_b(audit, findings, after),
        counts=outcome.counts,
        dates={
            "last_day": max((d.date for d in days), default=None),
            "final": _event_date(events, (Status.PLAN_DUE, Status.ADVICE_POSITIVE)),
            "plans_done": _plans_done_date(items),
            "signed": report.signed_on,
        },
    )


def _part_a_values(audit, report, findings, after, outcome, items, days, events) -> dict:
    member, body = audit.member, audit.body
    lines = list(audit.scope.lines.all())
    team = list(audit.team.all())
    lead = next((t.user.name for t in team if t.role == TeamMember.Role.LEAD), "")
    total = (
        f"Voldoet: {outcome.counts['met']}, deels: {outcome.counts['partly']}, "
        f"niet: {outcome.counts['not_met']}, niet van toepassing: "
        f"{outcome.counts['not_applicable']} (van {len(findings)} normen)."
    )
    values = {
        "member_name": member.name,
        "member_address": member.address,
        "member_number": member.member_number or "",
        "member_contact": member.contact_person,
        "member_phone": member.phone,
        "member_email": member.email,
        "member_website": member.website,
        "fte_staff": _fte(
            sum((ln.employed + ln.hired + ln.management_support for ln in lines), Decimal(0))
        ),
        "fte_interns": _fte(sum((ln.interns for ln in lines), Decimal(0))),
        "fte_volunteers": _fte(sum((ln.volunteers for ln in lines), Decimal(0))),
        "body_name": body.name,
        "body_street": body.street,
        "body_town": f"{body.postcode} {body.city}",
        "body_website": body.website,
        "body_phone": body.phone,
        "kind": f"{audit.get_kind_display().capitalize()}, {audit.get_variant_display()}"
        + (f": {audit.get_combined_with_display()}" if audit.combined_with else ""),
        "previous_expiry": _date(audit.previous_expiry) or "geen (eerste certificering)",
        "spoken_with": [
            i.function + (f", {i.department}" if i.department else "")
            for i in audit.interviews.all()
        ],
        "execution": [
            f"{date_format(d.date, 'l j F Y')}: {d.get_mode_display()}"
            + (f", {d.location.name}" if d.location else "")
            for d in days
        ],
        "plans_done_on": _plans_done(audit, items),
        "report_date": _report_date(audit, events),
        "lead": lead,
        "auditors": [
            f"{t.user.name} ({t.get_role_display()})"
            for t in team
            if t.role != TeamMember.Role.LEAD
        ]
        or ("Alleen de teamleider." if lead else ""),
        "read_by": report.read_by,
        "hours": _hours(report),
        "scope": f"{audit.scope.name}: "
        + (
            "de hele organisatie"
            if audit.scope.whole_organisation
            else "een deel van de organisatie"
        )
        + (" (" + ", ".join(ln.work_type.name for ln in lines) + ")" if lines else ""),
        "sketch": report.sketch,
        "developments": report.developments,
        "course": report.course,
        "previous_follow_up": report.previous_follow_up,
        "conclusions": total if outcome.complete else "",
        "plans": [
            f"{i.norm.code}: {i.measures} ({i.owner}, gereed {_date(i.planned_date)}; {i.get_judgement_display()})"
            for i in items
        ]
        or ("Niet nodig: alle normen voldoen (route a)." if outcome.route == "a" else ""),
        "strengths": [s.strip() for s in report.strengths.splitlines() if s.strip()],
        "improvement_points": [
            s.strip() for s in report.improvement_points.splitlines() if s.strip()
        ],
        "advice": _advice(audit, outcome, events),
        "next_audit": report.next_audit,
        "signature": (
            f"{report.signed_place}, {_date(report.signed_on)}, {lead}"
            if report.signed_place and report.signed_on
            else ""
        ),
    }
    for rubric_code, text in _per_rubric(findings, after).items():
        values[f"rubric_{rubric_code}"] = text
    return values


def _hours(report) -> str:
    if report.hours_on_site is None or report.hours_total is None:
        return ""
    return f"{dutch_number(report.hours_on_site, 1)} uur op locatie, {dutch_number(report.hours_total, 1)} uur totaal"


def _plans_done_date(items) -> datetime.date | None:
    if not items or any(i.judgement != PlanItem.Judgement.APPROVED for i in items):
        return None
    return timezone.localtime(max(i.judged_at for i in items)).date()


def _plans_done(audit, items) -> str:
    if not items:
        return "Niet van toepassing (route a)." if audit.route == "a" else ""
    return _date(_plans_done_date(items))


def _event_date(events, statuses) -> datetime.date | None:
    """The day of the first event into one of `statuses`."""
    at = next((e.at for e in events if e.status in statuses), None)
    return timezone.localtime(at).date() if at else None


def _report_date(audit, events) -> str:
    final = _event_date(events, (Status.PLAN_DUE, Status.ADVICE_POSITIVE))
    if final:
        return f"Definitief op {_date(final)}"
    draft = _event_date(events, (Status.DRAFT_REPORT,))
    return f"Concept van {_date(draft)}" if draft else ""


def _advice(audit, outcome, events) -> str:
    """The advice with the weighing behind it: the note of the step that gave it."""
    given = (Status.ADVICE_POSITIVE, Status.ADVICE_NEGATIVE)
    last = next((e for e in reversed(events) if e.status in given), None)
    note = f" {last.note}" if last and last.note else ""
    if audit.status in POSITIVE:
        return "Positief." + note
    if audit.status == Status.ADVICE_NEGATIVE:
        return "Negatief." + note
    return ""


def _reason(finding, after) -> str:
    """Why a norm is partly or not met, or not applicable: in the lead's own words."""
    if finding.verdict == Verdict.NOT_APPLICABLE:
        return finding.not_applicable_reason
    text = after[finding.norm_id].text if finding.norm_id in after else ""
    return text or finding.improvement_points or finding.text


def _per_rubric(findings, after) -> dict[str, str]:
    """Per rubric: everything met, or which norms are partly met, not met, n.v.t., and why."""
    by_rubric: dict[str, list] = {}
    for f in findings:
        by_rubric.setdefault(f.norm.rubric.code, []).append(f)
    texts = {}
    labels = {
        Verdict.PARTLY: "Deels",
        Verdict.NOT_MET: "Niet",
        Verdict.NOT_APPLICABLE: "Niet van toepassing",
    }
    for code, rubric_findings in by_rubric.items():
        lines = []
        for verdict, label in labels.items():
            for f in rubric_findings:
                standing = after[f.norm_id].verdict if f.norm_id in after else f.verdict
                if standing == verdict:
                    lines.append(f"{label}: {f.norm.code}: {_reason(f, after)}")
        if any(f.verdict == Verdict.NOT_ASSESSED for f in rubric_findings):
            texts[code] = ""
        else:
            texts[code] = "\n".join(lines) if lines else "Alles voldoet."
    return texts


def _part_b(audit, findings, after) -> list[RubricPart]:
    parts: dict[str, RubricPart] = {}
    for f in findings:
        rubric = f.norm.rubric
        part = parts.setdefault(rubric.code, RubricPart(rubric.code, rubric.name, [], []))
        addendum = after.get(f.norm_id)
        part.rows.append(
            NormRow(
                code=f.norm.code,
                number=f.norm.number,
                text=f.norm.text,
                findings=f.text,
                strengths=f.strengths,
                improvement_points=f.improvement_points,
                verdict=f.verdict,
                not_applicable_reason=f.not_applicable_reason,
                addendum=addendum.text if addendum else "",
                addendum_verdict=addendum.verdict if addendum else "",
            )
        )
    for d in audit.documents.all():
        if d.rubric.code in parts:
            parts[d.rubric.code].documents.append(d.title)
    return list(parts.values())
