"""The deadlines of the audit process as data of a process version (issue 7, item 5).

`frameworks/data/process_versions.yaml` holds, per version (2021: Bijlage 6; 2017:
Bijlage 5 B), each deadline with the event it counts from. `due` computes a due date from
that event's date; the workflow and the dashboards ask it, never a number in code.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.db.models import Max
from django.utils import timezone

from kwaliteitslabel.common.dates import add_months

PATH = Path(__file__).resolve().parent.parent / "frameworks" / "data" / "process_versions.yaml"
WHO = {"body": "certificerende instelling", "member": "lidorganisatie", "swn": "SWN"}
# The events deadlines count from, as a sentence ends: "2 weken na de laatste auditdag".
EVENTS = {
    "last_audit_day": "de laatste auditdag",
    "draft_report_sent": "ontvangst van het conceptrapport",
    "member_reaction": "de reactie van het lid",
    "findings_final": "het definitief worden van de bevindingen",
    "plan_submitted": "ontvangst van het verbeterplan",
    "plan_rejected": "de afkeuring van het verbeterplan",
    "amended_plan_submitted": "ontvangst van het aangepaste verbeterplan",
    "positive_decision": "het positieve besluit",
    "summary_received": "ontvangst van deel A",
    "summary_incomplete": "de vaststelling dat deel A onvolledig is",
    "summary_returned": "het terugsturen van deel A",
    "summary_complete": "ontvangst van een volledig deel A",
    "previous_expiry": "het verlopen van het huidige certificaat",
}


@dataclass(frozen=True)
class Deadline:
    key: str
    after: str  # the event it counts from
    who: str  # body, member or swn
    text: str
    source: str
    days: int = 0
    months: int = 0

    def due(self, event: datetime.date) -> datetime.date:
        return add_months(event, self.months) + datetime.timedelta(days=self.days)

    @property
    def who_label(self) -> str:
        return WHO[self.who]

    @property
    def after_label(self) -> str:
        return EVENTS[self.after]

    @property
    def period(self) -> str:
        """ "2 weken", "1 week", "3 dagen", "6 maanden": as the sources say it."""
        if self.months:
            return f"{self.months} maand{'en' if self.months != 1 else ''}"
        if self.days % 7 == 0:
            weeks = self.days // 7
            return f"{weeks} {'week' if weeks == 1 else 'weken'}"
        return f"{self.days} dag{'en' if self.days != 1 else ''}"


@dataclass(frozen=True)
class ProcessVersion:
    version: str
    title: str
    source: str
    reminder_days: int
    rejected_again: str  # "talks" or "negative": after a second rejection of the plan
    deadlines: dict[str, Deadline]


def read(path: Path = PATH) -> dict[str, ProcessVersion]:
    data = yaml.safe_load(path.read_text())
    versions = {}
    for v in data["versions"]:
        deadlines = {}
        for d in v["deadlines"]:
            if d["key"] in deadlines:
                raise ValueError(f"{path.name}: {v['version']}: '{d['key']}' staat er twee keer in")
            if (
                d["who"] not in WHO
                or d["after"] not in EVENTS
                or not (d.get("days") or d.get("months"))
            ):
                raise ValueError(
                    f"{path.name}: {v['version']}: '{d['key']}' mist wie, waarna of hoe lang"
                )
            deadlines[d["key"]] = Deadline(**d)
        if v.get("rejected_again") not in ("talks", "negative"):
            raise ValueError(f"{path.name}: {v['version']}: rejected_again is talks of negative")
        versions[str(v["version"])] = ProcessVersion(
            str(v["version"]),
            v["title"],
            v["source"],
            int(v["reminder_days"]),
            v["rejected_again"],
            deadlines,
        )
    return versions


@cache
def versions() -> dict[str, ProcessVersion]:
    return read()


def deadline(version: str, key: str) -> Deadline:
    return versions()[version].deadlines[key]


def due(version: str, key: str, event: datetime.date) -> datetime.date:
    """The due date of deadline `key` under process `version`, counted from `event`."""
    return deadline(version, key).due(event)


# Per audit status: the deadline that runs, and what it counts from: the last audit day,
# the audit's latest event (the step that brought it into this status), or the expiry of
# the earlier certificate.
RUNNING = {
    "findings_closed": ("draft_report", "last_day"),
    "draft_report": ("member_reaction", "event"),
    "member_reacted": ("final_report", "event"),
    "plan_due": ("improvement_plan", "event"),
    "plan_review": ("plan_review", "event"),  # amended_plan_review from round 2 on
    "plan_amend": ("plan_amendment", "event"),
    "follow_up": ("follow_up", "previous_expiry"),
    "advice_positive": ("summary_to_swn", "event"),
    "summary_sent": ("swn_check", "event"),
    "summary_returned": ("summary_repaired", "event"),
    "summary_accepted": ("certificate", "event"),
}


def with_event_dates(audits):
    """The audits with what their deadlines count from: `last_day`, `last_event`, `plan_round`."""
    return audits.annotate(
        last_day=Max("days__date"), last_event=Max("events__at"), plan_round=Max("plan__round")
    )


def running(audit) -> list[tuple[Deadline, datetime.date]]:
    """What is due next for an audit from `with_event_dates`, with the due date."""
    status = RUNNING.get(audit.status)
    if status is None:
        return []
    key, counts_from = status
    process = versions()[audit.process_version]
    if (
        key == "summary_to_swn"
        and audit.route == "a"
        and "summary_to_swn_route_a" in process.deadlines
    ):
        key = "summary_to_swn_route_a"  # Bijlage 5 B10a: 3 weeks after the final findings
    if key == "plan_review" and (audit.plan_round or 1) > 1:
        key = "amended_plan_review"
    event = {
        "last_day": audit.last_day,
        "event": audit.last_event,
        "previous_expiry": audit.previous_expiry,
    }[counts_from]
    step = process.deadlines.get(key)  # Bijlage 5 has no limit for some steps
    if event is None or step is None:
        return []
    if isinstance(event, datetime.datetime):
        event = timezone.localtime(event).date()
    return [(step, step.due(event))]


def for_audit(audit) -> list[tuple[Deadline, datetime.date]]:
    """`running` for one audit that was not loaded through `with_event_dates`; one query."""
    return running(with_event_dates(type(audit).objects.filter(pk=audit.pk)).get())


def due_from_today(version: str, key: str) -> dict:
    """What an e-mail says of the step that starts now: {"step", "due"}; both None when the
    process version has no such deadline (Bijlage 5 lacks some)."""
    step = versions()[version].deadlines.get(key)
    return {"step": step, "due": step.due(timezone.localdate()) if step else None}
