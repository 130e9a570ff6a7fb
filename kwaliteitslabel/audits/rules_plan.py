"""Who may read, write and judge an improvement plan, and plan the follow-up (issue 7).

The member writes its plan (Bijlage 6 step 10); the body judges it: the lead auditor or the
body's admin, nobody from another body. SWN reads it, as part A lists the plans submitted.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.common.access import Step

from .models_audit import CLOSED, PLAN_OPEN, Audit
from .rules_audit import in_status, is_body_admin, judges, team_place

Status = Audit.Status
# From the final report on (the statuses after the concept round).
AFTER_FINAL = CLOSED[CLOSED.index(Status.PLAN_DUE) :]


def is_member_admin(user, audit) -> bool:
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=audit.member)


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


can_write_plan = Step(is_member_admin, in_status(*PLAN_OPEN))
can_review_plan = Step(judges, in_status(Status.PLAN_REVIEW))
# Route c: the member may decline the improvement option (Bijlage 6 step 9c-i).
can_decline_option = Step(
    is_member_admin, lambda audit: audit.route == "c" and audit.status in PLAN_OPEN
)
can_resolve_talks = Step(judges, in_status(Status.PLAN_TALKS))
can_follow_up = Step(judges, in_status(Status.FOLLOW_UP))
# First after the positive advice, again after SWN returned it (Bijlage 6 step 14b).
can_send_summary = Step(judges, in_status(Status.ADVICE_POSITIVE, Status.SUMMARY_RETURNED))
