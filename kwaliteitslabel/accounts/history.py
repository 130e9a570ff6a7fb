"""How changes to role assignments read in an organisation's history."""

from kwaliteitslabel.common.history import Change, changes, value

from .models import RoleAssignment


def role_changes(limit: int = 200, **organisation) -> list[Change]:
    """Changes to the roles at one member or body: role_changes(member_id=...) or (body_id=...)."""
    return changes(
        RoleAssignment.history.filter(**organisation).select_related("user"),
        describe=_describe,
        fields=["role", "trained_on", "branch_knowledge"],
        limit=limit,
    )


def _describe(record) -> str:
    person = record.user.name if record.user else "verwijderde gebruiker"
    return f"rol: {person} als {value(RoleAssignment, 'role', record.role)}"
