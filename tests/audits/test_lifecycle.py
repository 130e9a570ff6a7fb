"""run_lifecycle: a reminder before a deadline and a notice after it, once each (issue 7)."""

import datetime

import pytest
from django.core.management import call_command

from kwaliteitslabel.audits import lifecycle
from kwaliteitslabel.audits.models import AuditDay, DeadlineNotice, TeamMember
from kwaliteitslabel.common.models import OutboxMessage

from .helpers import make_audit

pytestmark = pytest.mark.django_db
LAST_DAY = datetime.date(2026, 11, 2)
DUE = datetime.date(2026, 11, 16)  # concept report: 2 weeks after the last day (Bijlage 6 stap 6)


@pytest.fixture
def closed(world):
    audit = make_audit(world, status="findings_closed")
    AuditDay.objects.create(audit=audit, date=LAST_DAY)
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    return audit


def test_nothing_before_the_reminder_moment(closed, mailoutbox):
    assert lifecycle.run(DUE - datetime.timedelta(days=4)) == []
    assert mailoutbox == []


def test_a_reminder_three_days_before_to_the_body_and_the_lead_once(closed, mailoutbox):
    (notice,) = lifecycle.run(DUE - datetime.timedelta(days=3))
    assert (notice.deadline, notice.kind, notice.due) == ("draft_report", "reminder", DUE)
    (mail,) = mailoutbox
    assert mail.to == ["auditor@example.nl", "body_admin@example.nl"]
    assert "uiterlijk 16 november 2026" in mail.body
    assert lifecycle.run(DUE - datetime.timedelta(days=2)) == []
    assert lifecycle.run(DUE) == []
    assert len(mailoutbox) == 1


def test_a_passed_deadline_is_told_once_with_swn_in_it(closed, mailoutbox):
    lifecycle.run(DUE + datetime.timedelta(days=1))
    lifecycle.run(DUE + datetime.timedelta(days=2))
    (mail,) = mailoutbox
    assert mail.subject.startswith("Termijn verstreken: conceptrapport")
    assert "swn_secretariat@example.nl" in mail.to
    assert "Dat is 1 dag geleden." in mail.body
    assert DeadlineNotice.objects.get().kind == "overdue"


def test_the_command_twice_in_a_row_sends_each_message_once(closed, settings, capsys):
    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
    call_command("run_lifecycle")
    call_command("run_lifecycle")
    out = capsys.readouterr().out
    assert out.count("termijnberichten: 1") == 1 and "termijnberichten: 0" in out
    (message,) = OutboxMessage.objects.all()  # one e-mail, to the three of them
    assert message.to.count("@") == 3


def test_a_process_2017_audit_counts_its_own_periods(closed, mailoutbox):
    closed.process_version = "2017"
    closed.save()
    # Concept report is 2 weeks in both; the notice names Bijlage 5.
    lifecycle.run(DUE + datetime.timedelta(days=1))
    assert "Bijlage 5 B7" in mailoutbox[0].body
