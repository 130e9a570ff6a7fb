"""The decision rules (DOMAIN.md "Verdicts and weighting"; handbook 2.6, Bijlage 5 B 10, Bijlage 6)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwaliteitslabel.audits.decision import Verdict, decide

CODES = (
    [f"V{i}" for i in range(1, 16)]
    + [f"D{i}" for i in range(1, 12)]
    + [f"O{i}" for i in range(1, 24)]
)


def verdicts(not_met=0, partly=0, not_applicable=0, missing=0):
    values = (
        [Verdict.NOT_MET] * not_met
        + [Verdict.PARTLY] * partly
        + [Verdict.NOT_APPLICABLE] * not_applicable
        + [None] * missing
    )
    values += [Verdict.MET] * (len(CODES) - len(values))
    return dict(zip(CODES, values, strict=True))


def test_all_met_is_route_a():
    outcome = decide(verdicts(), 4, 9)
    assert (outcome.route, outcome.complete, outcome.plan_norms) == ("a", True, ())


@pytest.mark.parametrize(
    ("not_met", "partly", "route"),
    [
        (0, 1, "b"),
        (1, 0, "b"),
        (
            4,
            9,
            "b",
        ),  # exactly the limits of version 2019 (ch. 2.6: at most 4 not, at most 9 partly)
        (5, 0, "c"),
        (0, 10, "c"),
        (5, 10, "c"),
    ],
)
def test_the_limits_4_not_met_and_9_partly_chapter_2_6(not_met, partly, route):
    assert decide(verdicts(not_met, partly), 4, 9).route == route


def test_not_applicable_counts_for_neither():
    outcome = decide(verdicts(not_met=4, partly=9, not_applicable=10), 4, 9)
    assert outcome.route == "b" and outcome.counts["not_applicable"] == 10


def test_missing_or_not_assessed_leaves_it_incomplete():
    given_verdicts = verdicts(missing=2)
    given_verdicts["O23"] = Verdict.NOT_ASSESSED
    outcome = decide(given_verdicts, 4, 9)
    assert not outcome.complete and outcome.missing == ("V1", "V2", "O23")
    assert (outcome.route, outcome.route_so_far) == (None, "a")


def test_plan_covers_every_not_met_and_partly_norm_in_order():
    outcome = decide({"V1": "not_met", "V2": "met", "D3": "partly", "O4": "not_met"}, 4, 9)
    assert outcome.plan_norms == ("V1", "O4", "D3")
    assert "route b" in outcome.summary()


def test_unknown_verdict_is_refused():
    with pytest.raises(ValueError, match="V1"):
        decide({"V1": "good"}, 4, 9)


@given(st.lists(st.sampled_from([v.value for v in Verdict] + [None]), min_size=49, max_size=49))
def test_route_follows_from_the_counts(values):
    outcome = decide(dict(zip(CODES, values, strict=True)), 4, 9)
    n, d = values.count("not_met"), values.count("partly")
    assert outcome.route_so_far == ("c" if n > 4 or d > 9 else "b" if n + d else "a")
    assert outcome.route == (outcome.route_so_far if outcome.complete else None)
    assert sum(outcome.counts.values()) == sum(v is not None for v in values)
