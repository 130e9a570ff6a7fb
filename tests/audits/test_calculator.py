"""Scope size, audit days and cost (handbook 2.4-2.5, Bijlage 2 and 10)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwaliteitslabel.audits import calculator
from kwaliteitslabel.audits.calculator import CalculatorError, audit_days

# (fte, band, CI only, CI + peer, combined on top) — the table of chapter 2.5.
EDGES = [
    ("0.5", "1-10", "2.0", "2.5", "1.5"),
    ("10", "1-10", "2.0", "2.5", "1.5"),
    ("10.4", "11-20", "2.5", "3.0", "1.5"),
    ("20", "11-20", "2.5", "3.0", "1.5"),
    ("20.1", "21-30", "3.0", "3.5", "1.5"),
    ("40", "31-40", "3.5", "4.0", "1.5"),
    ("50", "41-50", "4.0", "4.5", "1.5"),
    ("75", "51-75", "4.5", "5.0", "1.5"),
    ("75.5", "76-100", "5.0", "5.5", "2.0"),
    ("100", "76-100", "5.0", "5.5", "2.0"),
    ("150", "101-150", "5.5", "6.0", "2.0"),
    ("200", "151-200", "6.0", "6.5", "2.0"),
    ("250", "201-250", "6.5", "7.0", "2.0"),
    ("300", "251-300", "7.0", "7.5", "2.0"),
]


@pytest.mark.parametrize(("fte", "band", "body", "peer", "combined"), EDGES)
def test_every_band_edge_of_the_table_chapter_2_5(fte, band, body, peer, combined):
    for variant, days, extra in (
        ("body", body, {}),
        ("peer", peer, {}),
        ("combined", combined, {"combined_with": "iso"}),
    ):
        result = audit_days(variant, fte, **extra)
        assert (result.band, result.days, result.custom) == (band, Decimal(days), False), (
            variant,
            fte,
        )
    assert audit_days("body", fte).days_basis == "total"
    assert audit_days("combined", fte, "hkz").days_basis == "on_top_of_other_audit"


@pytest.mark.parametrize("variant", ["body", "peer"])
def test_above_300_fte_is_maatwerk_without_a_number(variant):
    result = audit_days(variant, "300.5")
    assert (result.days, result.band, result.custom) == (None, None, True)
    assert "maatwerk" in result.note and "300" in result.note


def test_combined_with_nvvk_is_maatwerk_chapter_2_5():
    result = audit_days("combined", 12, "nvvk")
    assert result.days is None and result.custom and "NVVK" in result.note


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("body", 0), "fte"),
        (("body", -3), "fte"),
        (("x", 3), "variant"),
        (("combined", 3), "combined_with"),
        (("body", 3, "iso"), "combined_with"),
    ],
)
def test_bad_input_names_the_field(args, field):
    with pytest.raises(CalculatorError) as error:
        audit_days(*args)
    assert error.value.field == field


def test_fte_in_scope_counts_the_right_categories_bijlage_2():
    breakdown = {
        "employed": 8,
        "hired": 1,
        "interns": "0.5",
        "volunteers": "0.4",
        "management_support": "0.5",
        "other_volunteers": 12,
        "snuffel_interns": 2,
    }
    assert calculator.fte_in_scope(breakdown) == Decimal("10.4")
    assert set(calculator.NOT_COUNTED) == {"other_volunteers", "snuffel_interns"}


def test_negative_fte_is_refused_naming_the_category():
    with pytest.raises(CalculatorError) as error:
        calculator.fte_in_scope({"hired": -1})
    assert error.value.field == "hired"


def test_hours_to_fte_at_36_hours_a_week():
    assert calculator.hours_to_fte(18) == Decimal("0.5")
    assert calculator.hours_to_fte(36) == Decimal(1)
    assert calculator.hours_to_fte(32, full_time_hours=40) == Decimal("0.8")


@given(
    st.decimals(min_value="0.1", max_value="299.9", places=1),
    st.decimals(min_value="0", max_value="50", places=1),
)
def test_days_never_decrease_as_fte_grows(fte, more):
    bigger = min(fte + more, Decimal(300))
    for variant, extra in (("body", {}), ("peer", {}), ("combined", {"combined_with": "iso"})):
        assert audit_days(variant, bigger, **extra).days >= audit_days(variant, fte, **extra).days


@given(st.decimals(min_value="0.1", max_value="300", places=2))
def test_peer_is_always_ci_only_plus_half_a_day(fte):
    assert audit_days("peer", fte).days == audit_days("body", fte).days + Decimal("0.5")


@pytest.fixture
def bodies(db):
    from kwaliteitslabel.bodies.models import CertificationBody, Condition, DayRate

    made = {}
    for name, rates in {
        # Bijlage 10: CIIO € 1.175 a day + € 0,45/km, € 1.200 from 1 July 2022; LRQA € 1.250 including travel.
        "CIIO": [("2021-01-01", "1175.00", "0.45"), ("2022-07-01", "1200.00", "0.45")],
        "LRQA": [("2022-01-01", "1250.00", None)],
    }.items():
        body = CertificationBody.objects.create(
            name=name,
            kvk_number="12345678",
            street="Weg 1",
            postcode="3511 AB",
            city="Utrecht",
            phone="030 123 4567",
        )
        for kind in ("accreditation_hkz", "liability_insurance", "complaints_procedure"):
            Condition.objects.create(
                body=body, kind=kind, evidence="bewijs", valid_from="2020-01-01"
            )
        for valid_from, day_rate, per_km in rates:
            DayRate.objects.create(
                body=body,
                valid_from=valid_from,
                day_rate=day_rate,
                travel_rate_per_km=per_km,
                travel_included=per_km is None,
            )
        made[name] = body
    return made


def test_ciio_rates_around_1_july_2022_bijlage_10(bodies):
    before = {c.body.name: c for c in calculator.costs("2.5", datetime.date(2022, 6, 30), 120)}
    after = {c.body.name: c for c in calculator.costs("2.5", datetime.date(2022, 7, 1), 120)}
    assert before["CIIO"].day_rate == Decimal("1175.00")
    assert after["CIIO"].day_rate == Decimal("1200.00")
    assert after["CIIO"].travel == Decimal("54.00")
    assert after["CIIO"].total_excl_vat == Decimal("3054.00")
    assert after["CIIO"].vat == Decimal("641.34")
    assert after["CIIO"].total_incl_vat == Decimal("3695.34")


def test_lrqa_travel_is_included_bijlage_10(bodies):
    lrqa = {c.body.name: c for c in calculator.costs("2.5", datetime.date(2022, 7, 1), 120)}["LRQA"]
    assert (lrqa.travel, lrqa.travel_included, lrqa.total_excl_vat) == (
        Decimal(0),
        True,
        Decimal("3125.00"),
    )


def test_only_bodies_that_may_audit_that_day_are_compared(bodies):
    bodies["LRQA"].conditions.filter(kind="liability_insurance").update(valid_until="2022-06-30")
    names = [c.body.name for c in calculator.costs(2, datetime.date(2022, 7, 1))]
    assert names == ["CIIO"]
