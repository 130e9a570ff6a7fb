"""Relative days in demo.yaml: every date of the demo counts from the day it is loaded, so
`make demo` tells the same story on any day. The loader resolves them all here, once.

- A day is `today`, or `today` followed by steps `+N` or `-N` with a unit: `d` days, `w`
  weeks, `m` months, `y` years, taken from left to right (`today+55d+2y-4m`). Months and
  years keep the day of the month, or take the month's last day when it is shorter.
- `@workday` after a day: the working day an audit day on it falls on (`working_day`): the
  day itself from Monday to Friday, at the weekend the Friday before it, or the Monday after
  it when it is still to come.
- In a text, `{today-100d:%Y}` is that day in the format after the colon (a year, mostly),
  so names and texts keep their years in step with the dates: a scope for the audit whose
  last day is today is "Hele organisatie {today@workday:%Y}". Without a format: 2026-12-01.
- A date written out (2021-01-01) stays that date: only for the scheme's real history, such
  as the rates of Bijlage 10.
"""

import datetime
import re

from kwaliteitslabel.common.dates import add_months

STEPS = r"(?:[+-]\d+[dwmy])*"
DAY = re.compile(rf"today({STEPS})(@workday)?")
STEP = re.compile(r"([+-])(\d+)([dwmy])")
IN_TEXT = re.compile(r"\{(today[^}:]*)(?::([^}]*))?\}")


def day(expression: str, today: datetime.date) -> datetime.date:
    """The day an expression such as `today-37d` stands for."""
    found = DAY.fullmatch(expression.strip())
    if found is None:
        raise ValueError(
            f"demo.yaml: ‘{expression}’ is geen dag; schrijf bijvoorbeeld today, today-37d, "
            "today+2w, today-4m, today-12y of today-13d@workday"
        )
    result = today
    for sign, number, unit in STEP.findall(found.group(1)):
        n = int(number) * (1 if sign == "+" else -1)
        if unit in "dw":
            result += datetime.timedelta(days=n * (7 if unit == "w" else 1))
        else:
            result = add_months(result, n * (12 if unit == "y" else 1))
    if found.group(2):
        result = working_day(result, later=result > today)
    return result


def resolve(value, today: datetime.date):
    """The YAML's data with every relative day a date and every `{today…}` in a text filled in."""
    if isinstance(value, dict):
        return {key: resolve(item, today) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, today) for item in value]
    if not isinstance(value, str):
        return value
    if value.strip().startswith("today"):
        return day(value, today)
    return IN_TEXT.sub(lambda m: _format(day(m.group(1), today), m.group(2)), value)


def _format(found: datetime.date, spec: str | None) -> str:
    return found.strftime(spec) if spec else found.isoformat()


def working_day(found: datetime.date, later: bool = False) -> datetime.date:
    """The day itself from Monday to Friday; at the weekend the Friday before (or, `later`,
    the Monday after)."""
    while found.weekday() >= 5:
        found += datetime.timedelta(days=1 if later else -1)
    return found


def working_days(days: list[datetime.date], today: datetime.date) -> list[datetime.date]:
    """Audit days on working days, in order and apart: a Saturday or Sunday moves to the
    Friday before it, or to the Monday after it when it is still to come, so a day behind
    stays behind and one to come stays to come; a day that would meet the next moves one
    working day further out (Noorderlicht's "yesterday and today" on a Sunday: Thursday and
    Friday)."""
    one = datetime.timedelta(days=1)
    past = []
    for planned in sorted((d for d in days if d <= today), reverse=True):
        moved = working_day(planned)
        if past and moved >= past[-1]:
            moved = working_day(past[-1] - one)
        past.append(moved)
    coming = []
    for planned in sorted(d for d in days if d > today):
        moved = working_day(planned, later=True)
        if coming and moved <= coming[-1]:
            moved = working_day(coming[-1] + one, later=True)
        coming.append(moved)
    return past[::-1] + coming
