"""Who may see and do what with certificates (issue 9).

The public sees the register and the verification of a number, nothing more. A
certificate's page with its history is for SWN, the member's admins and professionals,
and the body that audited. The press kit and the logo are for the member's admins, and
the logo only while the certificate is valid (hoofdstuk 2.7). The secretariat issues and
sets the reminder moments.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.rules_audit import in_status
from kwaliteitslabel.common.access import Step


def can_issue(user) -> bool:
    return accounts.has_role(user, Role.SWN_SECRETARIAT)


# Issuing itself (the form's POST): from an audit whose part A SWN confirmed (Bijlage 6
# stap 15). The page opens in any status, to say why it cannot be issued.
can_issue_from = Step(lambda user, audit: can_issue(user), in_status(Audit.Status.SUMMARY_ACCEPTED))


def can_set_reminders(user) -> bool:
    return accounts.has_role(user, Role.SWN_SECRETARIAT)


def can_see_overview(user) -> bool:
    """SWN's list of certificates by status; the governance reads it as well."""
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.GOVERNANCE)


def can_read(user, certificate) -> bool:
    return (
        can_see_overview(user)
        or certificate.member_id in accounts.member_ids(user, Role.MEMBER_ADMIN, Role.PROFESSIONAL)
        or certificate.body_id in accounts.body_ids(user, Role.BODY_ADMIN)
    )


def can_use_press_kit(user, certificate) -> bool:
    return accounts.is_swn_staff(user) or certificate.member_id in accounts.member_ids(
        user, Role.MEMBER_ADMIN
    )
