"""Every change to a finding or verdict: who, when, old, new (issue 6 item 7).

django-simple-history keeps a record per save, with the sources (interviews, documents)
as they were. Autosave saves every few seconds while someone types, so consecutive
records of one person on one norm within `MERGE` are shown as one change (first old,
last new): the history stays readable and nothing in between was ever seen by others.
Two queries for the records and their sources, whatever their number.
"""

import datetime

from django.apps import apps
from django.db.models import Prefetch

from kwaliteitslabel.common.history import Change, label, value, who

from .models_findings import Finding

MERGE = datetime.timedelta(minutes=10)
FIELDS = ("text", "strengths", "improvement_points", "verdict", "not_applicable_reason")
# The historical many-to-many tables simple-history keeps, and the source each row names.
SOURCES = (
    ("historicalfinding_interviews", "interview"),
    ("historicalfinding_documents", "document"),
)


def _state(record) -> dict[str, str]:
    model = Finding
    state = {label(model, name): value(model, name, getattr(record, name)) for name in FIELDS}
    for m2m, source in SOURCES:
        rows = getattr(record, f"{m2m}_set").all()
        names = sorted(str(getattr(row, source)) for row in rows)
        state[label(model, f"{source}s")] = ", ".join(names) or "–"
    return state


def _blank() -> dict[str, str]:
    blank = {
        label(Finding, n): value(Finding, n, Finding._meta.get_field(n).get_default())
        for n in FIELDS
    }
    return blank | {label(Finding, f"{source}s"): "–" for _m2m, source in SOURCES}


def changes(audit, norm=None, limit=300) -> list[Change]:
    """The changes to the audit's findings (or one norm's), newest first."""
    history = Finding.history.model
    records = history.objects.filter(audit_id=audit.pk)
    if norm is not None:
        records = records.filter(norm=norm)
    records = (
        records.select_related("history_user", "norm__rubric")
        .prefetch_related(
            *(
                Prefetch(
                    f"{m2m}_set",
                    queryset=apps.get_model("audits", m2m).objects.select_related(source),
                )
                for m2m, source in SOURCES
            )
        )
        .order_by("history_date", "history_id")
    )
    rows: list[Change] = []
    last: dict[int, tuple] = {}  # finding id -> (state, row, user id, when)
    for record in records:
        state = _state(record)
        previous = last.get(record.id)
        if previous is None and record.history_type == "+":
            last[record.id] = (state, None, record.history_user_id, record.history_date, state)
            continue
        if previous is None:
            # Findings are made in bulk at the start, without a record: they began blank.
            previous = (_blank(), None, None, None, None)
        before, row, user_id, when, first = previous
        diffs = [(k, before[k], state[k]) for k in state if before[k] != state[k]]
        if not diffs:
            continue
        if (
            row is not None
            and user_id == record.history_user_id
            and record.history_date - when < MERGE
        ):
            # One sitting: compare with the state before the sitting began.
            row.changes = [(k, first[k], state[k]) for k in state if first[k] != state[k]]
            row.when = record.history_date
        else:
            first = before
            row = Change(
                when=record.history_date,
                who=who(record),
                action="gewijzigd",
                object=f"{record.norm.code} · {record.norm.label}",
                changes=diffs,
            )
            rows.append(row)
        last[record.id] = (state, row, record.history_user_id, record.history_date, first)
    rows = [row for row in rows if row.changes]
    rows.reverse()
    return rows[:limit]
