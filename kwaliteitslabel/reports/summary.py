"""SWN's check of part A (Bijlage 6 steps 13-14): confirm receipt, or return it to the body.

Like the audit workflow: a conditional status change, an event, the e-mails in the same
transaction. Receipt is only confirmed when the platform's checks pass; the secretariat
returns part A with its reasons otherwise, and the body has a week to repair it.
"""

from django.db import transaction

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails, has_role
from kwaliteitslabel.audits import deadlines
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.workflow import Refused, body_emails, mail, move

from . import checks, content
from .models import PartBRequest

Status = Audit.Status


def _secretariat(audit, user) -> None:
    if not has_role(user, Role.SWN_SECRETARIAT):
        raise Refused(["Alleen het secretariaat van Sociaal Werk Nederland controleert deel A."])


@transaction.atomic
def accept(audit: Audit, user) -> None:
    _secretariat(audit, user)
    failed = [c for c in checks.summary_checks(content.build(audit)) if not c.ok]
    if failed:
        raise Refused(
            ["Deel A is nog niet in orde; stuur het terug met de redenen."]
            + [f"{c.label}: {c.detail}" for c in failed]
        )
    move(audit, Status.SUMMARY_ACCEPTED, user, allowed_from=[Status.SUMMARY_SENT])
    mail(
        f"Ontvangst deel A bevestigd: {audit.member}",
        "reports/email/summary_accepted.txt",
        [*body_emails(audit), *emails(role=Role.MEMBER_ADMIN, member=audit.member)],
        audit,
        cc=emails(role=Role.SWN_ADVISER),
        **deadlines.due_from_today(audit.process_version, "certificate"),
    )


@transaction.atomic
def return_to_body(audit: Audit, user, reasons: str) -> None:
    _secretariat(audit, user)
    if not reasons.strip():
        raise Refused(["Redenen: schrijf wat er in deel A ontbreekt of niet klopt."])
    move(audit, Status.SUMMARY_RETURNED, user, reasons.strip(), [Status.SUMMARY_SENT])
    mail(
        f"Deel A terug ter aanvulling: {audit.member}",
        "reports/email/summary_returned.txt",
        body_emails(audit),
        audit,
        reasons=reasons.strip(),
        **deadlines.due_from_today(audit.process_version, "summary_repaired"),
    )


@transaction.atomic
def request_part_b(audit: Audit, user, reason: str) -> PartBRequest:
    """SWN asks for part B (Bijlage 5 B11); recorded, and the body and member are told."""
    if not reason.strip():
        raise Refused(["Reden: schrijf waarvoor Sociaal Werk Nederland deel B opvraagt."])
    request = PartBRequest.objects.create(audit=audit, requested_by=user, reason=reason.strip())
    mail(
        f"Sociaal Werk Nederland vraagt deel B op: {audit.member}",
        "reports/email/part_b_requested.txt",
        [*body_emails(audit), *emails(role=Role.MEMBER_ADMIN, member=audit.member)],
        audit,
        request=request,
    )
    return request
