"""Who may build, see and delete scopes, and set the full-time week (issue 4).

A member admin builds the scopes of their own member; SWN staff may look at any scope
but not change it. For everyone else the pages are not there: 403 for a page that is
not for the role at all, 404 for a member or scope outside the user's allowed set.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role


def can_use_scopes(user) -> bool:
    """Are the scope pages for this user's role at all?"""
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.MEMBER_ADMIN)


def can_build_scopes(user) -> bool:
    """Are the pages that change scopes for this user's role at all?"""
    return accounts.has_role(user, Role.MEMBER_ADMIN)


def can_view_scopes(user, member) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.MEMBER_ADMIN, member=member)


def can_edit_scopes(user, member) -> bool:
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=member)


def can_view_scope(user, scope) -> bool:
    return can_view_scopes(user, scope.member)


def can_edit_scope(user, scope) -> bool:
    return can_edit_scopes(user, scope.member)


def can_manage_full_time_week(user) -> bool:
    return accounts.is_swn_staff(user)
