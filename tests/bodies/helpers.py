"""Bodies with conditions and rates for the tests; the rates are those of Bijlage 10."""

import datetime
from decimal import Decimal

from django.utils import timezone

from kwaliteitslabel.bodies.models import Condition, DayRate

ISO = Condition.Kind.ACCREDITATION_ISO17021
HKZ = Condition.Kind.ACCREDITATION_HKZ
INSURANCE = Condition.Kind.LIABILITY_INSURANCE
COMPLAINTS = Condition.Kind.COMPLAINTS_PROCEDURE


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def add_condition(body, kind, *, valid_from=None, valid_until=None, evidence="bewijs"):
    return Condition.objects.create(
        body=body,
        kind=kind,
        evidence=evidence,
        valid_from=valid_from or today() - days(365),
        valid_until=valid_until,
    )


def meets_all_conditions(body, accreditation=ISO):
    """Valid accreditation, insurance and complaints procedure today (Bijlage 5 A)."""
    return [
        add_condition(body, accreditation, valid_until=today() + days(400)),
        add_condition(body, INSURANCE, valid_until=today() + days(400)),
        add_condition(body, COMPLAINTS),
    ]


def ciio_rates(body):
    """Bijlage 10: € 1.175 a day plus € 0,45/km; € 1.200 from 1 July 2022; feedback € 500-750."""
    common = {
        "travel_rate_per_km": Decimal("0.45"),
        "feedback_price_min": Decimal("500.00"),
        "feedback_price_max": Decimal("750.00"),
        "feedback_includes_travel": False,
    }
    return [
        DayRate.objects.create(
            body=body, valid_from=datetime.date(2021, 1, 1), day_rate=Decimal("1175.00"), **common
        ),
        DayRate.objects.create(
            body=body, valid_from=datetime.date(2022, 7, 1), day_rate=Decimal("1200.00"), **common
        ),
    ]


def lrqa_rate(body):
    """Bijlage 10: € 1.250 a day including travel; feedback € 600 excluding travel."""
    return DayRate.objects.create(
        body=body,
        valid_from=datetime.date(2021, 1, 1),
        day_rate=Decimal("1250.00"),
        travel_included=True,
        feedback_price_min=Decimal("600.00"),
        feedback_includes_travel=False,
    )
