"""Everything that changed at one certification body: its data, conditions, rates and roles.

The body's own records go through `common.history.changes`. Conditions, rates and role
assignments are read here with the same pairing (each record against the previous one
of the same object, in memory), because their `__str__` follows a foreign key (the body,
the person) and `changes()` would then cost one query per record. Here each kind costs
one query, whatever the number of records, and values read as elsewhere in the interface:
"1 juli 2022", "€ 1.200,00", "klachtenprocedure".
"""

import datetime
from decimal import Decimal

from django.utils.formats import date_format

from kwaliteitslabel.accounts.models import RoleAssignment
from kwaliteitslabel.common.history import ACTIONS, Change, changes
from kwaliteitslabel.common.templatetags.kwl import money

from .models import CertificationBody, Condition, DayRate

CONDITION_FIELDS = ["kind", "evidence", "valid_from", "valid_until"]
RATE_FIELDS = [
    "valid_from",
    "day_rate",
    "travel_included",
    "travel_rate_per_km",
    "feedback_price_min",
    "feedback_price_max",
    "feedback_includes_travel",
]
ROLE_FIELDS = ["role", "branch_knowledge"]


def body_changes(body: CertificationBody, limit: int = 200) -> list[Change]:
    """Every recorded change at this body, newest first; four queries."""
    rows = changes(CertificationBody.history.filter(id=body.pk), limit=limit)
    rows += _rows(
        Condition.history.filter(body_id=body.pk),
        Condition,
        CONDITION_FIELDS,
        lambda r: f"voorwaarde: {_value(Condition, 'kind', r.kind)}",
        limit,
    )
    rows += _rows(
        DayRate.history.filter(body_id=body.pk),
        DayRate,
        RATE_FIELDS,
        lambda r: f"tarief vanaf {_value(DayRate, 'valid_from', r.valid_from)}",
        limit,
    )
    rows += _rows(
        RoleAssignment.history.filter(body_id=body.pk).select_related("user"),
        RoleAssignment,
        ROLE_FIELDS,
        lambda r: (
            f"rol: {r.user.name if r.user else 'verwijderde gebruiker'}"
            f" als {_value(RoleAssignment, 'role', r.role)}"
        ),
        limit,
    )
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def _rows(queryset, model, fields, label, limit) -> list[Change]:
    records = list(queryset.select_related("history_user").order_by("-history_date")[:limit])
    records.reverse()
    previous: dict[int, object] = {}
    rows = []
    for record in records:
        diffs = []
        older = previous.get(record.id)
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, included_fields=fields)
            diffs = [
                (
                    _label(model, c.field),
                    _value(model, c.field, c.old),
                    _value(model, c.field, c.new),
                )
                for c in delta.changes
            ]
        previous[record.id] = record
        rows.append(
            Change(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "systeem",
                action=ACTIONS.get(record.history_type, record.history_type),
                object=label(record),
                changes=diffs,
            )
        )
    return rows


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _value(model, name: str, value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return money(value)
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
