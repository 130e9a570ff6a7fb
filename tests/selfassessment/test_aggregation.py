"""Team answers in aggregate; small groups stay anonymous (issue 5)."""

import pytest

from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.selfassessment.aggregation import MIN_GROUP, team_answers
from kwaliteitslabel.selfassessment.models import Answer

from .helpers import add_participant, make_self_assessment

pytestmark = pytest.mark.django_db


def test_counts_spread_and_hidden_examples_below_three(world):
    sa = make_self_assessment(world)
    v1, v2 = Norm.objects.filter(framework=sa.framework, rubric__code="V").order_by("number")[:2]
    people = [
        add_participant(sa, world.users[r])
        for r in ("member_admin", "professional", "peer_auditor")
    ]
    for person, verdict in zip(people, ["met", "not_met", "met"], strict=True):
        Answer.objects.create(
            participant=person, norm=v1, verdict=verdict, example=f"voorbeeld {verdict}"
        )
    Answer.objects.create(participant=people[0], norm=v2, verdict="partly", example="alleen ik")
    answers = team_answers(sa)
    assert answers[v1.pk].counts["met"] == 2 and answers[v1.pk].counts["not_met"] == 1
    assert answers[v1.pk].spread == 2 and answers[v1.pk].shown
    assert sorted(answers[v1.pk].visible_examples) == [
        "voorbeeld met",
        "voorbeeld met",
        "voorbeeld not_met",
    ]
    assert answers[v2.pk].total == 1 < MIN_GROUP
    assert answers[v2.pk].visible_examples == []  # one person: their example stays private
