"""Who reads the sector's trends (issue 10): SWN's staff and the governance (beheercommissie,
Raad van Toezicht). Reports are confidential (Bijlage 9): no group smaller than
`MIN_GROUP` audits is shown, so no single member's verdicts can be read from a trend."""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role

# Issue 10 item 5: "a breakdown with fewer than 5 audits behind it is not shown".
MIN_GROUP = 5


def can_read_trends(user) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.GOVERNANCE)


def can_read_own_selfcheck(user) -> bool:
    """A member's admins, for their own member only: they read its final report (reports.rules,
    Bijlage 7) and its consolidated self-assessment (selfassessment.rules.can_manage).
    Professionals read neither, so they do not see the two side by side either."""
    return bool(accounts.member_admin_of(user))
