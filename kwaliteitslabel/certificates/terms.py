"""The lifecycle's numbers (frameworks/data/certificate_lifecycle.yaml) and SWN's reminder moments."""

import datetime
from dataclasses import dataclass
from functools import cache

import yaml

from kwaliteitslabel.frameworks.loader import DATA_DIR

from .models import ReminderSchedule


@dataclass(frozen=True)
class Terms:
    validity_years: int
    suspension_months: int
    notice_days: int
    reminder_months: tuple[int, ...]
    number_prefix: str


@cache
def terms() -> Terms:
    raw = yaml.safe_load((DATA_DIR / "certificate_lifecycle.yaml").read_text(encoding="utf-8"))
    return Terms(
        int(raw["validity_years"]),
        int(raw["suspension_months"]),
        int(raw["notice_days"]),
        tuple(sorted((int(m) for m in raw["reminder_months"]), reverse=True)),
        str(raw["number_prefix"]),
    )


def reminder_months(on: datetime.date) -> list[int]:
    """The moments in force on a day: SWN's latest schedule from before it, or the default."""
    schedule = ReminderSchedule.objects.filter(valid_from__lte=on).first()
    return schedule.month_list() if schedule else list(terms().reminder_months)
