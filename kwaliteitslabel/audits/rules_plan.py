"""Who may read, write and judge an improvement plan, and plan the follow-up (issue 7).

The member writes its plan (Bijlage 6 step 10); the body judges it: the lead auditor or the
body's admin, nobody from another body. SWN reads it, as part A lists the plans submitted.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role

from .models_audit import CLOSED, PLAN_OPEN, Audit
from .rules_audit import is_body_admin, is_lead, team_place

Status = Audit.Status
# From the final report on (the statuses after the concept round).
AFTER_FINAL = CLOSED[CLOSED.index(Status.PLAN_DUE) :]


def is_member_admin(user, audit) -> bool:
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=audit.member)


def judges(user, audit) -> bool:
    """The body's side: the lead auditor of this audit or an admin of its body."""
    return is_lead(user, audit) or is_body_admin(user, audit)


def can_read_plan(user, audit) -> bool:
    return (
        audit.status in AFTER_FINAL
        and audit.route in ("b", "c")
        and (
            is_member_admin(user, audit)
            or team_place(user, audit) is not None
            or is_body_admin(user, audit)
            or accounts.is_swn_staff(user)
        )
    )


def can_write_plan(user, audit) -> bool:
    return audit.status in PLAN_OPEN and is_member_admin(user, audit)


def can_review_plan(user, audit) -> bool:
    return audit.status == Status.PLAN_REVIEW and judges(user, audit)


def can_decline_option(user, audit) -> bool:
    """Route c: the member may decline the improvement option (Bijlage 6 step 9c-i)."""
    return audit.route == "c" and audit.status in PLAN_OPEN and is_member_admin(user, audit)


def can_resolve_talks(user, audit) -> bool:
    return audit.status == Status.PLAN_TALKS and judges(user, audit)


def can_follow_up(user, audit) -> bool:
    return audit.status == Status.FOLLOW_UP and judges(user, audit)


def can_send_summary(user, audit) -> bool:
    """First after the positive advice, again after SWN returned it (Bijlage 6 step 14b)."""
    return audit.status in (Status.ADVICE_POSITIVE, Status.SUMMARY_RETURNED) and judges(user, audit)
