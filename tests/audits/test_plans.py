"""Improvement plans, the route c choice, the follow-up and part A to SWN (issue 7, items 3-4;
Bijlage 6 steps 9-12 for process 2021, Bijlage 5 B10 for 2017)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits import deadlines, findings, workflow, workflow_plan
from kwaliteitslabel.audits.models import (
    Audit,
    AuditDay,
    Finding,
    FollowUp,
    ImprovementPlan,
    PlanItem,
    TeamMember,
)
from tests.world import make_user

pytestmark = pytest.mark.django_db

ROUTE_B = {"V5": "partly", "D8": "not_met"}
# Route c: 5 norms "voldoet niet" is over the limit of 4 (handbook 2.6, Bijlage 5 B10c).
ROUTE_C = dict.fromkeys(("V1", "V2", "V3", "D1", "D2"), "not_met")


def final(world, verdicts, version="2021", **fields):
    """An audit whose report was just made final with these verdicts (the rest met)."""
    from .helpers import make_audit

    audit = make_audit(world, status="findings_closed", process_version=version, **fields)
    lead = world.users["auditor"]
    TeamMember.objects.create(audit=audit, user=lead, role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met")
    for code, verdict in verdicts.items():
        Finding.objects.filter(pk=findings.find(audit, code).pk).update(verdict=verdict)
    workflow.send_draft(audit, lead)
    workflow.react(audit, world.users["member_admin"], "Geen onjuistheden.")
    workflow.finalize(audit, lead)
    audit.refresh_from_db()
    return audit


def fill(audit, codes=None):
    for item in audit.plan.items.select_related("norm__rubric"):
        if codes is None or item.norm.code in codes:
            PlanItem.objects.filter(pk=item.pk).update(
                measures=f"Maatregelen voor {item.norm.code}",
                owner="teamleider",
                planned_date=timezone.localdate() + datetime.timedelta(days=60),
                evidence="Verslag van de evaluatie",
            )


def item(audit, code):
    return next(i for i in audit.plan.items.select_related("norm__rubric") if i.norm.code == code)


def judge(audit, user, **by_code):
    """by_code: V5="approved" or D8=("rejected", "reason")."""
    judgements = {}
    for code, value in by_code.items():
        judgement, reason = (value, "") if isinstance(value, str) else value
        judgements[item(audit, code).pk] = (judgement, reason)
    return judgements


def test_the_plan_covers_exactly_the_norms_with_minus_or_plus_minus(world):
    audit = final(world, ROUTE_B)
    assert audit.status == "plan_due" and audit.route == "b"
    assert sorted(i.norm.code for i in audit.plan.items.select_related("norm__rubric")) == [
        "D8",
        "V5",
    ]


def test_a_plan_that_leaves_out_a_part_is_refused_naming_the_norm(world):
    audit = final(world, ROUTE_B)
    fill(audit, ["V5"])
    with pytest.raises(workflow.Refused) as refused:
        workflow_plan.submit(audit, world.users["member_admin"])
    assert any(r.startswith("D8: vul nog in: maatregelen") for r in refused.value.reasons)
    audit.refresh_from_db()
    assert audit.status == "plan_due" and audit.plan.submitted_at is None


@pytest.mark.parametrize(
    ("version", "amended_review_days"),
    [("2021", 14), ("2017", 7)],  # Bijlage 6 stap 9b-ii: 2 weken; Bijlage 5 B10b-ii: 1 week
)
def test_route_b_rejection_amend_round_then_approval_is_positive(
    world, version, amended_review_days, mailoutbox
):
    audit = final(world, ROUTE_B, version)
    member, lead = world.users["member_admin"], world.users["auditor"]
    fill(audit)
    workflow_plan.submit(audit, member)
    ((step, due),) = deadlines.for_audit(audit)
    assert (step.key, due) == ("plan_review", timezone.localdate() + datetime.timedelta(days=14))

    to = workflow_plan.review(
        audit, lead, judge(audit, lead, V5="approved", D8=("rejected", "Geen eigenaar per team."))
    )
    assert to == "plan_amend"
    audit.refresh_from_db()
    assert audit.plan.round == 2
    assert "D8: Geen eigenaar per team." in mailoutbox[-1].body
    ((step, due),) = deadlines.for_audit(audit)
    assert (step.key, due) == ("plan_amendment", timezone.localdate() + datetime.timedelta(days=14))
    # The approved norm is fixed; the rejected one is amended.
    v5 = item(audit, "V5")
    with pytest.raises(workflow.Refused):
        workflow_plan.save_item(v5, v5.version, measures="Iets anders")
    d8 = item(audit, "D8")
    workflow_plan.save_item(
        d8,
        d8.version,
        measures="Per team een eigenaar",
        owner="teamleiders",
        planned_date=d8.planned_date,
        evidence="Teamplannen",
    )
    workflow_plan.submit(audit, member)
    ((step, due),) = deadlines.for_audit(audit)
    assert step.key == "amended_plan_review"
    assert due == timezone.localdate() + datetime.timedelta(days=amended_review_days)

    assert workflow_plan.review(audit, lead, judge(audit, lead, D8="approved")) == "advice_positive"
    audit.refresh_from_db()
    assert audit.status == "advice_positive"
    assert "Positief advies" in mailoutbox[-1].subject


def reject_twice(world, version):
    audit = final(world, ROUTE_B, version)
    member, lead = world.users["member_admin"], world.users["auditor"]
    fill(audit)
    workflow_plan.submit(audit, member)
    workflow_plan.review(audit, lead, judge(audit, lead, V5="approved", D8=("rejected", "Vaag.")))
    workflow_plan.submit(audit, member)
    return audit, lead


def to_swn(mailoutbox, world):
    """The mails to the secretariat: the advisers in copy (Bijlage 6 stap 9a, 12)."""
    sent = [m for m in mailoutbox if m.to == [world.users["swn_secretariat"].email]]
    assert sent and all(m.cc == [world.users["swn_adviser"].email] for m in sent)
    return sent


def test_second_rejection_2021_leads_to_talks_and_swn_is_told_the_next_steps(world, mailoutbox):
    audit, lead = reject_twice(world, "2021")
    with pytest.raises(workflow.Refused) as refused:
        workflow_plan.review(audit, lead, judge(audit, lead, D8=("rejected", "Nog steeds vaag.")))
    assert "Bijlage 6 stap 9b-iii" in refused.value.reasons[0]
    assert item(audit, "D8").judgement == "pending"  # nothing changed

    to = workflow_plan.review(
        audit,
        lead,
        judge(audit, lead, D8=("rejected", "Nog steeds vaag.")),
        next_steps="Gesprek op 3 maart over een haalbaar plan.",
    )
    assert to == "plan_talks"
    (swn,) = to_swn(mailoutbox, world)
    assert "Gesprek op 3 maart" in swn.body
    # After the talks: one more round, or a negative advice.
    assert workflow_plan.resolve_talks(audit, lead, "amend", "Nog één ronde, tot 1 april.") == (
        "plan_amend"
    )
    audit.refresh_from_db()
    assert audit.plan.round == 3


def test_second_rejection_2017_is_a_negative_advice(world, mailoutbox):
    audit, lead = reject_twice(world, "2017")
    to = workflow_plan.review(audit, lead, judge(audit, lead, D8=("rejected", "Nog vaag.")))
    assert to == "advice_negative"  # Bijlage 5 B10b-ii
    (swn,) = to_swn(mailoutbox, world)
    assert swn.subject.startswith("Negatief advies")


def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(world):
    audit = final(world, ROUTE_B)
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    lead = world.users["auditor"]
    with pytest.raises(workflow.Refused) as refused:
        workflow_plan.review(audit, lead, judge(audit, lead, V5="approved", D8=("rejected", " ")))
    assert refused.value.reasons == ["D8: schrijf waarom u dit deel afkeurt."]
    assert set(audit.plan.items.values_list("judgement", flat=True)) == {"pending"}


def test_approval_by_someone_outside_the_body_or_not_leading_is_refused(world, client):
    audit = final(world, ROUTE_B)
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    other_body = make_user("auditor.y@example.nl", "Auditor Y", Role.AUDITOR, body=world.body_y)
    in_body_not_in_team = make_user(
        "auditor.x2@example.nl", "Auditor X2", Role.AUDITOR, body=world.body_x
    )
    data = {"action": "review", f"n{item(audit, 'V5').pk}-judgement": "approved"}
    data[f"n{item(audit, 'D8').pk}-judgement"] = "approved"
    url = reverse("audits:plan", args=[audit.pk])
    for user, status in ((other_body, 404), (in_body_not_in_team, 404)):
        client.force_login(user)
        assert client.post(url, data).status_code == status
    client.force_login(world.users["member_admin"])
    assert client.post(url, data).status_code == 403
    # The workflow itself refuses too, whatever calls it.
    for user in (other_body, in_body_not_in_team, world.users["member_admin"]):
        with pytest.raises(workflow.Refused):
            workflow_plan.review(audit, user, judge(audit, user, V5="approved", D8="approved"))
    assert set(audit.plan.items.values_list("judgement", flat=True)) == {"pending"}
    client.force_login(world.users["body_admin"])
    assert client.post(url, data).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "advice_positive"


def test_the_member_saves_its_plan_on_the_page_and_a_bad_date_changes_nothing(world, client):
    audit = final(world, ROUTE_B)
    client.force_login(world.users["member_admin"])
    url = reverse("audits:plan", args=[audit.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Verbeterplan indienen" in page.content.decode()
    v5 = item(audit, "V5")
    prefix = f"n{v5.pk}"
    data = {
        "action": "save",
        f"{prefix}-loaded_version": v5.version,
        f"{prefix}-measures": "Intervisie elke maand",
        f"{prefix}-planned_date": "31-02-2027",
    }
    reply = client.post(url, data)
    assert reply.status_code == 400 and "V5, gereed op: Vul een datum in" in reply.content.decode()
    assert item(audit, "V5").measures == ""
    data[f"{prefix}-planned_date"] = "2027-03-31"
    assert client.post(url, data).status_code == 302
    assert item(audit, "V5").measures == "Intervisie elke maand"
    # Someone saved in between: the stale edit is refused.
    reply = client.post(url, {**data, f"{prefix}-measures": "Anders"})
    assert reply.status_code == 409 and item(audit, "V5").measures == "Intervisie elke maand"


# --- Route c ----------------------------------------------------------------------------


def test_route_c_member_declines_the_improvement_option_negative_advice(world, client, mailoutbox):
    audit = final(world, ROUTE_C)
    assert audit.route == "c" and audit.suspends_certification
    client.force_login(world.users["member_admin"])
    url = reverse("audits:plan_decline", args=[audit.pk])
    assert client.post(url, {"reason": ""}).status_code == 400  # not confirmed
    assert client.post(url, {"confirm": "on"}).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "advice_negative" and not audit.suspends_certification
    (swn,) = to_swn(mailoutbox, world)
    assert "9c-i" in swn.body


def approved_route_c(world, previous_expiry):
    audit = final(world, ROUTE_C, previous_expiry=previous_expiry)
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    lead = world.users["auditor"]
    codes = dict.fromkeys(ROUTE_C, "approved")
    assert workflow_plan.review(audit, lead, judge(audit, lead, **codes)) == "follow_up"
    audit.refresh_from_db()
    return audit, lead


def test_follow_up_dated_after_half_a_year_past_expiry_is_refused(world, client):
    expiry = timezone.localdate() - datetime.timedelta(days=30)
    audit, lead = approved_route_c(world, expiry)
    assert audit.suspends_certification
    ((step, due),) = deadlines.for_audit(audit)
    # Bijlage 6 stap 9c: within half a year after the certificate expires.
    limit = deadlines.due("2021", "follow_up", expiry)
    assert (step.key, due) == ("follow_up", limit)
    client.force_login(lead)
    url = reverse("audits:follow_up", args=[audit.pk])
    late = limit + datetime.timedelta(days=1)
    reply = client.post(url, {"action": "plan", "date": late.isoformat()})
    assert reply.status_code == 400 and f"uiterlijk {limit:%d-%m-%Y}" in reply.content.decode()
    assert not FollowUp.objects.filter(audit=audit).exists()
    assert client.post(url, {"action": "plan", "date": limit.isoformat()}).status_code == 302
    assert FollowUp.objects.get(audit=audit).date == limit


def record(audit, lead, verdict_for):
    rows = {code: (verdict_for(code), f"Bij {code} gezien in de praktijk.") for code in ROUTE_C}
    return workflow_plan.record_follow_up(audit, lead, rows)


def test_follow_up_that_brings_the_verdicts_within_the_limits_turns_c_positive(world):
    audit, lead = approved_route_c(world, timezone.localdate())
    workflow_plan.plan_follow_up(audit, lead, timezone.localdate() + datetime.timedelta(days=7))
    with pytest.raises(workflow.Refused):  # not before the date
        record(audit, lead, lambda code: "met")
    FollowUp.objects.filter(audit=audit).update(date=timezone.localdate())
    # Four stay "voldoet niet" and one is met now: at the limit of 4, so positive.
    assert record(audit, lead, lambda code: "met" if code == "V1" else "not_met") == (
        "advice_positive"
    )
    audit.refresh_from_db()
    assert audit.status == "advice_positive" and not audit.suspends_certification
    assert "Na het aanvullend onderzoek" in audit.events.last().note


def test_follow_up_that_stays_over_the_limit_is_negative(world):
    audit, lead = approved_route_c(world, None)  # an initial audit: no limit date
    workflow_plan.plan_follow_up(audit, lead, timezone.localdate())
    assert record(audit, lead, lambda code: "not_met") == "advice_negative"
    audit.refresh_from_db()
    assert audit.status == "advice_negative"


def test_follow_up_needs_a_verdict_and_text_for_every_norm_of_the_plan(world):
    audit, lead = approved_route_c(world, None)
    workflow_plan.plan_follow_up(audit, lead, timezone.localdate())
    with pytest.raises(workflow.Refused) as refused:
        workflow_plan.record_follow_up(audit, lead, {"V1": ("met", "Gezien.")})
    assert "V2: kies een oordeel." in refused.value.reasons
    assert not FollowUp.objects.get(audit=audit).findings.exists()
    assert Audit.objects.get(pk=audit.pk).status == "follow_up"


# --- Part A to SWN --------------------------------------------------------------------


def test_part_a_goes_to_the_secretariat_with_the_advisers_in_copy(world, client, mailoutbox):
    audit = final(world, {})
    assert (
        audit.status == "advice_positive"
        and not ImprovementPlan.objects.filter(audit=audit).exists()
    )
    client.force_login(world.users["auditor"])
    assert client.post(reverse("audits:summary_send", args=[audit.pk])).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "summary_sent"
    (message,) = to_swn(mailoutbox, world)
    assert message.subject.startswith("Deel A")
    # SWN's dashboard: check part A within 2 weeks (Bijlage 6 stap 13).
    client.force_login(world.users["swn_secretariat"])
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "SWN toetst deel A op volledigheid en juistheid" in page


def test_the_audit_page_says_what_is_due_next_and_how_it_stands(world, client):
    audit = final(world, ROUTE_B)
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    client.force_login(world.users["body_admin"])
    page = client.get(reverse("audits:audit_detail", args=[audit.pk])).content.decode()
    assert "Beoordeling van het verbeterplan" in page and "nog 14 dagen" in page
    assert "Verbeterplan beoordelen" in page
    # The body's dashboard lists it with a link to the plan.
    board = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("audits:plan", args=[audit.pk]) in board


@pytest.mark.parametrize("who", ["member_admin", "auditor"])
def test_the_plan_page_queries_do_not_grow_with_its_norms(world, client, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for verdicts in (ROUTE_B, ROUTE_C):
        audit = final(world, verdicts)
        client.force_login(world.users[who])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("audits:plan", args=[audit.pk])).status_code == 200
        counts.append(len(queries))
        Audit.objects.filter(pk=audit.pk).update(status="advice_negative")  # one open audit
    assert counts[0] == counts[1]
