"""Readiness: counts per rubric and the decision rules over the consolidated answers (issue 5)."""

import re

import pytest
from django.urls import reverse

from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.selfassessment.models import Consolidation
from kwaliteitslabel.selfassessment.readiness import readiness

from .helpers import make_self_assessment

pytestmark = pytest.mark.django_db


def norms(sa):
    return list(
        Norm.objects.filter(framework=sa.framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )


def consolidate(sa, user, not_met=0, partly=0, not_applicable=0, leave_open=0):
    """The first norms get "-", then "+/-", then "n.v.t.", some none; the rest "+ voldoet"."""
    plan = (
        ["not_met"] * not_met
        + ["partly"] * partly
        + ["not_applicable"] * not_applicable
        + [None] * leave_open
    )
    all_norms = norms(sa)
    plan += ["met"] * (len(all_norms) - len(plan))
    Consolidation.objects.bulk_create(
        Consolidation(self_assessment=sa, norm=norm, verdict=verdict, updated_by=user)
        for norm, verdict in zip(all_norms, plan, strict=True)
        if verdict
    )
    return all_norms


def url(sa):
    return reverse("selfassessment:readiness", kwargs={"pk": sa.pk})


@pytest.mark.parametrize(
    ("not_met", "partly", "not_applicable", "route"),
    [
        (0, 0, 0, "a"),
        (0, 0, 5, "a"),  # n.v.t. counts for neither
        (1, 0, 0, "b"),
        (0, 1, 0, "b"),
        (4, 9, 0, "b"),  # exactly on the limits
        (4, 9, 20, "b"),
        (5, 0, 0, "c"),
        (0, 10, 0, "c"),
        (5, 10, 0, "c"),
    ],
)
def test_route_follows_from_the_consolidated_answers(world, not_met, partly, not_applicable, route):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], not_met, partly, not_applicable)
    result = readiness(sa)
    assert result.outcome.route == route
    assert result.outcome.complete and result.missing == 0
    assert result.total.counts["not_met"] == not_met
    assert result.total.counts["partly"] == partly
    assert result.total.counts["not_applicable"] == not_applicable
    assert [verdict for _, verdict in result.work_on] == ["not_met"] * not_met + ["partly"] * partly


def test_norms_without_an_answer_are_missing_and_counted_apart(world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], not_met=1, leave_open=3)
    result = readiness(sa)
    assert result.missing == 3 and len(result.outcome.missing) == 3
    assert not result.outcome.complete
    assert result.total.total == 49
    assert [row.name for row in result.rubrics] == [
        "Vakmanschap",
        "Dienstverlening",
        "Organisatie en bestuur",
    ]
    assert sum(row.total for row in result.rubrics) == 49


def test_page_shows_route_in_plain_dutch_chart_and_norms_to_work_on(client_as, world):
    sa = make_self_assessment(world)
    all_norms = consolidate(sa, world.users["member_admin"], not_met=4, partly=9)
    body = client_as("member_admin").get(url(sa)).content.decode()
    assert "Route b: verbeterplan voor deze normen" in body
    assert "4 normen voldoen niet en 9 deels, binnen de grens" in body
    # The chart: one image per rubric and the total, described in words, each part titled.
    assert body.count('role="img"') == 4
    assert 'aria-label="Vakmanschap: ' in body
    assert "<title>- voldoet niet: 4</title>" in body
    # The legend gives the counts in text, not colour alone.
    assert "- voldoet niet: <strong>4</strong>" in body
    # Norms to work on: not met first, each with a link to its guidance.
    first, tenth = all_norms[0], all_norms[4]
    guidance = reverse("frameworks:norm_detail", args=["2019", first.code])
    assert guidance in body
    assert body.index(f">{first.code}<") < body.index(f">{tenth.code}<")


def test_page_route_c_names_the_counts(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], not_met=5, partly=2)
    body = client_as("member_admin").get(url(sa)).content.decode()
    assert "Route c: 5 niet / 2 deels, boven de grens" in body


def test_page_route_a_and_missing_answers(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], leave_open=2)
    body = client_as("member_admin").get(url(sa)).content.decode()
    assert "Route a: positief" in body
    assert "2 normen hebben nog geen vastgesteld antwoord" in body


def test_segment_widths_add_up_to_the_bar(world):
    sa = make_self_assessment(world)
    consolidate(
        sa, world.users["member_admin"], not_met=3, partly=7, not_applicable=2, leave_open=5
    )
    for row in [*readiness(sa).rubrics, readiness(sa).total]:
        last = row.segments[-1]
        assert abs(last.x + last.width - 100) < 0.1
        assert re.match(r"^[\w ]+: \d+ normen; ", row.description)


def test_the_number_of_queries_is_fixed(client, world, django_assert_num_queries):
    sa = make_self_assessment(world)
    client.force_login(world.users["member_admin"])
    consolidate(sa, world.users["member_admin"], partly=1, leave_open=40)
    with django_assert_num_queries(QUERIES):
        assert client.get(url(sa)).status_code == 200
    Consolidation.objects.filter(self_assessment=sa).delete()
    consolidate(sa, world.users["member_admin"], not_met=4, partly=9)
    with django_assert_num_queries(QUERIES):
        assert client.get(url(sa)).status_code == 200


# Session, user, roles; the self-assessment and the rules; norms and answers.
QUERIES = 6
