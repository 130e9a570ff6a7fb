"""The change history of objects (django-simple-history), as rows people can read.

Each record is compared with the previous record of the same object in memory, so a
page costs one query per kind of object, whatever the number of records. Values read
as elsewhere in the interface: "1 juli 2022", "€ 1.200,00", "ja", choice labels.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from .templatetags.kwl import dutch_number, money


@dataclass
class Change:
    when: object
    who: str
    action: str
    object: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)


ACTIONS = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}


def label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return name


def value(model, name: str, raw) -> str:
    if raw in (None, ""):
        return "–"
    if isinstance(raw, bool):
        return "ja" if raw else "nee"
    if isinstance(raw, datetime.date):
        return date_format(raw, "j F Y")
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return str(raw)
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(raw, Decimal):
        return money(raw) if "€" in str(field.verbose_name) else dutch_number(raw, 2)
    return str(raw)


def who(record) -> str:
    return str(record.history_user) if record.history_user else "systeem"


def _describe(record) -> str:
    return f"{record.instance_type._meta.verbose_name}: {record.history_object}"


def changes(queryset, describe=_describe, fields=None, limit=200) -> list[Change]:
    """Every recorded change in a historical queryset, newest first.

    `describe(record)` names the object; give one that reads only what the queryset
    selects (e.g. `.select_related("user")`) to keep to one query. `fields` limits the
    compared fields; many-to-many fields are never compared here (their records carry
    no field changes; an app that shows them pairs them itself).
    """
    records = list(queryset.select_related("history_user").order_by("-history_date")[:limit])
    records.reverse()
    previous: dict = {}
    rows = []
    for record in records:
        model = record.instance_type
        diffs = []
        older = previous.get(record.id)
        if older is not None and record.history_type == "~":
            m2m = [f.name for f in model._meta.many_to_many]
            delta = (
                record.diff_against(older, included_fields=fields)
                if fields
                else record.diff_against(older, excluded_fields=m2m)
            )
            diffs = [
                (label(model, c.field), value(model, c.field, c.old), value(model, c.field, c.new))
                for c in delta.changes
            ]
        previous[record.id] = record
        rows.append(
            Change(
                when=record.history_date,
                who=who(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                object=describe(record),
                changes=diffs,
            )
        )
    rows.reverse()
    return rows


def newest_first(*groups: list[Change], limit=200) -> list[Change]:
    rows = [row for group in groups for row in group]
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]
