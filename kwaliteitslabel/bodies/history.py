"""Everything that changed at one certification body: its data, conditions, rates and roles."""

from kwaliteitslabel.accounts.history import role_changes
from kwaliteitslabel.common.history import Change, changes, newest_first, value

from .models import CertificationBody, Condition, DayRate


def body_changes(body: CertificationBody, limit: int = 200) -> list[Change]:
    """Every recorded change at this body, newest first; one query per kind of object."""
    return newest_first(
        changes(CertificationBody.history.filter(id=body.pk), limit=limit),
        changes(
            Condition.history.filter(body_id=body.pk),
            describe=lambda r: f"voorwaarde: {value(Condition, 'kind', r.kind)}",
            fields=["kind", "evidence", "valid_from", "valid_until"],
            limit=limit,
        ),
        changes(
            DayRate.history.filter(body_id=body.pk),
            describe=lambda r: f"tarief vanaf {value(DayRate, 'valid_from', r.valid_from)}",
            fields=[
                "valid_from",
                "day_rate",
                "travel_included",
                "travel_rate_per_km",
                "feedback_price_min",
                "feedback_price_max",
                "feedback_includes_travel",
            ],
            limit=limit,
        ),
        role_changes(limit, body_id=body.pk),
        limit=limit,
    )
