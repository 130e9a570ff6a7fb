"""A certificate's status on a day, derived from its dates and the member's re-audits
(Bijlage 6 stap 9c en 17; hoofdstuk 2.7: twee jaar geldig)."""

import datetime

import pytest

from kwaliteitslabel.certificates import status
from kwaliteitslabel.certificates.status import Facts, Track

from .helpers import make_certificate, moment, re_audit

D = datetime.date
FROM, UNTIL = D(2025, 3, 1), D(2027, 3, 1)
LIMIT = D(2027, 9, 1)  # Bijlage 6 stap 17-2: at most 6 months after expiry
DAY = datetime.timedelta(days=1)


def facts(successor_start=None, issued=FROM):
    return Facts(1, FROM, UNTIL, moment(issued), successor_start)


def track(requested, positive=None, negative=None, route_c=None):
    return Track(2, 1, moment(requested, 9), positive, negative, route_c)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (FROM - DAY, "pending"),
        (FROM, "valid"),
        (UNTIL - DAY, "valid"),
        (UNTIL, "lapsed"),  # stap 17-3: no re-audit, lapses on the expiry date
        (UNTIL + DAY, "lapsed"),
    ],
)
def test_without_a_re_audit_the_certificate_lapses_on_its_expiry_date(day, expected):
    assert status.status_on(facts(), [], day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (UNTIL - DAY, "valid"),
        (UNTIL, "suspended"),  # stap 17-2
        (LIMIT - DAY, "suspended"),
        (LIMIT, "lapsed"),  # past the 6 months
    ],
)
def test_a_running_re_audit_suspends_it_for_at_most_six_months(day, expected):
    assert status.status_on(facts(), [track(D(2026, 10, 1))], day) == expected


def test_a_positive_advice_within_the_six_months_keeps_it_suspended_until_issued():
    within = track(D(2026, 10, 1), positive=LIMIT - DAY)
    assert status.status_on(facts(), [within], LIMIT + 10 * DAY) == "suspended"


def test_a_re_audit_that_ends_negatively_makes_it_lapse_that_day():
    failed = track(D(2026, 10, 1), negative=D(2027, 5, 1))
    assert status.status_on(facts(), [failed], D(2027, 4, 30)) == "suspended"
    assert status.status_on(facts(), [failed], D(2027, 5, 1)) == "lapsed"


def test_a_re_audit_requested_after_expiry_does_not_revive_a_lapsed_certificate():
    late = track(UNTIL + DAY)
    assert status.status_on(facts(), [late], UNTIL + 2 * DAY) == "lapsed"


def test_route_c_suspends_a_running_certificate_until_the_follow_up():
    """Bijlage 6 stap 9c-ii: not shown as certified until the follow-up is done."""
    c = track(D(2026, 10, 1), route_c=D(2026, 12, 1))
    assert status.status_on(facts(), [c], D(2026, 11, 30)) == "valid"
    assert status.status_on(facts(), [c], D(2026, 12, 1)) == "suspended"
    negative = track(D(2026, 10, 1), route_c=D(2026, 12, 1), negative=D(2027, 1, 10))
    assert status.status_on(facts(), [negative], D(2027, 1, 10)) == "lapsed"  # 9c-i


def test_superseded_from_the_start_of_its_successor():
    renewed = facts(successor_start=UNTIL)
    assert status.status_on(renewed, [], UNTIL - DAY) == "valid"
    assert status.status_on(renewed, [], UNTIL) == "superseded"


def test_the_certificates_own_audit_and_older_re_audits_do_not_count():
    older = track(FROM - 200 * DAY)  # the re-audit that led to this very certificate
    assert status.status_on(facts(), [older], UNTIL) == "lapsed"


def test_statuses_of_many_certificates_take_two_queries(world, django_assert_num_queries):
    from kwaliteitslabel.certificates.models import Certificate

    for i in range(5):
        make_certificate(world, FROM + i * DAY, number=f"KSSW-2025-{i + 1:04d}")
    re_audit(world, D(2026, 10, 1), events={"accepted": D(2026, 10, 5)})
    with django_assert_num_queries(2):
        found = status.statuses(Certificate.objects.all(), UNTIL + 10 * DAY)
    assert set(found.values()) == {"suspended"}


def test_route_c_suspension_lifts_once_the_new_certificate_is_issued():
    """Bijlage 6 stap 9c-ii: SWN issues it again "en maakt dat weer zichtbaar"."""
    c = Track(2, 1, moment(D(2026, 10, 1), 9), D(2027, 1, 5), None, D(2026, 12, 1), D(2027, 1, 20))
    assert status.status_on(facts(), [c], D(2027, 1, 19)) == "suspended"
    assert status.status_on(facts(), [c], D(2027, 1, 20)) == "valid"  # until its expiry


def test_a_positive_advice_by_the_expiry_date_is_no_suspension():
    """Bijlage 6 stap 17-1: done in time; valid until SWN issues the joining certificate."""
    in_time = track(D(2026, 10, 1), positive=UNTIL)
    assert status.status_on(facts(), [in_time], UNTIL + 10 * DAY) == "valid"
    late = track(D(2026, 10, 1), positive=UNTIL + DAY)
    assert status.status_on(facts(), [late], UNTIL + 10 * DAY) == "suspended"
