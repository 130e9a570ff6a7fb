"""The report cycle: concept to the member, the member's reaction, final with its route
(issue 7; Bijlage 6 steps 6-9, Bijlage 5 B7-B10)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import deadlines, findings, lifecycle, workflow
from kwaliteitslabel.audits.models import Audit, AuditDay, AuditEvent, Finding, TeamMember

from .helpers import make_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    """Findings closed yesterday: all met but V5 and D8 partly (route b)."""
    audit = make_audit(world, status="findings_closed")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met")
    for code in ("V5", "D8"):
        Finding.objects.filter(pk=findings.find(audit, code).pk).update(verdict="partly")
    return audit


def url(audit, name):
    return reverse(f"audits:{name}", args=[audit.pk])


def backdate_events(audit, days):
    AuditEvent.objects.filter(audit=audit).update(at=timezone.now() - datetime.timedelta(days=days))


def test_route_b_concept_reaction_correction_final_and_the_plan_is_due(
    client_as, world, closed, mailoutbox
):
    lead = client_as("auditor")
    assert lead.post(url(closed, "report_send")).status_code == 302
    closed.refresh_from_db()
    assert closed.status == "draft_report"
    (to_member,) = mailoutbox
    assert to_member.to == ["member_admin@example.nl"]
    due = timezone.localdate() + datetime.timedelta(days=14)  # Bijlage 6 stap 7: 2 weken
    assert f"tot en met {due:%-d}" in to_member.body

    member = client_as("member_admin")
    assert member.get(url(closed, "findings")).status_code == 200  # part B is the member's
    refused = member.post(url(closed, "report_react"), {"text": "  "})
    assert refused.status_code == 400
    member.post(url(closed, "report_react"), {"text": "D8: het evaluatieverslag is van 2026."})
    closed.refresh_from_db()
    assert closed.status == "member_reacted"
    assert set(mailoutbox[1].to) == {"body_admin@example.nl", "auditor@example.nl"}

    # The lead corrects a finding before the report is final (Bijlage 6 stap 8).
    d8 = findings.find(closed, "D8")
    reply = client_as("auditor").post(
        reverse("audits:finding", args=[closed.pk, "D8"]),
        {
            "loaded_version": d8.version,
            "text": "Evaluatieverslag 2026 gezien.",
            "verdict": "partly",
        },
    )
    assert reply.status_code == 302 and findings.find(closed, "D8").text

    page = client_as("auditor").get(url(closed, "report_finalize"))
    assert "Route b" in page.content.decode() and "evaluatieverslag is van 2026" in (
        page.content.decode()
    )
    client_as("auditor").post(url(closed, "report_finalize"))
    closed.refresh_from_db()
    assert closed.status == "plan_due"
    final = closed.events.get(status="plan_due")
    assert "route b" in final.note and "hoogstens 4" in final.note
    assert "één verbeterplan voor V5, D8" in mailoutbox[2].body
    ((step, plan_due),) = deadlines.for_audit(closed)
    assert (step.key, plan_due) == (
        "improvement_plan",
        timezone.localdate() + datetime.timedelta(days=28),  # Bijlage 6 stap 9b: 4 weken
    )


def test_silence_makes_the_concept_final_after_the_reaction_period(client_as, closed):
    workflow.send_draft(closed, closed.team.get().user)
    problems = workflow.finalize_problems(closed, list(findings.with_sources(closed)))
    assert "kan tot en met" in problems[0]
    with pytest.raises(workflow.Refused):
        workflow.finalize(closed, closed.team.get().user)
    backdate_events(closed, 15)
    Finding.objects.filter(audit=closed).update(verdict="met")
    assert workflow.finalize(closed, closed.team.get().user) == "advice_positive"


@pytest.mark.parametrize(("version", "days"), [("2021", 7), ("2017", 21)])
def test_after_route_a_part_a_to_swn_is_due_per_process_version(world, closed, version, days):
    Audit.objects.filter(pk=closed.pk).update(process_version=version)
    closed.refresh_from_db()
    Finding.objects.filter(audit=closed).update(verdict="met")
    workflow.send_draft(closed, closed.team.get().user)
    workflow.react(closed, world.users["member_admin"], "Geen onjuistheden.")
    workflow.finalize(closed, closed.team.get().user)
    ((step, due),) = deadlines.for_audit(closed)
    # Bijlage 6 stap 12: 1 week; Bijlage 5 B10a: 3 weeks after the findings became final.
    assert due == timezone.localdate() + datetime.timedelta(days=days)


def test_each_step_is_refused_to_the_wrong_people_and_twice(client_as, closed):
    assert client_as("member_admin").post(url(closed, "report_send")).status_code == 403
    assert client_as("professional").post(url(closed, "report_send")).status_code == 404
    workflow.send_draft(closed, closed.team.get().user)
    with pytest.raises(workflow.Refused):
        workflow.send_draft(closed, closed.team.get().user)
    assert (
        client_as("body_admin").post(url(closed, "report_react"), {"text": "x"}).status_code == 403
    )
    assert client_as("member_admin").post(url(closed, "report_finalize")).status_code == 403
    closed.refresh_from_db()
    assert closed.status == "draft_report"


def test_the_member_is_reminded_before_its_reaction_is_due(closed, mailoutbox):
    workflow.send_draft(closed, closed.team.get().user)
    mailoutbox.clear()
    sent_on = timezone.localdate()
    assert lifecycle.run(sent_on + datetime.timedelta(days=10)) == []
    (notice,) = lifecycle.run(sent_on + datetime.timedelta(days=11))
    assert notice.deadline == "member_reaction"
    assert mailoutbox[0].to == ["member_admin@example.nl"]


def test_dashboards_show_whose_step_it_is(client_as, closed):
    workflow.send_draft(closed, closed.team.get().user)
    member = client_as("member_admin").get(reverse("accounts:dashboard")).content.decode()
    assert "Reactie van het lid op feitelijke onjuistheden: toetsing van" in member
    assert "nog 14 dagen" in member
    body = client_as("body_admin").get(reverse("accounts:dashboard")).content.decode()
    assert "Reactie van het lid" not in body  # the member's step, not the body's


def test_the_workflow_refuses_the_wrong_side_whatever_calls_it(world, closed):
    lead, member = closed.team.get().user, world.users["member_admin"]
    with pytest.raises(workflow.Refused):
        workflow.send_draft(closed, member)
    workflow.send_draft(closed, lead)
    with pytest.raises(workflow.Refused):
        workflow.react(closed, lead, "Het lid zou dit schrijven.")
    closed.refresh_from_db()
    assert closed.status == "draft_report"
