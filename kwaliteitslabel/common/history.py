"""The change history of objects (django-simple-history), as rows people can read."""

from dataclasses import dataclass


@dataclass
class Change:
    when: object
    who: str
    action: str
    object: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)


ACTIONS = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}


def _label(model, field_name):
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return field_name


def _show(value):
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def changes(*querysets, limit=200) -> list[Change]:
    """Every recorded change of the given historical querysets, newest first."""
    records = []
    for qs in querysets:
        records += list(qs.select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    # Pair each record with the older one of the same object in memory (no query per row).
    older: dict = {}
    previous_of = {}
    for record in reversed(records):
        key = (record.instance_type, record.id)
        previous_of[record.history_id, record.instance_type] = older.get(key)
        older[key] = record
    rows = []
    for record in records[:limit]:
        diffs = []
        previous = previous_of[record.history_id, record.instance_type]
        if previous is not None and record.history_type == "~":
            m2m = [f.name for f in record.instance_type._meta.many_to_many]
            delta = record.diff_against(previous, excluded_fields=m2m)
            diffs = [
                (_label(record.instance_type, c.field), _show(c.old), _show(c.new))
                for c in delta.changes
            ]
        user = record.history_user
        rows.append(
            Change(
                when=record.history_date,
                who=str(user) if user else "systeem",
                action=ACTIONS.get(record.history_type, record.history_type),
                object=f"{record.instance_type._meta.verbose_name}: {record.history_object}",
                changes=diffs,
            )
        )
    return rows
