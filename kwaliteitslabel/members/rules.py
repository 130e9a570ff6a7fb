"""Who may see and change member organisations."""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role


def can_list_members(user) -> bool:
    return accounts.is_swn_staff(user)


def can_create_member(user) -> bool:
    return accounts.is_swn_staff(user)


def can_view_member(user, member) -> bool:
    return accounts.is_swn_staff(user) or member.pk in accounts.member_ids(user)


def can_edit_member(user, member) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.MEMBER_ADMIN, member=member)


def can_set_member_number(user) -> bool:
    """The lidnummer and the membership dates are SWN's to set (issue 3)."""
    return accounts.is_swn_staff(user)


def can_view_history(user, member=None) -> bool:
    return accounts.is_swn_staff(user)


def can_manage_work_types(user) -> bool:
    return accounts.is_swn_staff(user)
