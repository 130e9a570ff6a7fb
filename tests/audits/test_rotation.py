"""The peer cluster's rotation (handboek chapter 2.2): the proposal and the rules, pure."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwaliteitslabel.audits import rotation

ABC = ["A", "B", "C"]


def members(n):
    return [rotation.letter(i) for i in range(n)]


def test_three_members_exactly_as_chapter_2_2():
    # "A and B at C, B and C at A, A and C at B"
    pairs = rotation.propose(ABC)
    assert sorted(rotation.auditing_at("C", pairs)) == ["A", "B"]
    assert sorted(rotation.auditing_at("A", pairs)) == ["B", "C"]
    assert sorted(rotation.auditing_at("B", pairs)) == ["A", "C"]
    assert len(pairs) == 6


@pytest.mark.parametrize("n", [3, 4, 7])
def test_the_proposal_keeps_the_rules_and_is_balanced(n):
    cluster = members(n)
    pairs = rotation.propose(cluster)
    assert all(audited != auditing for audited, auditing in pairs)
    for m in cluster:
        assert len(set(rotation.auditing_at(m, pairs))) >= 2
        assert m not in rotation.auditing_at(m, pairs)
    assert set(rotation.counts(cluster, pairs).values()) == {(2, 2)}
    assert rotation.problems(cluster, pairs) == []
    assert rotation.imbalance(cluster, pairs) == []


def test_four_members_member_i_by_the_next_two():
    pairs = rotation.propose(members(4))
    assert rotation.auditing_at("A", pairs) == ["B", "C"]
    assert rotation.auditing_at("C", pairs) == ["D", "A"]
    assert rotation.auditing_at("D", pairs) == ["A", "B"]


@given(st.integers(min_value=3, max_value=12))
def test_every_proposal_from_3_to_12_members_keeps_the_rules(n):
    cluster = members(n)
    pairs = rotation.propose(cluster)
    assert len(pairs) == len(set(pairs)) == 2 * n
    assert Counter(auditing for _, auditing in pairs) == Counter(dict.fromkeys(cluster, 2))
    assert Counter(audited for audited, _ in pairs) == Counter(dict.fromkeys(cluster, 2))
    assert rotation.problems(cluster, pairs) == []


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=3, max_size=12, unique=True))
def test_any_distinct_members_in_any_order_get_a_valid_proposal(ids):
    assert rotation.problems(ids, rotation.propose(ids)) == []


@pytest.mark.parametrize("cluster", [[], ["A"], ["A", "B"], ["A", "A", "B"]])
def test_no_proposal_for_fewer_than_three_distinct_members(cluster):
    with pytest.raises(ValueError):
        rotation.propose(cluster)


def test_fewer_than_three_members():
    assert rotation.problems(["A", "B"], [("A", "B"), ("B", "A")]) == [
        "Een cluster heeft minstens 3 leden; dit cluster heeft er 2."
    ]


def test_a_member_twice():
    found = rotation.problems(["A", "B", "C", "A"], rotation.propose(ABC))
    assert found == ["A staat meer dan één keer in het cluster."]


def test_a_member_auditing_itself():
    pairs = rotation.propose(ABC) + [("B", "B")]
    assert rotation.problems(ABC, pairs) == [
        "Branchetoetsers van B mogen niet bij hun eigen organisatie toetsen."
    ]


def test_a_pair_with_a_member_outside_the_cluster():
    pairs = rotation.propose(ABC) + [("A", "X")]
    assert rotation.problems(ABC, pairs) == ["X hoort niet bij het cluster."]


def test_a_member_audited_by_peers_of_only_one_other():
    pairs = [p for p in rotation.propose(ABC) if p != ("A", "C")]
    assert rotation.problems(ABC, pairs) == [
        "A wordt alleen door branchetoetsers van B getoetst; dat moeten branchetoetsers van "
        "minstens 2 andere leden zijn."
    ]


def test_a_member_audited_by_nobody_and_one_that_audits_nobody():
    cluster = members(4)
    # A, B and C audit one another; peers of A and B audit at D, but D's peers audit nowhere.
    pairs = [(a, b) for a in "ABC" for b in "ABC" if a != b] + [("D", "A"), ("D", "B")]
    assert rotation.problems(cluster, pairs) == [
        "Branchetoetsers van D toetsen bij niemand; ieder lid toetst ook bij de anderen."
    ]
    pairs = [(a, b) for a in "ABC" for b in "ABCD" if a != b]
    assert rotation.problems(cluster, pairs) == [
        "D wordt door niemand getoetst; dat moeten branchetoetsers van minstens 2 andere "
        "leden zijn."
    ]


def test_a_hand_made_rotation_within_the_rules_is_fine_but_may_be_unbalanced():
    cluster = members(5)
    # Everyone audited by two others, but A's peers do most of the work.
    pairs = [(m, "A") for m in "BCDE"] + [("A", "B"), ("A", "C")]
    pairs += [("B", "C"), ("C", "D"), ("D", "E"), ("E", "B")]
    assert rotation.problems(cluster, pairs) == []
    assert rotation.counts(cluster, pairs)["A"] == (4, 2)
    assert rotation.imbalance(cluster, pairs) == ["A"]


def test_letters_and_names():
    assert [rotation.letter(i) for i in (0, 2, 25, 26, 27)] == ["A", "C", "Z", "AA", "AB"]
    assert rotation.names(["A"]) == "A"
    assert rotation.names(["A", "B"]) == "A en B"
    assert rotation.names(["A", "B", "C"]) == "A, B en C"
