from decimal import Decimal

import pytest

from kwaliteitslabel.common.templatetags.kwl import fte, money


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1175"), "€ 1.175,00"),
        (1200, "€ 1.200,00"),
        ("0.45", "€ 0,45"),
        (None, "–"),
        (Decimal("1234567.891"), "€ 1.234.567,89"),
    ],
)
def test_money_reads_as_in_dutch(value, shown):
    assert money(value) == shown


def test_fte_has_one_decimal():
    assert (fte("10.44"), fte(3), fte("10.45")) == ("10,4", "3,0", "10,5")
