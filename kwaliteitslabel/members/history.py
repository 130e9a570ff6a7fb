"""Everything that changed at one member: its data, work types, locations and the roles there.

Built on `common.history.changes`. Two things that function leaves out are added here,
each with one query whatever the number of records: the work types (a many-to-many
field, recorded by django-simple-history as extra records without field changes) and
the role assignments (whose names need the person, read with a join, not per row).
"""

import datetime
import re
from collections import defaultdict

from django.utils.formats import date_format

from kwaliteitslabel.accounts.models import Role, RoleAssignment
from kwaliteitslabel.common.history import ACTIONS, Change, changes

from .models import Location, Member

# Records of one save (the row, then the work types removed and added) come within moments.
SAME_EDIT = datetime.timedelta(seconds=5)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ROLE_FIELDS = ["role", "trained_on", "branch_knowledge"]


def member_changes(member: Member, limit: int = 200) -> list[Change]:
    """Every recorded change at this member, newest first; a fixed number of queries."""
    member_rows = [
        row
        for row in changes(Member.history.filter(id=member.pk), limit=limit)
        # A record with no field changes is the trace of a work-type change (shown below).
        if row.action != ACTIONS["~"] or row.changes
    ]
    for started, work_types in _work_type_changes(member, limit):
        # The same save changed fields too: one row for the whole edit.
        same_edit = next(
            (
                row
                for row in member_rows
                if row.who == work_types.who and started <= row.when <= work_types.when
            ),
            None,
        )
        if same_edit is not None:
            same_edit.changes += work_types.changes
        else:
            member_rows.append(work_types)
    rows = (
        member_rows
        + changes(Location.history.filter(member_id=member.pk), limit=limit)
        + _role_changes(member, limit)
    )
    for row in rows:
        row.changes = [
            (label, _dutch_date(old), _dutch_date(new)) for label, old, new in row.changes
        ]
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def _dutch_date(text: str) -> str:
    """ "2015-01-01" as "1 januari 2015", as everywhere else in the interface."""
    if ISO_DATE.fullmatch(text):
        try:
            return date_format(datetime.date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    return text


def _who(record) -> str:
    return str(record.history_user) if record.history_user else "systeem"


def _work_type_changes(member: Member, limit: int) -> list[tuple[datetime.datetime, Change]]:
    """Per edit that changed the work types: when the edit started, and the change."""
    records = list(
        Member.history.filter(id=member.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    records.reverse()
    through = Member.history.model.work_types.model
    names = defaultdict(set)
    for history_id, name in through.objects.filter(history__id=member.pk).values_list(
        "history_id", "worktype__name"
    ):
        names[history_id].add(name or "verwijderde werksoort")

    # One edit = a run of records by the same person within moments of each other.
    edits: list[list] = []
    for record in records:
        last = edits[-1][-1] if edits else None
        if (
            last is not None
            and last.history_user_id == record.history_user_id
            and record.history_date - last.history_date <= SAME_EDIT
        ):
            edits[-1].append(record)
        else:
            edits.append([record])

    rows = []
    before: set[str] = set()
    for edit in edits:
        after = names[edit[-1].history_id]
        if after != before:
            end = edit[-1]
            change = Change(
                when=end.history_date,
                who=_who(end),
                action=ACTIONS["~"],
                object=f"{Member._meta.verbose_name}: {end.name}",
                changes=[("werksoorten", _names(before), _names(after))],
            )
            rows.append((edit[0].history_date, change))
        before = after
    return rows


def _names(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "–"


def _role_changes(member: Member, limit: int) -> list[Change]:
    records = list(
        RoleAssignment.history.filter(member_id=member.pk)
        .select_related("history_user", "user")
        .order_by("-history_date")[:limit]
    )
    records.reverse()
    previous: dict[int, object] = {}
    rows = []
    for record in records:
        diffs = []
        older = previous.get(record.id)
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, included_fields=ROLE_FIELDS)
            diffs = [
                (_role_label(c.field), _role_value(c.field, c.old), _role_value(c.field, c.new))
                for c in delta.changes
            ]
        previous[record.id] = record
        person = record.user.name if record.user else "verwijderde gebruiker"
        rows.append(
            Change(
                when=record.history_date,
                who=_who(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                object=f"rol: {person} als {_role_value('role', record.role)}",
                changes=diffs,
            )
        )
    return rows


def _role_label(field: str) -> str:
    return str(RoleAssignment._meta.get_field(field).verbose_name)


def _role_value(field: str, value) -> str:
    if value in (None, ""):
        return "–"
    if field == "role":
        return Role(value).label if value in Role.values else value
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)
