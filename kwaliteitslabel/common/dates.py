"""Calendar arithmetic the scheme's periods need ("12 maanden", "een half jaar")."""

import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (29 Feb -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    return day.replace(year=year, month=month, day=min(day.day, 28))


def parse_day(text: str | None) -> datetime.date | None:
    """A day written JJJJ-MM-DD (as `?date=` and `--date` take it), or None if it is not one."""
    try:
        return datetime.date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


# What to say when a day is not written that way.
DAY_FORMAT = "Gebruik de vorm JJJJ-MM-DD, zoals 2027-03-01."


def due_text(due: datetime.date, today: datetime.date) -> str:
    """ "vandaag", "nog 3 dagen", "3 dagen te laat": how a deadline stands today."""
    days = (due - today).days
    if days == 0:
        return "vandaag"
    if days > 0:
        return f"nog {days} dag{'en' if days != 1 else ''}"
    return f"{-days} dag{'en' if days != -1 else ''} te laat"
