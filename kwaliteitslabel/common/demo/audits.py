"""Demo clusters and audits (demo.yaml `clusters`, `audits`), each through the workflow.

An audit is requested, accepted, planned and, where the entry says so, started, recorded
with the example findings of Bijlage 8, closed and evaluated, as people would do it. Its
days come resolved from the day of the load (days.py), so the demo's audits stand at the
same stage whatever the date; audit days fall on working days (days.working_days).
Created once; a second run finds the audit by member, body and kind.
"""

import datetime
from pathlib import Path

import yaml
from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits import clusters, evaluation, findings, plans, workflow, workflow_plan
from kwaliteitslabel.audits.models import (
    Audit,
    AuditDay,
    AuditEvent,
    Finding,
    PeerCluster,
    PlanItem,
    Scope,
    TeamMember,
)
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports.models import Report
from kwaliteitslabel.selfassessment.models import SelfAssessment

from .days import working_day, working_days

EXAMPLE = Path(__file__).with_name("example_findings.yaml")


def person(email) -> User:
    return User.objects.get(email=email)


def load_clusters(entries, members) -> None:
    for entry in entries:
        if PeerCluster.objects.filter(name=entry["name"]).exists():
            continue
        clusters.form_cluster(
            entry["name"],
            CertificationBody.objects.get(name=entry["body"]),
            [members[number] for number in entry["members"]],
            person(entry["formed_by"]),
        )


def load(entries, members, plan_text=None) -> None:
    example = yaml.safe_load(EXAMPLE.read_text())
    for entry in entries:
        member = members[entry["member"]]
        body = CertificationBody.objects.get(name=entry["body"])
        if Audit.objects.filter(member=member, body=body, kind=entry["kind"]).exists():
            continue
        audit = _request(entry, member, body)
        if entry.get("accepted_by"):
            workflow.accept(audit, person(entry["accepted_by"]))
        _plan(audit, entry)
        if entry.get("started_by"):
            workflow.start(audit, person(entry["started_by"]))
        if entry.get("findings"):
            _record(audit, example, entry["findings"], entry.get("verdicts", {}))
        if entry.get("closed_by"):
            workflow.close_findings(audit, person(entry["closed_by"]), seen_few_sources=True)
        for item in entry.get("evaluations", []):
            place = audit.team.get(user=person(item["user"]))
            evaluation.submit(place, item["answers"])
        _backdate(audit, entry.get("requested"))
        if entry.get("report"):
            _write_report(audit, entry["report"])
        for step in entry.get("after", []):
            before = list(audit.events.values_list("pk", flat=True))
            started = timezone.now()
            _step(audit, step, plan_text or {})
            if "day" in step:  # the step's events and judgements, on the day it was taken
                then = _on(step["day"])
                AuditEvent.objects.filter(audit=audit).exclude(pk__in=before).update(at=then)
                PlanItem.objects.filter(plan__audit=audit, judged_at__gte=started).update(
                    judged_at=then
                )


def _request(entry, member, body) -> Audit:
    audit = Audit(
        member=member,
        body=body,
        framework=Framework.objects.get(version=entry["framework"]),
        scope=Scope.objects.get(member=member, name=entry["scope"]),
        self_assessment=SelfAssessment.objects.filter(
            member=member, title=entry.get("self_assessment")
        ).first(),
        cluster=PeerCluster.objects.filter(name=entry.get("cluster")).first(),
        variant=entry["variant"],
        combined_with=entry.get("combined_with", ""),
        kind=entry["kind"],
        previous_expiry=entry.get("previous_expiry"),
    )
    audit.calculated_days = audit.planned_days = audit.calculation().days
    return workflow.request(audit, person(entry["requested_by"]))


def _on(day: datetime.date) -> datetime.datetime:
    """That day at the present time of day, as if the step was taken then."""
    return timezone.now() - datetime.timedelta(days=(timezone.localdate() - day).days)


def _plan(audit, entry) -> None:
    main = audit.member.locations.filter(is_main=True).first()
    for day in working_days(entry.get("days", []), timezone.localdate()):
        AuditDay.objects.create(audit=audit, date=day, location=main)
    for place in entry.get("team", []):
        user = person(place["user"])
        team_member = TeamMember.objects.create(audit=audit, user=user, role=place["role"])
        # Those who signed the code of conduct (demo.yaml `signed`) declared independence too.
        if workflow.unsigned_code_of_conduct([team_member]) == []:
            workflow.declare_independent(team_member)


def _record(audit, example, count: int, verdicts: dict) -> None:
    """The example report's interviews, documents and findings for the first `count` norms;
    each finding rests on two interviews and, where its rubric has one, a document."""
    lead = audit.team.get(role=TeamMember.Role.LEAD).user
    interviews = [audit.interviews.create(**item) for item in example["interviews"]]
    rubrics = {r.code: r for r in audit.framework.rubrics.all()}
    documents = {
        code: [audit.documents.create(rubric=rubrics[code], title=t) for t in titles]
        for code, titles in example["documents"].items()
    }
    for i, finding in enumerate(findings.with_sources(audit)[:count]):
        item = example["findings"][finding.norm.code]
        for name in ("text", "verdict", "strengths", "improvement_points"):
            setattr(finding, name, item[name])
        finding.updated_by = finding._history_user = lead  # the history names the lead
        finding.version += 1
        finding.save()
        finding.interviews.set(
            [interviews[i % len(interviews)], interviews[(i + 5) % len(interviews)]]
        )
        docs = documents.get(finding.norm.rubric.code) or []
        if docs:
            finding.documents.add(docs[i % len(docs)])
    for code, verdict in verdicts.items():  # the demo's other routes
        Finding.objects.filter(pk=findings.find(audit, code).pk).update(verdict=verdict)


def _write_report(audit, texts) -> None:
    """The lead's texts of part A (demo.yaml `report`), signed on `signed_on`."""
    Report.objects.create(audit=audit, **texts)


def _step(audit, step, plan_text) -> None:
    """One step after the findings closed (demo.yaml `after`), as the person would take it."""
    who = person(step["by"])
    kind = step["step"]
    audit.refresh_from_db()
    if kind == "send_draft":
        workflow.send_draft(audit, who)
    elif kind == "react":
        workflow.react(audit, who, step["text"])
    elif kind == "finalize":
        workflow.finalize(audit, who)
    elif kind in ("plan", "amend"):
        handed_in = step.get("day", timezone.localdate())
        due = handed_in + datetime.timedelta(days=plan_text["due_in_days"])
        for item in plans.items(audit.plan):
            if kind == "plan" or item.norm.code in step.get("measures", {}):
                workflow_plan.save_item(
                    item,
                    item.version,
                    measures=step.get("measures", {}).get(item.norm.code, plan_text["measures"]),
                    owner=plan_text["owner"],
                    planned_date=due,
                    evidence=plan_text["evidence"],
                )
        workflow_plan.submit(audit, who)
    elif kind == "review":
        rejected = step.get("reject", {})
        judgements = {
            item.pk: ("rejected", rejected[item.norm.code])
            if item.norm.code in rejected
            else ("approved", "")
            for item in plans.items(audit.plan)
            if item.judgement == PlanItem.Judgement.PENDING
        }
        workflow_plan.review(audit, who, judgements)
    elif kind == "follow_up":
        # On site, like an audit day: a working day, not later than the step.
        workflow_plan.plan_follow_up(audit, who, working_day(step["day"]))
        rows = {}
        for item in plans.items(audit.plan):
            verdict = step["verdicts"].get(item.norm.code, "met")
            text = plan_text["follow_up_met" if verdict == "met" else "follow_up_open"]
            rows[item.norm.code] = (verdict, text)
        workflow_plan.record_follow_up(audit, who, rows)
    elif kind == "send_summary":
        workflow_plan.send_summary(audit, who)
    else:
        raise ValueError(f"demo.yaml: onbekende stap {kind!r}")


def _backdate(audit, requested_on: datetime.date | None) -> None:
    """The request was made on `requested_on`, the acceptance a week later; the start is
    on the first audit day, the closing at the end of the last one."""
    if requested_on is None:
        return
    requested = _on(requested_on)
    Audit.objects.filter(pk=audit.pk).update(requested_at=requested)
    days = list(audit.days.order_by("date").values_list("date", flat=True))

    def on(day, hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    moments = {
        Audit.Status.REQUESTED: requested,
        Audit.Status.ACCEPTED: requested + datetime.timedelta(days=7),
        Audit.Status.STARTED: on(days[0], 9) if days else None,
        Audit.Status.FINDINGS_CLOSED: on(days[-1], 17) if days else None,
    }
    for status, at in moments.items():
        if at is not None:
            audit.events.filter(status=status).update(at=at)
