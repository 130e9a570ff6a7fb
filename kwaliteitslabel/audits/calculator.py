"""Scope size, audit days and cost: plain functions of plain values (issue 4).

The numbers come from data/audit_days.yaml (handbook chapter 2.5) and from each body's
day rates (Bijlage 10); nothing here is a constant of the scheme.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parents[1] / "frameworks" / "data" / "audit_days.yaml"
CENT = Decimal("0.01")
VARIANTS = ("body", "combined", "peer")
COMBINED_WITH = ("iso", "hkz", "nvvk")

# FTE categories of the scope (DOMAIN.md "Scope and FTE"; handbook 2.4-2.5, Bijlage 2).
COUNTED = {
    "employed": "professionals in dienst",
    "hired": "ingehuurde professionals (derden, zzp'ers, flexibele schil)",
    "interns": "bedrijfskritische stagiaires",
    "volunteers": "bedrijfskritische vrijwilligers",
    "management_support": "aansturing en ondersteuning",
}
NOT_COUNTED = {
    "other_volunteers": (
        "overige vrijwilligers",
        "Vrijwilligers die hand- en spandiensten verlenen tellen niet mee (Bijlage 2).",
    ),
    "snuffel_interns": (
        "snuffelstagiaires",
        "Stagiaires die een of enkele weken meelopen tellen niet mee (Bijlage 2).",
    ),
}


class CalculatorError(ValueError):
    """Bad input; `field` names what is wrong, `message` says it in Dutch."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Band:
    label: str
    upper: Decimal
    body: Decimal
    peer: Decimal
    combined_on_top: Decimal


@dataclass(frozen=True)
class Table:
    valid_from: datetime.date
    source: str
    bands: tuple[Band, ...]
    custom_above: str
    custom_combined_with: dict


@dataclass(frozen=True)
class Data:
    tables: tuple[Table, ...]
    vat: tuple[tuple[datetime.date, Decimal], ...]
    full_time_hours_default: Decimal


@lru_cache(maxsize=1)
def data() -> Data:
    raw = yaml.safe_load(DATA_FILE.read_text())
    tables = []
    for t in raw["tables"]:
        bands = tuple(
            Band(
                b["label"],
                Decimal(b["upper"]),
                Decimal(b["body"]),
                Decimal(b["peer"]),
                Decimal(b["combined_on_top"]),
            )
            for b in t["bands"]
        )
        if [b.upper for b in bands] != sorted(b.upper for b in bands):
            raise ValueError(
                f"{DATA_FILE.name}: bands of {t['valid_from']} are not in ascending order"
            )
        tables.append(
            Table(
                t["valid_from"],
                t["source"],
                bands,
                t["custom"]["above_fte"],
                t["custom"]["combined_with"],
            )
        )
    return Data(
        tables=tuple(sorted(tables, key=lambda t: t.valid_from)),
        vat=tuple(sorted((v["valid_from"], Decimal(v["rate"])) for v in raw["vat"])),
        full_time_hours_default=Decimal(raw["full_time_hours_default"]),
    )


def _on(on: datetime.date | None) -> datetime.date:
    return on or datetime.date.today()


def table_on(on: datetime.date | None = None) -> Table:
    tables = [t for t in data().tables if t.valid_from <= _on(on)]
    return tables[-1] if tables else data().tables[0]


def vat_rate(on: datetime.date | None = None) -> Decimal:
    rates = [rate for start, rate in data().vat if start <= _on(on)]
    return rates[-1] if rates else data().vat[0][1]


# --- FTE ---------------------------------------------------------------------------------


def hours_to_fte(hours_per_week, full_time_hours=None) -> Decimal:
    """Hours per week as FTE, at the full-time week SWN sets (36 hours by default)."""
    full_time = Decimal(full_time_hours or data().full_time_hours_default)
    hours = Decimal(hours_per_week)
    if hours < 0:
        raise CalculatorError("hours", "Het aantal uren kan niet negatief zijn.")
    if full_time <= 0:
        raise CalculatorError("full_time_hours", "Een voltijdse werkweek heeft meer dan 0 uur.")
    return hours / full_time


def fte_in_scope(breakdown: dict) -> Decimal:
    """The FTE that count: employed, hired, business-critical interns and volunteers, management."""
    total = Decimal(0)
    for key, value in breakdown.items():
        if key not in COUNTED and key not in NOT_COUNTED:
            raise CalculatorError(key, "Deze categorie kent de rekenhulp niet.")
        amount = Decimal(str(value or 0))
        if amount < 0:
            raise CalculatorError(key, "Fte kan niet negatief zijn.")
        if key in COUNTED:
            total += amount
    return total


# --- audit days --------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditDays:
    fte_in_scope: Decimal
    band: str | None
    days: Decimal | None
    days_basis: str  # "total" or "on_top_of_other_audit"
    custom: bool
    note: str
    source: str = field(default="")


def audit_days(
    variant: str, fte, combined_with: str | None = None, on: datetime.date | None = None
) -> AuditDays:
    """Days per audit for a variant and scope size (handbook 2.5)."""
    if variant not in VARIANTS:
        raise CalculatorError("variant", "Kies een toetsingsvariant: body, combined of peer.")
    fte = Decimal(str(fte))
    if fte <= 0:
        raise CalculatorError("fte", "Het aantal fte in de scope moet groter zijn dan 0.")
    if variant == "combined" and combined_with not in COMBINED_WITH:
        raise CalculatorError(
            "combined_with", "Kies waarmee de toets wordt gecombineerd: iso, hkz of nvvk."
        )
    if variant != "combined" and combined_with is not None:
        raise CalculatorError(
            "combined_with", "Alleen de combinatietoets wordt met een ander kader gecombineerd."
        )
    table = table_on(on)
    basis = "on_top_of_other_audit" if variant == "combined" else "total"
    band = next((b for b in table.bands if fte <= b.upper), None)
    if variant == "combined" and combined_with in table.custom_combined_with:
        note = " ".join(table.custom_combined_with[combined_with].split())
        return AuditDays(fte, band.label if band else None, None, basis, True, note, table.source)
    if band is None:
        return AuditDays(
            fte, None, None, basis, True, " ".join(table.custom_above.split()), table.source
        )
    if variant == "combined":
        days = band.combined_on_top
        note = f"{days_text(days)} bovenop de gemiddelde {combined_with.upper()}-audittijd, inclusief planning, voorbereiding en rapportage."
    elif variant == "peer":
        days = band.peer
        note = f"{days_text(days)} voor de CI, inclusief 0,5 dag voor planning, instructie en evaluatie van de intercollegiale toets; branchetoetsers tellen niet mee."
    else:
        days = band.body
        note = f"{days_text(days)}, inclusief planning, voorbereiding en rapportage."
    return AuditDays(fte, band.label, days, basis, False, note, table.source)


def days_text(days: Decimal) -> str:
    text = f"{days.normalize():f}".replace(".", ",")
    return f"{text} {'dag' if days == 1 else 'dagen'}"


# --- cost --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    body: object  # CertificationBody
    rate: object  # DayRate
    days: Decimal
    day_rate: Decimal
    travel_km: Decimal
    travel: Decimal
    travel_included: bool
    total_excl_vat: Decimal
    vat: Decimal
    total_incl_vat: Decimal


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def cost(body, rate, days, travel_km=0, on: datetime.date | None = None) -> Cost:
    """Days x the day rate, plus travel where the body charges it; VAT apart (Bijlage 10)."""
    days, travel_km = Decimal(str(days)), Decimal(str(travel_km or 0))
    if days <= 0:
        raise CalculatorError("days", "Het aantal dagen moet groter zijn dan 0.")
    if travel_km < 0:
        raise CalculatorError("travel_km", "Het aantal kilometers kan niet negatief zijn.")
    travel = (
        Decimal("0.00") if rate.travel_included else _cents(travel_km * rate.travel_rate_per_km)
    )
    excl = _cents(days * rate.day_rate) + travel
    vat = _cents(excl * vat_rate(on))
    return Cost(
        body,
        rate,
        days,
        rate.day_rate,
        travel_km,
        travel,
        rate.travel_included,
        excl,
        vat,
        excl + vat,
    )


def eligible_bodies(on: datetime.date | None = None) -> list[tuple[object, object]]:
    """(body, rate) for every body that meets SWN's conditions on that date and has a rate then.

    Three queries, whatever the number of bodies.
    """
    from kwaliteitslabel.bodies.models import CertificationBody

    on = _on(on)
    rows = []
    for body in CertificationBody.objects.prefetch_related("conditions", "rates").order_by("name"):
        rate = body.rate_on(on)
        if rate is not None and body.may_audit(on):
            rows.append((body, rate))
    return rows


def costs(days, on: datetime.date | None = None, travel_km=0) -> list[Cost]:
    """The cost at every body that meets SWN's conditions on that date and has a rate then."""
    on = _on(on)
    return [cost(body, rate, days, travel_km, on) for body, rate in eligible_bodies(on)]
