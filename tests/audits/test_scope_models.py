"""A scope's size is derived from its lines; hours become FTE at SWN's full-time week (issue 4)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from kwaliteitslabel.audits import calculator
from kwaliteitslabel.audits.models import FullTimeWeek, ScopeLine, full_time_hours

from .helpers import ELDERLY, SOCIAL, make_scope

pytestmark = pytest.mark.django_db


def test_fte_in_scope_is_derived_from_the_lines_and_counts_only_what_counts(world):
    scope = make_scope(
        world.member_a,
        lines={
            SOCIAL: {"employed": "8", "hired": "1", "snuffel_interns": "2"},
            ELDERLY: {
                "interns": "0.5",
                "volunteers": "0.4",
                "management_support": "0.5",
                "other_volunteers": "12",
            },
        },
    )
    assert scope.fte_in_scope == Decimal("10.4")
    assert scope.fte_not_counted == Decimal("14")
    by_work_type = {line.work_type.name: line for line in scope.lines.all()}
    assert by_work_type[SOCIAL].fte_in_scope == Decimal("9")
    assert by_work_type[SOCIAL].fte_not_counted == Decimal("2")
    assert by_work_type[ELDERLY].fte_in_scope == Decimal("1.4")
    # The same rule as the calculator and the API, over the summed categories.
    assert scope.fte_in_scope == calculator.fte_in_scope(scope.breakdown())
    # Nothing stored: a changed line changes the scope's size at once.
    ScopeLine.objects.filter(scope=scope, work_type__name=SOCIAL).update(employed=Decimal("20"))
    scope.refresh_from_db()
    assert scope.fte_in_scope == Decimal("22.4")


def test_full_time_week_is_36_hours_until_swn_sets_another():
    today = timezone.localdate()
    assert full_time_hours() == Decimal("36")
    FullTimeWeek.objects.create(valid_from=today - datetime.timedelta(days=1), hours=Decimal("40"))
    FullTimeWeek.objects.create(valid_from=today + datetime.timedelta(days=30), hours=Decimal("38"))
    assert full_time_hours() == Decimal("40")
    assert full_time_hours(today + datetime.timedelta(days=30)) == Decimal("38")
    assert full_time_hours(today - datetime.timedelta(days=2)) == Decimal("36")
    assert calculator.hours_to_fte(360, full_time_hours()) == Decimal("9")


def test_a_full_time_week_has_more_than_0_hours():
    with pytest.raises(IntegrityError):
        FullTimeWeek.objects.create(valid_from=datetime.date(2027, 1, 1), hours=Decimal("0"))


def test_one_line_per_work_type_and_no_negative_fte(world):
    scope = make_scope(world.member_a)
    line = scope.lines.get()
    with pytest.raises(IntegrityError):
        ScopeLine.objects.create(scope=scope, work_type=line.work_type)


def test_fte_cannot_be_negative_in_the_database(world):
    scope = make_scope(world.member_a)
    with pytest.raises(IntegrityError):
        ScopeLine.objects.filter(scope=scope).update(hired=Decimal("-1"))
