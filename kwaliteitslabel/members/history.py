"""Everything that changed at one member: its data, work types, locations and the roles there.

Built on `common.history.changes`. The work types are added here, with one query
whatever the number of records: a many-to-many field, recorded by django-simple-history
as extra records without field changes, shown as one "werksoorten" line per edit.
"""

import datetime
from collections import defaultdict

from kwaliteitslabel.accounts.history import role_changes
from kwaliteitslabel.common.history import ACTIONS, Change, changes, newest_first, who

from .models import Location, Member

# Records of one save (the row, then the work types removed and added) come within moments.
SAME_EDIT = datetime.timedelta(seconds=5)


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
        + role_changes(limit, member_id=member.pk)
    )
    return newest_first(rows, limit=limit)


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
                who=who(end),
                action=ACTIONS["~"],
                object=f"{Member._meta.verbose_name}: {end.name}",
                changes=[("werksoorten", _names(before), _names(after))],
            )
            rows.append((edit[0].history_date, change))
        before = after
    return rows


def _names(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "–"
