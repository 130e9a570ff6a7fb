"""The size bands (FTE in scope) a trend can be filtered on: the bands of the audit-days
table (handbook chapter 2.5, in audits/calculator), so a member knows its band from the
calculator, and one band above the table's end."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from kwaliteitslabel.audits import calculator
from kwaliteitslabel.audits.models import ScopeLine


@dataclass(frozen=True)
class SizeBand:
    label: str
    low: Decimal  # exclusive
    high: Decimal | None  # inclusive; None: no upper bound

    def q(self, field: str) -> Q:
        found = Q(**{f"{field}__gt": self.low})
        return found & Q(**{f"{field}__lte": self.high}) if self.high is not None else found


def size_bands() -> list[SizeBand]:
    found, low = [], Decimal(0)
    for band in calculator.table_on().bands:
        found.append(SizeBand(f"{band.label} fte", low, band.upper))
        low = band.upper
    found.append(SizeBand(f"meer dan {low} fte", low, None))
    return found


def band(label: str) -> SizeBand | None:
    return next((b for b in size_bands() if b.label == label), None)


def fte_in_scope():
    """An audit's FTE in scope in SQL: the counted categories of its scope's lines, as
    calculator.fte_in_scope adds them (DOMAIN.md "Scope and FTE")."""
    counted = sum((F(key) for key in calculator.COUNTED), Value(Decimal(0)))
    lines = (
        ScopeLine.objects.filter(scope=OuterRef("scope"))
        .values("scope")
        .annotate(total=Sum(counted))
        .values("total")
    )
    output = DecimalField(max_digits=12, decimal_places=4)
    return Coalesce(Subquery(lines, output_field=output), Value(Decimal(0)), output_field=output)
