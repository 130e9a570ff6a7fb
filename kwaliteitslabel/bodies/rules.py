"""Who may see and change certification bodies, their conditions and rates."""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role


def can_list_bodies(user) -> bool:
    return accounts.is_swn_staff(user)


def can_create_body(user) -> bool:
    return accounts.is_swn_staff(user)


def can_view_body(user, body) -> bool:
    return accounts.is_swn_staff(user) or body.pk in accounts.body_ids(user)


def can_edit_body(user, body) -> bool:
    """Body admins keep their own body's data, rates and conditions; SWN all of them."""
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.BODY_ADMIN, body=body)


def can_set_framework_agreement(user) -> bool:
    return accounts.is_swn_staff(user)


def can_view_history(user, body=None) -> bool:
    return accounts.is_swn_staff(user)


def can_invite_people(user, body) -> bool:
    """SWN invites a body's admins; a body admin invites auditors and fellow admins (accounts)."""
    return accounts.can_invite_at(user, body=body)


def can_manage_tokens(user, body) -> bool:
    """API tokens act for the body: only its own admins make and revoke them, not SWN (issue 11)."""
    return accounts.has_role(user, Role.BODY_ADMIN, body=body)
