"""The second browser of a step: told it was done, not refused (issue 11 item 6).

Two browsers hold the same form; the first submits and its step is taken. When the second
submits after that, the step no longer applies: its person has the rights, so the answer
is the audit's (or plan's) page with the status now, not a 403. The wrong person still gets
the 403, whatever the status. The step happens once either way.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import workflow, workflow_plan
from kwaliteitslabel.audits.models import Audit, AuditEvent
from kwaliteitslabel.certificates import issuing
from tests.bodies.helpers import meets_all_conditions
from tests.certificates.helpers import accepted_audit

from .helpers import make_audit
from .test_plans import ROUTE_B, ROUTE_C, approved_route_c, final, item
from .test_reliability import closed, plan_submitted, reacted, ready_to_start, started, summary_sent

pytestmark = pytest.mark.django_db


def draft(world):
    audit = closed(world)
    workflow.send_draft(audit, world.users["auditor"])
    return audit


def in_talks(world):
    audit = plan_submitted(world)
    Audit.objects.filter(pk=audit.pk).update(status="plan_talks")
    return audit


def follow_up_today(world):
    audit, lead = approved_route_c(world, None)
    workflow_plan.plan_follow_up(audit, lead, timezone.localdate())
    return audit


def plan_fields(audit):
    """The plan page's form for every norm of the plan, filled in."""
    data = {}
    for i in audit.plan.items.all():
        data.update(
            {
                f"n{i.pk}-loaded_version": i.version,
                f"n{i.pk}-measures": "Intervisie elke maand",
                f"n{i.pk}-owner": "teamleider",
                f"n{i.pk}-planned_date": (
                    timezone.localdate() + datetime.timedelta(60)
                ).isoformat(),
                f"n{i.pk}-evidence": "Verslag van de evaluatie",
            }
        )
    return {"action": "submit", **data}


def judgements(audit):
    return {
        "action": "review",
        **{f"n{item(audit, code).pk}-judgement": "approved" for code in ROUTE_B},
    }


def follow_up_verdicts(audit):
    data = {"action": "record"}
    for code in ROUTE_C:
        data.update({f"{code}-verdict": "met", f"{code}-text": f"Bij {code} gezien."})
    return data


def certificate_form(audit):
    return {
        "number": issuing.next_number(timezone.localdate()),
        "work_types": [w.pk for w in issuing.scope_work_types(audit)],
        "confirm": "on",
    }


def nothing(audit):
    return {}


# (name, build the audit, who takes the step, its URL, what the form posts, a person who may
# see the audit but not take the step, where the second browser is sent)
STEPS = [
    ("accept", make_audit, "body_admin", "audits:audit_decide", lambda a: {"action": "accept"},
     "member_admin", "audits:audit_detail"),
    ("start", ready_to_start, "auditor", "audits:audit_start", nothing,
     "member_admin", "audits:audit_detail"),
    # The body's admin judges, but only the lead closes the findings.
    ("close_findings", started, "auditor", "audits:findings_close", lambda a: {"seen": "yes"},
     "body_admin", "audits:audit_detail"),
    ("send_draft", closed, "auditor", "audits:report_send", nothing,
     "member_admin", "audits:audit_detail"),
    ("react", draft, "member_admin", "audits:report_react", lambda a: {"text": "Geen."},
     "auditor", "audits:audit_detail"),
    ("finalize", reacted, "auditor", "audits:report_finalize", nothing,
     "member_admin", "audits:audit_detail"),
    ("plan_submit", lambda w: final(w, ROUTE_B), "member_admin", "audits:plan", plan_fields,
     "auditor", "audits:plan"),
    ("plan_review", plan_submitted, "auditor", "audits:plan", judgements,
     "member_admin", "audits:plan"),
    ("plan_decline", lambda w: final(w, ROUTE_C), "member_admin", "audits:plan_decline",
     lambda a: {"confirm": "on"}, "auditor", "audits:audit_detail"),
    ("plan_talks", in_talks, "auditor", "audits:plan_talks",
     lambda a: {"choice": "negative", "note": "Geen nieuwe ronde."},
     "member_admin", "audits:audit_detail"),
    ("follow_up", follow_up_today, "auditor", "audits:follow_up", follow_up_verdicts,
     "member_admin", "audits:audit_detail"),
    ("summary_send", lambda w: final(w, {}), "auditor", "audits:summary_send", nothing,
     "member_admin", "audits:audit_detail"),
    # SWN's advisers see every audit; only the secretariat confirms part A and issues.
    ("summary_accept", summary_sent, "swn_secretariat", "reports:check",
     lambda a: {"action": "accept"}, "swn_adviser", "audits:audit_detail"),
    ("issue_certificate", accepted_audit, "swn_secretariat", "certificates:issue",
     certificate_form, "swn_adviser", "audits:audit_detail"),
]  # fmt: skip


def told(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("build", "who", "url", "form", "wrong", "back"),
    [s[1:] for s in STEPS],
    ids=[s[0] for s in STEPS],
)
def test_the_second_browser_is_told_the_step_was_taken(
    world, mailoutbox, build, who, url, form, wrong, back
):
    meets_all_conditions(world.body_x)
    audit = build(world)
    address = reverse(url, args=[audit.pk])
    data = form(audit)  # both browsers loaded the form before either submitted
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(world.users[who])
    events = AuditEvent.objects.filter(audit=audit)
    before = events.count()

    assert first.post(address, data).status_code == 302
    status, taken, mails = Audit.objects.get(pk=audit.pk).status, events.count(), len(mailoutbox)
    assert status != audit.status and taken == before + 1

    answer = second.post(address, data)
    label = Audit.Status(status).label
    assert answer.status_code == 302
    assert answer["Location"] == reverse(back, args=[audit.pk])
    message = f"Deze stap is al gezet of kan niet meer: de toetsing staat nu op ‘{label}’."
    assert told(answer) == [("info", message)]
    page = second.get(answer["Location"])  # the page it is sent to is one it may read
    assert page.status_code == 200 and message in page.content.decode()
    # One transition: no second event, no second set of mails, the status as the first left it.
    assert (events.count(), len(mailoutbox)) == (taken, mails)
    assert Audit.objects.get(pk=audit.pk).status == status

    # Someone who may see the audit but not take the step: refused, not told the status.
    outsider = Client()
    outsider.force_login(world.users[wrong])
    refused = outsider.post(address, data)
    assert refused.status_code == 403 and told(refused) == []
    assert events.count() == taken
