"""Who may see and do what with certificates (issue 9).

The public sees the register and the verification of a number, nothing more. A
certificate's page with its history is for SWN, the member's admins and professionals,
and the body that audited. The press kit and the logo are for the member's admins, and
the logo only while the certificate is valid (hoofdstuk 2.7). The secretariat issues and
sets the reminder moments.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role


def can_issue(user) -> bool:
    return accounts.has_role(user, Role.SWN_SECRETARIAT)


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
