"""Who may join an audit's team, and in which role (Bijlage 5 A7, chapter 2.2).

A plain function of the facts, so the form, a command and the tests ask the same question.
In a peer cluster the rotation says whose peers audit at which member (`rotation.py`).
"""

from kwaliteitslabel.accounts.models import Role, RoleAssignment

from . import clusters, rotation
from .models_audit import Audit, TeamMember


def rotation_members(audit: Audit) -> list | None:
    """The members whose peers audit at this audit's member per its cluster; None without one."""
    if audit.cluster_id is None:
        return None
    return clusters.auditing_members(audit.cluster, audit.member)


def _rotation_problem(audit: Audit, user, assignments, allowed: list) -> str | None:
    if any(a.member_id in {m.pk for m in allowed} for a in assignments):
        return None
    if not allowed:
        return (
            f"Volgens de rotatie van cluster {audit.cluster} toetsen er geen branchetoetsers "
            f"bij {audit.member}."
        )
    return (
        f"Volgens de rotatie van cluster {audit.cluster} toetsen branchetoetsers van "
        f"{rotation.names(allowed)} bij {audit.member}; {user.name} werkt bij geen van "
        f"{'beide' if len(allowed) == 2 else 'die leden'}."
    )


def problems(audit: Audit, user, role: str, assignments=None) -> list[str]:
    """Why `user` cannot take `role` in the team; empty when they can."""
    assignments = (
        list(RoleAssignment.objects.filter(user=user)) if assignments is None else assignments
    )
    found = []
    # Bijlage 5 A7: nobody audits the organisation they work for.
    if any(a.member_id == audit.member_id for a in assignments):
        found.append(
            f"{user.name} werkt bij {audit.member} en mag die organisatie niet toetsen "
            "(onafhankelijkheid, Bijlage 5 A7)."
        )
    if role in (TeamMember.Role.LEAD, TeamMember.Role.AUDITOR):
        if not any(a.role == Role.AUDITOR and a.body_id == audit.body_id for a in assignments):
            found.append(f"{user.name} is geen auditor van {audit.body}.")
    elif role == TeamMember.Role.PEER_AUDITOR:
        if audit.variant != Audit.Variant.PEER:
            found.append("Branchetoetsers doen alleen mee bij een intercollegiale toets.")
        elif not any(a.role == Role.PEER_AUDITOR and a.trained_on for a in assignments):
            found.append(f"{user.name} is geen getrainde branchetoetser.")
        elif (allowed := rotation_members(audit)) is not None and (
            problem := _rotation_problem(audit, user, assignments, allowed)
        ):
            found.append(problem)
    if role == TeamMember.Role.LEAD and audit.team.filter(role=TeamMember.Role.LEAD).exists():
        found.append("Het team heeft al een teamleider.")
    if audit.team.filter(user=user).exists():
        found.append(f"{user.name} zit al in het team.")
    return found


def candidates(audit: Audit) -> list[tuple[int, str]]:
    """(user id, label) of the people who could join: the body's auditors, trained peers.

    In a cluster, only the peers of the members the rotation sends to this member.
    """
    roles = [Role.AUDITOR] + ([Role.PEER_AUDITOR] if audit.variant == Audit.Variant.PEER else [])
    taken = set(audit.team.values_list("user_id", flat=True))
    employed = set(
        RoleAssignment.objects.filter(member=audit.member).values_list("user_id", flat=True)
    )
    allowed = rotation_members(audit)
    in_rotation = (
        None
        if allowed is None
        else set(
            RoleAssignment.objects.filter(member__in=allowed).values_list("user_id", flat=True)
        )
    )
    rows = RoleAssignment.objects.filter(role__in=roles).select_related("user", "body", "member")
    result = {}
    for a in rows.order_by("user__name"):
        if a.user_id in taken or a.user_id in employed:
            continue
        if a.role == Role.AUDITOR and a.body_id == audit.body_id:
            result.setdefault(a.user_id, f"{a.user.name} (auditor, {a.body})")
        elif a.role == Role.PEER_AUDITOR and a.trained_on:
            if in_rotation is not None and a.user_id not in in_rotation:
                continue
            result.setdefault(a.user_id, f"{a.user.name} (branchetoetser, {a.member})")
    return list(result.items())
