"""Who reads which part of the report (Bijlage 7, Bijlage 5 B6 and B11; issue 8, item 7).

Part B (the findings) is for the member and the body: the team and the body's admin from
the closing of the findings, the member's admin from the concept on. SWN reads part B only
after asking for it (recorded, Bijlage 5 B11). Part A (the summary) is for SWN and the
member: SWN from the moment the body sends it. The lead auditor writes the free texts
until part A has gone to SWN, and again when SWN returns it.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.models_audit import CLOSED, REPORTED
from kwaliteitslabel.audits.rules_audit import in_status, is_body_admin, is_lead, team_place
from kwaliteitslabel.common.access import Step

from .models import PartBRequest

Status = Audit.Status
# From here on SWN has part A (Bijlage 6 step 12).
WITH_SWN = (
    Status.SUMMARY_SENT,
    Status.SUMMARY_RETURNED,
    Status.SUMMARY_ACCEPTED,
    Status.CERTIFIED,
)
WRITABLE = tuple(
    s for s in CLOSED if s not in (Status.SUMMARY_SENT, Status.SUMMARY_ACCEPTED, Status.CERTIFIED)
)


def _body_side(user, audit) -> bool:
    return team_place(user, audit) is not None or is_body_admin(user, audit)


def _member(user, audit) -> bool:
    return audit.status in REPORTED and accounts.has_role(
        user, Role.MEMBER_ADMIN, member=audit.member
    )


def can_read_part_b(user, audit) -> bool:
    if audit.status not in CLOSED:
        return False
    if _body_side(user, audit) or _member(user, audit):
        return True
    return accounts.is_swn_staff(user) and PartBRequest.objects.filter(audit=audit).exists()


def can_read_part_a(user, audit) -> bool:
    if audit.status not in CLOSED:
        return False
    if _body_side(user, audit) or _member(user, audit):
        return True
    return accounts.is_swn_staff(user) and audit.status in WITH_SWN


def can_write(user, audit) -> bool:
    return audit.status in WRITABLE and is_lead(user, audit)


def can_request_part_b(user, audit) -> bool:
    return audit.status in CLOSED and accounts.is_swn_staff(user)


# Bijlage 6 steps 13-14: the secretariat checks part A and confirms or returns it.
can_check_summary = Step(
    lambda user, audit: accounts.has_role(user, Role.SWN_SECRETARIAT),
    in_status(Status.SUMMARY_SENT),
)


def can_read_corrections(user, audit) -> bool:
    return audit.status in REPORTED and (_body_side(user, audit) or _member(user, audit))


def can_correct(user, audit) -> bool:
    """The member's admin while the concept lies with the member (Bijlage 6 step 7)."""
    return audit.status == Status.DRAFT_REPORT and _member(user, audit)


def can_answer(user, audit) -> bool:
    return audit.status in (Status.DRAFT_REPORT, Status.MEMBER_REACTED) and (
        is_lead(user, audit) or is_body_admin(user, audit)
    )
