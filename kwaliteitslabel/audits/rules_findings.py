"""Who may record, read and close an audit's findings (issue 6).

The team records; the body's admin reads along (Bijlage 7: part B is for the CI and the
member). The member sees the progress, and after closing the result per rubric that the
lead tells orally (Bijlage 5 B5); the texts reach it with the report. SWN gets part A only.
"""

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import has_role
from kwaliteitslabel.common.access import Step

from .models_audit import CLOSED, REPORTED, Audit
from .rules_audit import in_status, is_body_admin, is_lead, judges, team_place

Status = Audit.Status
# Sources may be listed while preparing (documents read beforehand) and on the audit days.
SOURCES_OPEN = (Status.ACCEPTED, Status.STARTED)
# Findings are recorded on the audit days, and by the lead while the member's corrections come
# in (Bijlage 6 step 8: the body corrects factual errors before the report is final).
CORRECTING = (Status.DRAFT_REPORT, Status.MEMBER_REACTED)
RECORDING = (Status.STARTED, *CORRECTING)


def can_read_findings(user, audit) -> bool:
    if audit.status in REPORTED and has_role(user, Role.MEMBER_ADMIN, member=audit.member):
        return True
    return (audit.status == Status.STARTED or audit.status in CLOSED) and (
        team_place(user, audit) is not None or is_body_admin(user, audit)
    )


def can_record(user, audit) -> bool:
    """The team while the audit runs; the lead while the member's corrections come in
    (Bijlage 6 step 8: the body corrects factual errors before the report is final)."""
    if audit.status in CORRECTING:
        return is_lead(user, audit)
    return audit.status in RECORDING and team_place(user, audit) is not None


def can_read_sources(user, audit) -> bool:
    return team_place(user, audit) is not None or is_body_admin(user, audit)


def can_edit_sources(user, audit) -> bool:
    return audit.status in SOURCES_OPEN and team_place(user, audit) is not None


can_close = Step(is_lead, in_status(Status.STARTED))


def can_read_history(user, audit) -> bool:
    """Bijlage 9 "verantwoording": the lead and the body see every change."""
    return is_lead(user, audit) or is_body_admin(user, audit)


can_send_draft = Step(judges, in_status(Status.FINDINGS_CLOSED))
can_react = Step(
    lambda user, audit: has_role(user, Role.MEMBER_ADMIN, member=audit.member),
    in_status(Status.DRAFT_REPORT),
)
can_finalize = Step(judges, in_status(Status.DRAFT_REPORT, Status.MEMBER_REACTED))
