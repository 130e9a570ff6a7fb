"""The daily round over the audits' deadlines (issue 7, item 5), for `run_lifecycle`.

Per audit, the step that is due next (`deadlines.running`): a reminder `reminder_days`
before it to those who must act, and a notice once it has passed, to them and SWN. Each
goes once: a `DeadlineNotice` row is written in the same transaction as the e-mail is
queued, and its unique constraint refuses a second, also when two rounds run at once.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails
from kwaliteitslabel.common.mail import send_template

from . import deadlines
from .models_audit import Audit, DeadlineNotice
from .workflow import body_emails

Kind = DeadlineNotice.Kind


def recipients(audit, step, kind) -> list[str]:
    """Whoever must act (the body's admins and the lead; or the member's admins), and SWN's
    secretariat once a deadline has passed."""
    if step.who == "member":
        to = emails(role=Role.MEMBER_ADMIN, member=audit.member)
    elif step.who == "body":
        to = body_emails(audit)
    else:
        to = emails(role=Role.SWN_SECRETARIAT)
    if kind == Kind.OVERDUE:
        to = [*to, *emails(role=Role.SWN_SECRETARIAT)]
    return sorted(set(to))


def run(today: datetime.date | None = None) -> list[DeadlineNotice]:
    """Send what is due today; returns the notices sent in this round."""
    today = today or timezone.localdate()
    sent = []
    audits = deadlines.with_event_dates(
        Audit.objects.filter(status__in=deadlines.RUNNING).select_related("member", "body")
    )
    for audit in audits:
        reminder_days = deadlines.versions()[audit.process_version].reminder_days
        for step, due in deadlines.running(audit):
            if today > due:
                kind = Kind.OVERDUE
            elif (due - today).days <= reminder_days:
                kind = Kind.REMINDER
            else:
                continue
            notice = _send_once(audit, step, due, kind, today)
            if notice is not None:
                sent.append(notice)
    return sent


def _send_once(audit, step, due, kind, today):
    try:
        with transaction.atomic():
            notice = DeadlineNotice.objects.create(
                audit=audit, deadline=step.key, due=due, kind=kind
            )
            link = settings.SITE_URL + reverse("audits:audit_detail", args=[audit.pk])
            late = (today - due).days
            send_template(
                f"{'Herinnering' if kind == Kind.REMINDER else 'Termijn verstreken'}: "
                f"{step.text.lower()} ({audit.member})",
                f"audits/email/deadline_{kind}.txt",
                recipients(audit, step, kind),
                {"audit": audit, "step": step, "due": due, "late": late, "link": link},
            )
    except IntegrityError:
        return None  # sent before, by this round's predecessor or a twin
    return notice
