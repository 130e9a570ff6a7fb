"""Public calculator: audit days for a scope and the cost per certification body (issue 4)."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import model_validator

from kwaliteitslabel.audits import calculator

from .errors import BAD_BODY

router = Router(tags=["rekenhulp"])


class FteBreakdown(Schema):
    employed: Decimal = Field(Decimal(0), ge=0, description="professionals in dienst")
    hired: Decimal = Field(Decimal(0), ge=0, description="ingehuurde professionals")
    interns: Decimal = Field(Decimal(0), ge=0, description="bedrijfskritische stagiaires")
    volunteers: Decimal = Field(Decimal(0), ge=0, description="bedrijfskritische vrijwilligers")
    management_support: Decimal = Field(Decimal(0), ge=0, description="aansturing en ondersteuning")


class AuditDaysIn(Schema):
    variant: Literal["body", "combined", "peer"]
    fte: Decimal | None = Field(None, gt=0)
    fte_breakdown: FteBreakdown | None = None
    combined_with: Literal["iso", "hkz", "nvvk"] | None = None

    @model_validator(mode="after")
    def one_size(self):
        if (self.fte is None) == (self.fte_breakdown is None):
            raise ValueError("geef 'fte' of 'fte_breakdown', niet allebei en niet geen van beide")
        if self.variant == "combined" and self.combined_with is None:
            raise ValueError(
                "'combined_with' is verplicht bij de variant 'combined' (iso, hkz of nvvk)"
            )
        if self.variant != "combined" and self.combined_with is not None:
            raise ValueError("'combined_with' hoort alleen bij de variant 'combined'")
        return self


class AuditDaysOut(Schema):
    fte_in_scope: float
    band: str | None
    days: float | None
    days_basis: Literal["total", "on_top_of_other_audit"]
    custom: bool
    note: str


class CostIn(Schema):
    days: Decimal = Field(..., gt=0)
    date: datetime.date | None = None
    travel_km: Decimal = Field(Decimal(0), ge=0)


class CostOut(Schema):
    body: str
    day_rate: str
    travel_included: bool
    travel: str
    total_excl_vat: str
    vat: str
    total_incl_vat: str


@router.post("/audit-days", response={200: AuditDaysOut, **BAD_BODY})
def audit_days(request, payload: AuditDaysIn):
    fte = payload.fte
    if payload.fte_breakdown is not None:
        fte = calculator.fte_in_scope(payload.fte_breakdown.dict())
        if fte <= 0:
            raise HttpError(
                422, "fte_breakdown: de som van de meetellende fte moet groter zijn dan 0"
            )
    result = calculator.audit_days(payload.variant, fte, payload.combined_with)
    return {
        "fte_in_scope": float(result.fte_in_scope),
        "band": result.band,
        "days": float(result.days) if result.days is not None else None,
        "days_basis": result.days_basis,
        "custom": result.custom,
        "note": result.note,
    }


@router.post("/cost", response={200: list[CostOut], **BAD_BODY})
def cost(request, payload: CostIn):
    return [
        {
            "body": row.body.name,
            "day_rate": str(row.day_rate),
            "travel_included": row.travel_included,
            "travel": str(row.travel),
            "total_excl_vat": str(row.total_excl_vat),
            "vat": str(row.vat),
            "total_incl_vat": str(row.total_incl_vat),
        }
        for row in calculator.costs(payload.days, payload.date, payload.travel_km)
    ]
