"""A scope's size, audit days and cost: the calculator's rules applied to a saved scope.

Nothing new is reckoned here; the numbers are `calculator`'s, so the scope page, the
public calculator and the API agree. The queries are fixed: the scope's lines come
prefetched, and the bodies are read once (three queries) whatever their number.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from . import calculator
from .models import Scope, ScopeLine

# The variants a scope is shown with: (variant, combined with, name, short name for a column).
VARIANT_ROWS = [
    ("body", None, "Toets door een certificerende instelling (CI)", "CI"),
    ("peer", None, "CI met intercollegiale toets", "CI + intercollegiaal"),
    ("combined", "iso", "CI samen met ISO 9001", "CI + ISO 9001"),
    ("combined", "hkz", "CI samen met HKZ", "CI + HKZ"),
    ("combined", "nvvk", "CI samen met het NVVK-kader", "CI + NVVK"),
]


def scopes_with_lines():
    """Scopes with their member, lines (and work types) and locations: three queries more."""
    return Scope.objects.select_related("member", "created_by").prefetch_related(
        Prefetch("lines", queryset=ScopeLine.objects.select_related("work_type")),
        "locations",
    )


@dataclass
class Category:
    key: str
    label: str
    fte: Decimal
    counted: bool
    why: str = ""


def categories(scope: Scope) -> list[Category]:
    """The FTE per category over all lines, counted first, with the reason where they do not count."""
    totals = scope.breakdown()
    rows = [Category(k, label, totals[k], True) for k, label in calculator.COUNTED.items()]
    rows += [
        Category(k, label, totals[k], False, why)
        for k, (label, why) in calculator.NOT_COUNTED.items()
    ]
    return rows


@dataclass
class VariantDays:
    variant: str
    combined_with: str | None
    label: str
    short: str
    result: calculator.AuditDays
    costs: list[calculator.Cost] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.variant}-{self.combined_with}" if self.combined_with else self.variant


def variant_days(fte: Decimal, on: datetime.date | None = None) -> list[VariantDays]:
    """The days for each variant (or "maatwerk" with its note), by the table in force on `on`."""
    return [
        VariantDays(
            variant,
            combined_with,
            label,
            short,
            calculator.audit_days(variant, fte, combined_with, on),
        )
        for variant, combined_with, label, short in VARIANT_ROWS
    ]


def with_costs(rows: list[VariantDays], on: datetime.date, travel_km=0) -> list[tuple]:
    """Adds to each row with days the cost at every eligible body; returns those (body, rate).

    `calculator.cost` per body and variant, exactly as `calculator.costs` computes it.
    """
    eligible = calculator.eligible_bodies(on)
    for row in rows:
        if row.result.days:
            row.costs = [
                calculator.cost(body, rate, row.result.days, travel_km, on)
                for body, rate in eligible
            ]
    return eligible
