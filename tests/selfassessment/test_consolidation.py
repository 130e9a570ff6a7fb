"""Consolidating: the organisation's answer per norm, saved with history, never overwritten silently."""

import datetime

import pytest
from django.urls import reverse

from kwaliteitslabel.common.forms import STALE
from kwaliteitslabel.selfassessment.models import Answer, Consolidation

from .helpers import add_participant, make_self_assessment
from .test_readiness import consolidate, norms

pytestmark = pytest.mark.django_db


def list_url(sa, **query):
    base = reverse("selfassessment:consolidate", kwargs={"pk": sa.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def norm_url(sa, code):
    return reverse("selfassessment:consolidate_norm", kwargs={"pk": sa.pk, "code": code})


def team(sa, world, norm, verdicts, example="voorbeeld"):
    roles = ["member_admin", "professional", "peer_auditor"]
    for role, verdict in zip(roles, verdicts, strict=False):
        person = sa.participants.filter(user=world.users[role]).first() or add_participant(
            sa, world.users[role]
        )
        Answer.objects.create(
            participant=person, norm=norm, verdict=verdict, example=f"{example} {role}"
        )


def test_list_shows_every_norm_widest_spread_first_or_by_code(client_as, world):
    sa = make_self_assessment(world)
    all_norms = norms(sa)
    o5 = next(n for n in all_norms if n.code == "O5")
    d2 = next(n for n in all_norms if n.code == "D2")
    team(sa, world, o5, ["met", "not_met"])  # spread 2
    team(sa, world, d2, ["met", "partly"])  # spread 1
    client = client_as("member_admin")
    body = client.get(list_url(sa)).content.decode()
    assert body.count(f"/zelfevaluatie/{sa.pk}/vaststellen/") >= 49
    assert body.index(">O5 · ") < body.index(">D2 · ") < body.index(">V1 · ")
    assert "+ voldoet: 1" in body and "- voldoet niet: 1" in body
    by_code = client.get(list_url(sa, volgorde="code")).content.decode()
    assert by_code.index(">V1 · ") < by_code.index(">D2 · ") < by_code.index(">O5 · ")


def test_list_shows_the_organisations_answer(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], not_met=1, leave_open=48)
    body = client_as("member_admin").get(list_url(sa)).content.decode()
    assert "- voldoet niet" in body and "1 van de 49 normen heeft een vastgesteld antwoord" in body


@pytest.mark.parametrize("page", ["list", "norm"])
def test_the_number_of_queries_is_fixed(client, world, django_assert_num_queries, page):
    sa = make_self_assessment(world)
    client.force_login(world.users["member_admin"])
    target = list_url(sa) if page == "list" else norm_url(sa, "V3")
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(target).status_code == 200
    all_norms = norms(sa)
    for norm in all_norms[:10]:
        team(sa, world, norm, ["met", "partly", "not_met"])
    consolidate(sa, world.users["member_admin"], not_met=3, partly=3)
    with django_assert_num_queries(QUERIES[page] + (1 if page == "norm" else 0)):  # + history
        assert client.get(target).status_code == 200


# Session, user, roles, the self-assessment; norms, team answers, consolidations
# (the norm page: its own answer instead of all, plus its history once there is one).
QUERIES = {"list": 7, "norm": 7}


def test_norm_page_shows_text_guidance_team_and_the_four_answers(client_as, world):
    sa = make_self_assessment(world)
    v2 = next(n for n in norms(sa) if n.code == "V2")
    team(sa, world, v2, ["met", "met"], example="geheim")
    body = client_as("member_admin").get(norm_url(sa, "V2")).content.decode()
    assert v2.text.split("\n")[0][:40] in body
    for label in ("+ voldoet", "+/- deels", "- voldoet niet", "n.v.t."):
        assert f">{label}</label>" in body
    assert "geheim" not in body  # two people: their examples stay private
    assert "+ voldoet: <strong>2</strong>" in body
    assert f'href="{norm_url(sa, "V1")}"' in body and f'href="{norm_url(sa, "V3")}"' in body


def test_examples_shown_from_three_people(client_as, world):
    sa = make_self_assessment(world)
    v2 = next(n for n in norms(sa) if n.code == "V2")
    team(sa, world, v2, ["met", "met", "partly"], example="zichtbaar")
    body = client_as("member_admin").get(norm_url(sa, "V2")).content.decode()
    assert "zichtbaar professional" in body


def test_save_creates_then_updates_with_history(client_as, world):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    response = client.post(
        norm_url(sa, "D4"),
        {"verdict": "partly", "explanation": "Nog niet overal", "evidence": "Werkplan 2026"},
    )
    assert response.status_code == 302
    given = Consolidation.objects.get(self_assessment=sa, norm__rubric__code="D", norm__number=4)
    assert (given.verdict, given.version, given.updated_by) == (
        "partly",
        1,
        world.users["member_admin"],
    )
    response = client.post(
        norm_url(sa, "d4"),
        {"verdict": "met", "explanation": "Nu wel", "evidence": "", "loaded_version": "1"},
    )
    assert response.status_code == 302
    given.refresh_from_db()
    assert (given.verdict, given.version) == ("met", 2)
    assert given.history.count() == 2
    body = client.get(norm_url(sa, "D4")).content.decode()
    assert "Wijzigingen" in body and "+/- deels → + voldoet" in body


def test_not_applicable_needs_an_explanation(client_as, world):
    sa = make_self_assessment(world)
    response = client_as("member_admin").post(norm_url(sa, "O13"), {"verdict": "not_applicable"})
    assert response.status_code == 200
    assert "Leg uit waarom de norm niet van toepassing is." in response.content.decode()
    assert not Consolidation.objects.exists()


def test_two_people_at_once_the_second_is_refused_and_the_first_kept(client_as, world):
    sa = make_self_assessment(world)
    Consolidation.objects.create(
        self_assessment=sa, norm=norms(sa)[0], verdict="met", updated_by=world.users["member_admin"]
    )
    client = client_as("member_admin")
    first = client.post(norm_url(sa, "V1"), {"verdict": "partly", "loaded_version": "1"})
    assert first.status_code == 302
    # The second person loaded version 1 too, before the first saved.
    second = client.post(
        norm_url(sa, "V1"), {"verdict": "not_met", "explanation": "x", "loaded_version": "1"}
    )
    assert second.status_code == 409
    assert STALE in second.content.decode()
    given = Consolidation.objects.get(self_assessment=sa, norm__rubric__code="V", norm__number=1)
    assert (given.verdict, given.version) == ("partly", 2)


def test_two_first_answers_at_once_the_second_is_refused(client_as, world):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    assert client.post(norm_url(sa, "V5"), {"verdict": "met"}).status_code == 302
    # Someone who opened the page before any answer existed (no version loaded).
    second = client.post(norm_url(sa, "V5"), {"verdict": "not_met"})
    assert second.status_code == 409
    assert Consolidation.objects.get(self_assessment=sa).verdict == "met"


def test_closed_self_assessment_is_read_only(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 6, 1))
    Consolidation.objects.create(
        self_assessment=sa,
        norm=norms(sa)[0],
        verdict="met",
        explanation="Goed",
        updated_by=world.users["member_admin"],
    )
    client = client_as("member_admin")
    body = client.get(norm_url(sa, "V1")).content.decode()
    assert '<form method="post" class="site-form"' not in body
    assert "+ voldoet" in body and "afgerond op 1 juni 2026" in body
    response = client.post(norm_url(sa, "V1"), {"verdict": "not_met", "loaded_version": "1"})
    assert response.status_code == 403
    assert "de antwoorden kunnen niet meer veranderen" in response.content.decode()
    given = Consolidation.objects.get(self_assessment=sa)
    assert (given.verdict, given.version) == ("met", 1)
    assert client.post(norm_url(sa, "V2"), {"verdict": "met"}).status_code == 403
    assert Consolidation.objects.count() == 1


def test_unknown_norm_is_not_found(client_as, world):
    sa = make_self_assessment(world)
    assert client_as("member_admin").get(norm_url(sa, "V99")).status_code == 404


@pytest.mark.parametrize("role", ["professional", "auditor", "swn_adviser", "peer_auditor"])
def test_others_may_not_consolidate(client_as, world, role):
    from kwaliteitslabel.selfassessment.models import Share

    sa = make_self_assessment(world)
    add_participant(sa, world.users["professional"])
    Share.objects.create(
        self_assessment=sa, body=world.body_x, shared_by=world.users["member_admin"]
    )
    response = client_as(role).post(norm_url(sa, "V1"), {"verdict": "met"})
    assert response.status_code in (403, 404)
    assert not Consolidation.objects.exists()


def test_another_members_self_assessment_is_not_found(client_as, world):
    sa = make_self_assessment(world, member=world.member_b)
    assert client_as("member_admin").post(norm_url(sa, "V1"), {"verdict": "met"}).status_code == 404
    assert not Consolidation.objects.exists()
