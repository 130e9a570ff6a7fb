"""Transitions are all or nothing, and once (issue 11 item 6).

A crash after the status was written leaves every row as it was; two people submitting the
same step at the same moment make one transition, and the other is told the status changed.
"""

import datetime
import threading

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.audits import findings, workflow, workflow_plan
from kwaliteitslabel.audits.models import Audit, AuditDay, AuditEvent, Finding, TeamMember
from kwaliteitslabel.certificates import issuing
from kwaliteitslabel.common.mail import OutboxBackend
from kwaliteitslabel.common.models import OutboxMessage
from kwaliteitslabel.reports import summary
from tests.bodies.helpers import meets_all_conditions
from tests.certificates.helpers import accepted_audit
from tests.common.test_reliability import SharedDatabase
from tests.reports.test_report import approved

from .helpers import make_audit
from .test_plans import ROUTE_B, fill, final, judge

CHANGED = (
    "De status van deze toetsing is intussen veranderd. "
    "Open de pagina opnieuw om te zien wat er is gebeurd."
)


class Crash(Exception):
    pass


@pytest.fixture(autouse=True)
def outbox(settings):
    """Mail goes into the outbox table, as in production: its rows are part of the state."""
    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"


def state() -> dict:
    """Every row of every table of the platform."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("kwaliteitslabel.")
    }


def crash_after(monkeypatch, owner, name, audit, seen):
    """Run `owner.name` for real, then crash: the last write of the step has happened."""
    original = getattr(owner, name)

    def crashing(*args, **kwargs):
        original(*args, **kwargs)
        seen.append(Audit.objects.get(pk=audit.pk).status)
        raise Crash

    monkeypatch.setattr(owner, name, crashing)


def started(world):
    audit = make_audit(world, status="started")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met")
    return audit


def ready_to_start(world):
    audit = make_audit(world, status="accepted")
    lead = TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() + datetime.timedelta(days=30))
    workflow.declare_independent(lead)
    code_of_conduct.sign(
        lead.user, name="Demo auditor", place="Utrecht", signed_on=timezone.localdate()
    )
    return audit


def closed(world):
    audit = started(world)
    Audit.objects.filter(pk=audit.pk).update(status="findings_closed")
    return audit


def reacted(world):
    audit = closed(world)
    for code, verdict in ROUTE_B.items():  # route b: the final step opens a plan as well
        Finding.objects.filter(pk=findings.find(audit, code).pk).update(verdict=verdict)
    workflow.send_draft(audit, world.users["auditor"])
    workflow.react(audit, world.users["member_admin"], "Geen onjuistheden.")
    return audit


def plan_submitted(world):
    audit = final(world, ROUTE_B)
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    return audit


def summary_sent(world):
    audit = approved(world)
    workflow_plan.send_summary(audit, world.users["auditor"])
    return audit


def issue(audit, user):
    ids = [w.pk for w in issuing.scope_work_types(audit)]
    return issuing.issue(audit, user, "KSSW-2026-0001", ids)


def review(audit, user):
    return workflow_plan.review(audit, user, judge(audit, user, V5="approved", D8="approved"))


MAIL = (OutboxBackend, "send_messages")
# (name, build the audit, who acts, the step, what crashes after its real work, status then)
STEPS = [
    ("accept", make_audit, "body_admin", workflow.accept, MAIL, "accepted"),
    ("start", ready_to_start, "auditor", workflow.start, (findings, "ensure_findings"), "started"),
    (
        "close_findings",
        started,
        "auditor",
        lambda a, u: workflow.close_findings(a, u, seen_few_sources=True),
        MAIL,
        "findings_closed",
    ),
    ("send_draft", closed, "auditor", workflow.send_draft, MAIL, "draft_report"),
    ("finalize", reacted, "auditor", workflow.finalize, MAIL, "plan_due"),
    ("plan_review", plan_submitted, "auditor", review, MAIL, "advice_positive"),
    ("summary_accept", summary_sent, "swn_secretariat", summary.accept, MAIL, "summary_accepted"),
    ("issue_certificate", accepted_audit, "swn_secretariat", issue, MAIL, "certified"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "who", "step", "crash", "status"),
    [s[1:] for s in STEPS],
    ids=[s[0] for s in STEPS],
)
def test_a_crash_after_the_status_was_written_leaves_every_row_as_it_was(
    world, monkeypatch, build, who, step, crash, status
):
    meets_all_conditions(world.body_x)
    audit = build(world)
    user = world.users[who]
    before, seen = state(), []
    crash_after(monkeypatch, *crash, audit, seen)
    with pytest.raises(Crash):
        step(Audit.objects.get(pk=audit.pk), user)
    assert seen[-1] == status  # the crash came after the status had changed
    assert state() == before
    monkeypatch.undo()  # and the step still goes, once, when tried again
    step(Audit.objects.get(pk=audit.pk), user)
    assert Audit.objects.get(pk=audit.pk).status == status


VIEWS = [
    ("accept", make_audit, "body_admin", "audits:audit_decide", {"action": "accept"}),
    ("send_draft", closed, "auditor", "audits:report_send", {}),
    (
        "issue_certificate",
        accepted_audit,
        "swn_secretariat",
        "certificates:issue",
        {"number": "KSSW-2026-0001"},
    ),
]


def post_data(audit, data):
    if "number" in data:  # the issue form: the next number, the scope, the confirmation
        number = issuing.next_number(timezone.localdate())
        work_types = [w.pk for w in issuing.scope_work_types(audit)]
        return {"number": number, "work_types": work_types, "confirm": "on"}
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "who", "url", "data"), [v[1:] for v in VIEWS], ids=[v[0] for v in VIEWS]
)
def test_a_post_that_crashes_answers_500_and_changes_nothing(
    world, client, monkeypatch, build, who, url, data
):
    meets_all_conditions(world.body_x)
    audit = build(world)
    client.force_login(world.users[who])
    client.raise_request_exception = False
    before, seen = state(), []
    crash_after(monkeypatch, *MAIL, audit, seen)
    response = client.post(reverse(url, args=[audit.pk]), post_data(audit, data))
    assert response.status_code == 500 and seen
    assert state() == before


# --- Two at once -------------------------------------------------------------------------

TWINS = [
    ("accept", make_audit, "body_admin", workflow, "accept", "audits:audit_decide"),
    ("send_draft", closed, "auditor", workflow, "send_draft", "audits:report_send"),
    (
        "issue_certificate",
        accepted_audit,
        "swn_secretariat",
        issuing,
        "issue",
        "certificates:issue",
    ),
]
DATA = {
    "audits:audit_decide": {"action": "accept"},
    "certificates:issue": {"number": "KSSW-2026-0001"},
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("build", "who", "module", "name", "url"), [t[1:] for t in TWINS], ids=[t[0] for t in TWINS]
)
def test_two_people_submitting_at_the_same_moment_make_one_transition(
    world, tmp_path, monkeypatch, build, who, module, name, url
):
    """Both requests have read the audit and passed every check before either one changes
    it: the barrier holds them at the step's door, then lets both through at once. On
    PostgreSQL they race for the row; on SQLite (a file, as in production) the second waits
    for the first's BEGIN IMMEDIATE and then finds the status changed."""
    call_command("load_frameworks", verbosity=0)  # an earlier transactional test emptied it
    meets_all_conditions(world.body_x)
    audit = build(world)
    data = post_data(audit, DATA.get(url, {}))
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(world.users[who])
    events_before = AuditEvent.objects.count()
    barrier = threading.Barrier(2, timeout=20)
    original = getattr(module, name)

    def at_once(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, at_once)
    answers = [None, None]
    with SharedDatabase(tmp_path) as database:

        def submit(n):
            database.use_in_this_thread()
            try:
                answers[n] = clients[n].post(reverse(url, args=[audit.pk]), data)
            finally:
                connections["default"].close()

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    told = [
        [m.message for m in get_messages(a.wsgi_request) if m.level_tag == "error"] for a in answers
    ]
    refused = [n for n in range(2) if told[n]]
    assert len(refused) == 1, told
    # The number check may see the first certificate before the status check does.
    assert told[refused[0]][0] in (
        CHANGED,
        f"Certificaatnummer: {data.get('number')} is al uitgereikt.",
    )
    assert answers[1 - refused[0]].status_code == 302
    assert AuditEvent.objects.count() == events_before + 1
    outbox = list(OutboxMessage.objects.values_list("subject", flat=True))
    assert len(outbox) == len(set(outbox)) > 0  # one set of mails, none twice
