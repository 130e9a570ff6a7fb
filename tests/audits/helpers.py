"""Small pieces the scope tests share."""

from decimal import Decimal

from kwaliteitslabel.audits.models import CATEGORIES, Scope, ScopeLine
from kwaliteitslabel.members.models import WorkType

SOCIAL = "maatschappelijk werk"
ELDERLY = "ouderenwerk"


def work_type(name: str) -> WorkType:
    return WorkType.objects.get(name=name)


def make_scope(member, name="Hele organisatie 2027", lines=None, **fields) -> Scope:
    """A saved scope; `lines` maps work type names to {category: FTE} (default: 8 FTE employed).

    The member gets the work types of the lines, as it would have on its own page.
    """
    lines = {SOCIAL: {"employed": "8"}} if lines is None else lines
    scope = Scope.objects.create(member=member, name=name, **fields)
    for wt_name, values in lines.items():
        wt = work_type(wt_name)
        member.work_types.add(wt)
        ScopeLine.objects.create(
            scope=scope, work_type=wt, **{k: Decimal(str(v)) for k, v in values.items()}
        )
    return scope


def field(wt: WorkType, key: str) -> str:
    return f"line_{wt.pk}_{key}"


def scope_post(scope=None, member=None, unit="fte", lines=None, **changes) -> dict:
    """What the scope form posts: the stored values of `scope` (or a new scope), plus changes.

    `lines` maps work type names to {category: value as typed}; categories left out stay empty.
    """
    data = {"name": "Hele organisatie 2027", "whole_organisation": "True", "unit": unit}
    if scope is not None:
        data.update(
            name=scope.name,
            whole_organisation=str(scope.whole_organisation),
            notes=scope.notes,
            loaded_version=scope.version,
            locations=[loc.pk for loc in scope.locations.all()],
        )
        for line in scope.lines.all():
            for key in CATEGORIES:
                value = getattr(line, key)
                data[field(line.work_type, key)] = f"{value.normalize():f}" if value else ""
    for wt_name, values in (lines or {}).items():
        wt = work_type(wt_name)
        for key in CATEGORIES:
            data[field(wt, key)] = values.get(key, "")
    data.update(changes)
    return data


def make_audit(world, member=None, body=None, status="requested", variant="body", **fields):
    """An audit of member A by body X (8 FTE, 2019), in `status`, without days or team."""
    from kwaliteitslabel.audits.models import Audit
    from kwaliteitslabel.frameworks.models import Framework

    member = member or world.member_a
    return Audit.objects.create(
        member=member,
        body=body or world.body_x,
        framework=Framework.objects.get(version="2019"),
        scope=make_scope(member, name=f"Scope {Scope.objects.count() + 1}"),
        variant=variant,
        kind=fields.pop("kind", "initial"),
        planned_days=fields.pop("planned_days", Decimal("2.5")),
        requested_by=world.users["member_admin"],
        status=status,
        **fields,
    )
