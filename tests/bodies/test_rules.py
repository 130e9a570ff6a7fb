"""May a body audit today (Bijlage 5 A), and which rate applies on a day (Bijlage 10)."""

import datetime
from decimal import Decimal

import pytest

from kwaliteitslabel.bodies import rules, services
from kwaliteitslabel.bodies.models import CertificationBody

from .helpers import (
    COMPLAINTS,
    HKZ,
    INSURANCE,
    ISO,
    add_condition,
    ciio_rates,
    days,
    lrqa_rate,
    meets_all_conditions,
    today,
)

pytestmark = pytest.mark.django_db


def fresh(body):
    """The body read again, so its prefetched conditions are current."""
    return CertificationBody.objects.prefetch_related("conditions", "rates").get(pk=body.pk)


@pytest.mark.parametrize("accreditation", [ISO, HKZ], ids=["ISO 17021", "HKZ"])
def test_a_body_with_all_conditions_may_audit_today(world, accreditation):
    meets_all_conditions(world.body_x, accreditation)
    body = fresh(world.body_x)
    assert body.may_audit()
    assert body.missing_conditions() == []


def test_a_body_without_conditions_may_not_audit_and_all_three_are_named(world):
    body = fresh(world.body_x)
    assert not body.may_audit()
    missing = body.missing_conditions()
    assert len(missing) == 3
    assert missing[0].startswith("accreditatie")
    assert missing[1:] == ["aansprakelijkheidsverzekering", "klachtenprocedure"]


@pytest.mark.parametrize(
    ("left_out", "named"),
    [
        ({ISO}, "accreditatie"),
        ({INSURANCE}, "aansprakelijkheidsverzekering"),
        ({COMPLAINTS}, "klachtenprocedure"),
    ],
    ids=["without accreditation", "without insurance", "without complaints procedure"],
)
def test_each_condition_is_needed(world, left_out, named):
    for kind in {ISO, INSURANCE, COMPLAINTS} - left_out:
        add_condition(world.body_x, kind)
    body = fresh(world.body_x)
    assert not body.may_audit()
    assert len(body.missing_conditions()) == 1
    assert body.missing_conditions()[0].startswith(named)


@pytest.mark.parametrize("kind", [ISO, INSURANCE, COMPLAINTS])
def test_an_expired_condition_does_not_count(world, kind):
    meets_all_conditions(world.body_x)
    world.body_x.conditions.filter(kind=kind).update(valid_until=today() - days(1))
    body = fresh(world.body_x)
    assert not body.may_audit()
    # It did count while it was valid.
    assert body.may_audit(today() - days(2))


def test_a_condition_not_yet_in_force_does_not_count(world):
    meets_all_conditions(world.body_x)
    world.body_x.conditions.filter(kind=INSURANCE).update(valid_from=today() + days(1))
    assert not fresh(world.body_x).may_audit()
    assert fresh(world.body_x).may_audit(today() + days(1))


def test_a_condition_counts_on_its_last_day(world):
    meets_all_conditions(world.body_x)
    world.body_x.conditions.filter(kind=INSURANCE).update(valid_until=today())
    assert fresh(world.body_x).may_audit()


def test_renewed_evidence_replaces_expired_evidence(world):
    meets_all_conditions(world.body_x)
    world.body_x.conditions.filter(kind=INSURANCE).update(valid_until=today() - days(1))
    add_condition(world.body_x, INSURANCE, valid_from=today(), valid_until=today() + days(365))
    assert fresh(world.body_x).may_audit()


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "status"),
    [
        (-100, None, "valid"),
        (-100, 200, "valid"),
        (-100, 60, "expiring"),
        (-100, 0, "expiring"),
        (-100, -1, "expired"),
        (5, 400, "not_yet"),
    ],
)
def test_condition_status(world, valid_from, valid_until, status):
    c = add_condition(
        world.body_x,
        INSURANCE,
        valid_from=today() + days(valid_from),
        valid_until=None if valid_until is None else today() + days(valid_until),
    )
    assert services.condition_status(c, today()) == status


def test_rate_selection_by_date_follows_bijlage_10(world):
    ciio_rates(world.body_x)
    lrqa_rate(world.body_y)
    ciio, lrqa = fresh(world.body_x), fresh(world.body_y)
    assert ciio.rate_on(datetime.date(2020, 12, 31)) is None
    assert ciio.rate_on(datetime.date(2022, 6, 30)).day_rate == Decimal("1175.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).day_rate == Decimal("1200.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).travel_rate_per_km == Decimal("0.45")
    assert lrqa.rate_on(datetime.date(2023, 1, 1)).day_rate == Decimal("1250.00")
    assert lrqa.rate_on(datetime.date(2023, 1, 1)).travel_included


def test_rate_rows_mark_current_future_and_past(world):
    old, current = ciio_rates(world.body_x)
    future = current.__class__.objects.create(
        body=world.body_x,
        valid_from=today() + days(30),
        day_rate=Decimal("1250.00"),
        travel_rate_per_km=Decimal("0.47"),
    )
    rows = services.rate_rows(fresh(world.body_x), today())
    assert [(r.rate.pk, r.status) for r in rows] == [
        (future.pk, "future"),
        (current.pk, "current"),
        (old.pk, "past"),
    ]
    assert services.next_rate(fresh(world.body_x), today()).pk == future.pk


def test_only_swn_sets_the_framework_agreement(world):
    assert rules.can_set_framework_agreement(world.users["swn_secretariat"])
    assert not rules.can_set_framework_agreement(world.users["body_admin"])


def test_body_admin_edits_own_body_only_and_auditor_none(world):
    admin, auditor = world.users["body_admin"], world.users["auditor"]
    assert rules.can_edit_body(admin, world.body_x)
    assert not rules.can_edit_body(admin, world.body_y)
    assert rules.can_view_body(auditor, world.body_x)
    assert not rules.can_edit_body(auditor, world.body_x)


def test_auditors_sign_only_at_bodies_without_framework_agreement(world):
    assert not services.auditors_must_sign(world.body_x)  # the world's bodies have one
    world.body_x.framework_agreement = False
    assert services.auditors_must_sign(world.body_x)


def test_evidence_already_renewed_is_not_expiring(world):
    old = add_condition(world.body_x, INSURANCE, valid_until=today() + days(20))
    body = fresh(world.body_x)
    assert services.expiring_conditions(body, today()) == [old]
    new = add_condition(
        world.body_x, INSURANCE, valid_from=today() + days(21), valid_until=today() + days(400)
    )
    body = fresh(world.body_x)
    assert services.expiring_conditions(body, today()) == []
    assert services.condition_status(old, today(), [old, new]) == "valid"
    assert services.condition_status(new, today(), [old, new]) == "not_yet"
    # Other kinds do not renew it.
    complaints = add_condition(world.body_x, COMPLAINTS, valid_until=today() + days(10))
    assert services.condition_status(complaints, today(), [old, new, complaints]) == "expiring"
