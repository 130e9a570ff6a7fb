"""Dutch presentation: money as "€ 1.175,00", FTE with one decimal, how a deadline stands."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import timezone

from kwaliteitslabel.common import dates

register = template.Library()


def dutch_number(value, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) + ("," + fraction if decimals else "")
    return ("-" if number < 0 else "") + text


@register.filter
def money(value) -> str:
    if value in (None, ""):
        return "–"
    return f"€ {dutch_number(value, 2)}"


@register.filter
def fte(value) -> str:
    if value in (None, ""):
        return "–"
    return dutch_number(value, 1)


@register.filter
def due_text(due) -> str:
    """ "nog 3 dagen", "3 dagen te laat" (today in the site's time zone)."""
    return dates.due_text(due, timezone.localdate()) if due else ""
