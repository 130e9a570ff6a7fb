"""Who may do what with people, roles and invitations; and the role facts other rules build on.

Every rule is a plain function of the user (and an object), used by views, API and templates.
"""

from .models import BODY_ROLES, MEMBER_ROLES, MFA_ROLES, SWN_ROLES, Role, RoleAssignment


def assignments(user) -> list[RoleAssignment]:
    """The user's roles, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        cache = list(RoleAssignment.objects.filter(user=user).select_related("member", "body"))
        user._role_cache = cache
    return cache


def has_role(user, *roles, member=None, body=None) -> bool:
    for a in assignments(user):
        if a.role not in roles:
            continue
        if member is not None and a.member_id != member.pk:
            continue
        if body is not None and a.body_id != body.pk:
            continue
        return True
    return False


def member_ids(user, *roles) -> set[int]:
    roles = roles or tuple(MEMBER_ROLES)
    return {a.member_id for a in assignments(user) if a.role in roles}


def body_ids(user, *roles) -> set[int]:
    roles = roles or tuple(BODY_ROLES)
    return {a.body_id for a in assignments(user) if a.role in roles}


def emails(**lookup) -> list[str]:
    """The e-mail addresses of the people with a role, e.g. emails(role=..., body=body)."""
    return list(RoleAssignment.objects.filter(**lookup).values_list("user__email", flat=True))


def member_contacts(member) -> list[str]:
    """Who hears about the member's certificate: its main contact and its admins (B6 15)."""
    return [member.email, *emails(role=Role.MEMBER_ADMIN, member=member)]


def is_swn_staff(user) -> bool:
    """Secretariat and advisers run the scheme; governance only reads."""
    return has_role(user, Role.SWN_SECRETARIAT, Role.SWN_ADVISER)


def needs_mfa(user) -> bool:
    return any(a.role in MFA_ROLES for a in assignments(user))


def invitable_roles(user, member=None, body=None) -> list[str]:
    """Which roles this user may invite someone to, at this organisation.

    SWN invites member admins and body admins (and SWN colleagues); a member admin
    invites colleagues, professionals and peer auditors; a body admin invites auditors
    and fellow admins (issue 3).
    """
    if member is not None:
        roles = set()
        if is_swn_staff(user):
            roles.add(Role.MEMBER_ADMIN)
        if has_role(user, Role.MEMBER_ADMIN, member=member):
            roles |= MEMBER_ROLES
        return [r for r in Role.values if r in roles]
    if body is not None:
        roles = set()
        if is_swn_staff(user):
            roles.add(Role.BODY_ADMIN)
        if has_role(user, Role.BODY_ADMIN, body=body):
            roles |= BODY_ROLES
        return [r for r in Role.values if r in roles]
    return (
        [r for r in Role.values if r in SWN_ROLES] if has_role(user, Role.SWN_SECRETARIAT) else []
    )


def can_invite(user, role, member=None, body=None) -> bool:
    return role in invitable_roles(user, member=member, body=body)


def must_sign_code_of_conduct(user) -> bool:
    """Auditors and peer auditors sign the code of conduct (Bijlage 9; Bijlage 6 step 2b)."""
    return has_role(user, Role.AUDITOR, Role.PEER_AUDITOR)


def can_invite_at(user, member=None, body=None) -> bool:
    """May this user invite anyone at this organisation (and see who was invited there)?

    For the "Nodig iemand uit" link on member and body pages.
    """
    return bool(invitable_roles(user, member=member, body=body))


def can_invite_swn(user) -> bool:
    return bool(invitable_roles(user))


def can_sign_code_of_conduct(user) -> bool:
    return must_sign_code_of_conduct(user)


def member_admin_of(user) -> list:
    """The members this user keeps as member admin."""
    return [a.member for a in assignments(user) if a.role == Role.MEMBER_ADMIN]


def body_admin_of(user) -> list:
    """The bodies this user keeps as body admin."""
    return [a.body for a in assignments(user) if a.role == Role.BODY_ADMIN]
