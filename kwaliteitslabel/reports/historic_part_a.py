"""Part A's optional columns of the historic import (issue 10): the FTE in scope, the work
types, and the strengths and improvement points, where the old report gives them. Each cell
is checked on its own; a problem names the row and column like the rest of the import."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kwaliteitslabel.members.models import WorkType

# Bijlage 7 asks no upper bound; this one only catches a typo of a few zeros too many.
MAX_FTE = Decimal(100_000)
MAX_POINTS_CHARS = 4000
# A point typed as a list item keeps its words, not its bullet.
BULLET = re.compile(r"^\s*(?:[-–•*·]|\d+[.)])\s*")


def known_work_types() -> dict[str, WorkType]:
    return {w.name.lower(): w for w in WorkType.objects.all()}


def fte(text: str) -> Decimal:
    """'42,5' or '42.5' as FTE with two decimals; ValueError with a Dutch message."""
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(
            f"‘{text}’ is geen aantal fte; schrijf het als getal, zoals 42,5."
        ) from None
    if not value.is_finite() or value <= 0:
        raise ValueError("het aantal fte moet groter zijn dan 0.")
    if value > MAX_FTE:
        raise ValueError(f"{text} fte is meer dan het platform aanneemt; is het een typefout?")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def work_types(text: str, known: dict[str, WorkType]) -> list[WorkType]:
    """Names separated by ';' (or new lines), each one of SWN's list."""
    names = [n.strip() for n in re.split(r"[;\n]", text) if n.strip()]
    unknown = [n for n in names if n.lower() not in known]
    if unknown:
        listed = ", ".join(f"‘{n}’" for n in unknown)
        raise ValueError(
            f"{listed} {'staat' if len(unknown) == 1 else 'staan'} niet in de lijst van "
            "werksoorten; kies de namen zoals op het platform, gescheiden door ‘;’."
        )
    return list(dict.fromkeys(known[n.lower()] for n in names))


def points(text: str) -> str:
    """One point per line, bullets and blank lines out; ValueError when it is too long."""
    if len(text) > MAX_POINTS_CHARS:
        raise ValueError(f"de tekst is langer dan {MAX_POINTS_CHARS} tekens.")
    lines = (BULLET.sub("", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
