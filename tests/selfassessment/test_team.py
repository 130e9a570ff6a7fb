"""The team round of the self-assessment (issue 5): start, team, answers, team answers."""

import datetime

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.frameworks.models import Framework, Norm
from kwaliteitslabel.selfassessment.models import Answer, Participant, SelfAssessment
from tests.world import make_user

from .helpers import add_participant, make_self_assessment

pytestmark = pytest.mark.django_db


def _norm(sa, code):
    return Norm.objects.get(framework=sa.framework, rubric__code=code[0], number=int(code[1:]))


def _link(sa, name="Teamoverleg", rubrics=("V",)):
    return Participant.objects.create(self_assessment=sa, name=name, rubrics=list(rubrics))


# --- start and member list -------------------------------------------------------------


def test_member_admin_starts_with_newest_framework_in_force_and_previous_baseline(client_as, world):
    old = make_self_assessment(world, title="Nulmeting 2024", closed_on=datetime.date(2024, 5, 1))
    make_self_assessment(world, title="Nooit afgerond")
    client = client_as("member_admin")
    url = reverse("selfassessment:start", kwargs={"member_pk": world.member_a.pk})
    page = client.get(url)
    newest = Framework.objects.filter(status="in_force").order_by("-version").first()
    assert page.context["form"].initial["framework"] == newest.pk
    assert not page.context["form"].fields["framework"].queryset.exclude(status="in_force")
    response = client.post(url, {"title": "Zelfevaluatie 2027", "framework": newest.pk})
    sa = SelfAssessment.objects.get(title="Zelfevaluatie 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("selfassessment:detail", kwargs={"pk": sa.pk})
    assert sa.member == world.member_a and sa.started_by == world.users["member_admin"]
    assert sa.previous == old and sa.scope is None


@pytest.mark.parametrize("role", ["professional", "peer_auditor", "swn_secretariat", "auditor"])
def test_only_the_member_admin_starts(client_as, world, role):
    url = reverse("selfassessment:start", kwargs={"member_pk": world.member_a.pk})
    framework = Framework.objects.get(version="2019")
    response = client_as(role).post(url, {"title": "Niet van mij", "framework": framework.pk})
    assert response.status_code in (403, 404)
    assert not SelfAssessment.objects.exists()


def test_admin_of_another_member_cannot_start_there(client_as, world):
    url = reverse("selfassessment:start", kwargs={"member_pk": world.member_b.pk})
    framework = Framework.objects.get(version="2019")
    response = client_as("member_admin").post(url, {"title": "B", "framework": framework.pk})
    assert response.status_code in (403, 404)
    assert not SelfAssessment.objects.exists()


def test_scope_choices_are_the_members_own(client_as, world):
    from kwaliteitslabel.audits.models import Scope

    own = Scope.objects.create(member=world.member_a, name="Hele organisatie 2027")
    Scope.objects.create(member=world.member_b, name="Van B")
    url = reverse("selfassessment:start", kwargs={"member_pk": world.member_a.pk})
    page = client_as("member_admin").get(url)
    assert list(page.context["form"].fields["scope"].queryset) == [own]


def test_member_list_empty_state_offers_start(client_as, world):
    url = reverse("selfassessment:member_list", kwargs={"member_pk": world.member_a.pk})
    page = client_as("member_admin").get(url)
    assert "Er is nog geen zelfevaluatie" in page.content.decode()
    assert reverse("selfassessment:start", kwargs={"member_pk": world.member_a.pk}) in (
        page.content.decode()
    )


def test_member_list_shows_progress(client_as, world):
    sa = make_self_assessment(world)
    part = add_participant(sa, world.users["professional"], rubrics=("V",))
    Answer.objects.create(participant=part, norm=_norm(sa, "V1"), verdict="met")
    make_self_assessment(world, member=world.member_b, title="Van lid B")
    url = reverse("selfassessment:member_list", kwargs={"member_pk": world.member_a.pk})
    html = client_as("member_admin").get(url).content.decode()
    assert "Zelfevaluatie 2026" in html and "1 van 49" in html and "Van lid B" not in html


# --- detail ---------------------------------------------------------------------------


def test_admin_sees_counts_never_answers(client_as, world):
    sa = make_self_assessment(world)
    part = add_participant(sa, world.users["professional"], rubrics=("V", "D"))
    Answer.objects.create(
        participant=part, norm=_norm(sa, "V1"), verdict="not_met", example="GEHEIM-VOORBEELD"
    )
    html = client_as("member_admin").get(reverse("selfassessment:detail", args=[sa.pk])).content
    html = html.decode()
    assert "GEHEIM-VOORBEELD" not in html and "voldoet niet" not in html
    assert "1 van 26" in html  # the professional: V (15) + D (11)
    assert reverse("selfassessment:team_answers", args=[sa.pk]) in html


def test_participant_sees_their_part(client_as, world):
    sa = make_self_assessment(world)
    add_participant(sa, world.users["professional"], rubrics=("V",))
    html = client_as("professional").get(reverse("selfassessment:detail", args=[sa.pk]))
    html = html.content.decode()
    assert "Vakmanschap" in html and "0 van 15" in html
    assert reverse("selfassessment:answer", args=[sa.pk]) in html
    assert reverse("selfassessment:team", args=[sa.pk]) not in html


# --- team -------------------------------------------------------------------------------


def test_team_adds_a_colleague_with_rubrics_and_a_meeting_link_and_removes(client_as, world):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    url = reverse("selfassessment:team", args=[sa.pk])
    pro = world.users["professional"]
    choices = client.get(url).context["person_form"].fields["user"].queryset
    assert pro in choices and world.users["auditor"] not in choices
    assert world.users["swn_secretariat"] not in choices
    response = client.post(
        url, {"action": "person", "person-user": pro.pk, "person-rubrics": ["V", "D"]}
    )
    assert response.status_code == 302
    part = sa.participants.get(user=pro)
    assert part.rubrics == ["V", "D"]
    client.post(url, {"action": "link", "link-name": "Teamoverleg Noord", "link-rubrics": ["O"]})
    link = sa.participants.get(user__isnull=True)
    assert link.name == "Teamoverleg Noord" and link.rubrics == ["O"]
    page = client.get(url)
    html = page.content.decode()
    assert reverse("selfassessment:answer_by_link", kwargs={"token": link.token}) in html
    assert pro not in page.context["person_form"].fields["user"].queryset
    Answer.objects.create(participant=part, norm=_norm(sa, "V1"), verdict="met")
    # Removing asks first and says what follows; only the confirmation removes.
    asked = client.post(url, {"action": "remove", "participant": part.pk})
    assert asked.status_code == 200 and "1 antwoord van deze deelnemer wordt gewist" in (
        asked.content.decode()
    )
    assert sa.participants.filter(pk=part.pk).exists()
    client.post(url, {"action": "remove", "participant": part.pk, "confirm": "yes"})
    assert not sa.participants.filter(pk=part.pk).exists() and not Answer.objects.exists()


def test_team_cannot_remove_a_participant_of_another_self_assessment(client_as, world):
    sa = make_self_assessment(world)
    other = make_self_assessment(world, member=world.member_b)
    part = _link(other)
    url = reverse("selfassessment:team", args=[sa.pk])
    response = client_as("member_admin").post(
        url, {"action": "remove", "participant": part.pk, "confirm": "yes"}
    )
    assert response.status_code == 404 and Participant.objects.filter(pk=part.pk).exists()


def test_team_refuses_a_user_without_a_role_at_the_member(client_as, world):
    sa = make_self_assessment(world)
    stranger = make_user("b@example.nl", "Van B", Role.PROFESSIONAL, member=world.member_b)
    url = reverse("selfassessment:team", args=[sa.pk])
    response = client_as("member_admin").post(
        url, {"action": "person", "person-user": stranger.pk, "person-rubrics": ["V"]}
    )
    assert response.status_code == 400 and not sa.participants.exists()


def test_team_needs_a_rubric(client_as, world):
    sa = make_self_assessment(world)
    url = reverse("selfassessment:team", args=[sa.pk])
    response = client_as("member_admin").post(url, {"action": "link", "link-name": "Overleg"})
    assert response.status_code == 400 and not sa.participants.exists()


def test_team_of_a_closed_self_assessment_is_not_editable(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 1, 1))
    response = client_as("member_admin").get(reverse("selfassessment:team", args=[sa.pk]))
    assert response.status_code == 403


# --- answering --------------------------------------------------------------------------


def test_participant_answers_a_norm_of_their_part(client_as, world):
    sa = make_self_assessment(world)
    part = add_participant(sa, world.users["professional"], rubrics=("V", "D"))
    url = reverse("selfassessment:answer", args=[sa.pk])
    client = client_as("professional")
    page = client.get(url)
    codes = [r["norm"].code for r in page.context["rows"]]
    assert len(codes) == 26 and not [c for c in codes if c.startswith("O")]
    html = page.content.decode()
    for word in ("+ voldoet", "+/- deels", "- voldoet niet", "n.v.t."):
        assert word in html
    assert "<details" in html
    response = client.post(url, {"norm": "V3", "verdict": "partly", "example": "Intervisie"})
    assert response.status_code == 302 and response["Location"].endswith("#norm-V3")
    answer = part.answers.get()
    assert answer.norm == _norm(sa, "V3") and answer.verdict == "partly"
    # Saving again changes the answer, never adds a second.
    client.post(url, {"norm": "V3", "verdict": "met", "example": ""})
    assert part.answers.get().verdict == "met"


def test_answering_outside_ones_part_is_refused(client_as, world):
    sa = make_self_assessment(world)
    add_participant(sa, world.users["professional"], rubrics=("V", "D"))
    url = reverse("selfassessment:answer", args=[sa.pk])
    response = client_as("professional").post(url, {"norm": "O1", "verdict": "met"})
    assert response.status_code == 400
    assert "O1 hoort niet bij uw deel" in response.content.decode()
    assert not Answer.objects.exists()


def test_answer_without_verdict_saves_nothing(client_as, world):
    sa = make_self_assessment(world)
    add_participant(sa, world.users["professional"], rubrics=("V",))
    url = reverse("selfassessment:answer", args=[sa.pk])
    response = client_as("professional").post(url, {"norm": "V1", "example": "iets"})
    assert response.status_code == 400 and not Answer.objects.exists()


def test_participant_sees_only_own_answers(client_as, world):
    sa = make_self_assessment(world)
    mine = add_participant(sa, world.users["professional"], rubrics=("V",))
    other = add_participant(sa, world.users["peer_auditor"], rubrics=("V",))
    Answer.objects.create(
        participant=other, norm=_norm(sa, "V1"), verdict="not_met", example="X-ANDER"
    )
    Answer.objects.create(participant=mine, norm=_norm(sa, "V2"), verdict="met", example="X-MIJN")
    html = client_as("professional").get(reverse("selfassessment:answer", args=[sa.pk]))
    html = html.content.decode()
    assert "X-MIJN" in html and "X-ANDER" not in html


def test_one_norm_per_screen_with_previous_and_next(client_as, world):
    sa = make_self_assessment(world)
    part = add_participant(sa, world.users["professional"], rubrics=("V",))
    url = reverse("selfassessment:answer", args=[sa.pk])
    client = client_as("professional")
    page = client.get(url, {"norm": "V3"})
    assert page.context["row"]["norm"].code == "V3"
    assert page.context["previous"].code == "V2" and page.context["next"].code == "V4"
    response = client.post(f"{url}?norm=V3", {"norm": "V3", "verdict": "met", "mode": "one"})
    assert response["Location"] == f"{url}?norm=V4"
    assert part.answers.get().norm.code == "V3"


def test_non_participant_cannot_answer(client_as, world):
    sa = make_self_assessment(world)
    response = client_as("member_admin").get(reverse("selfassessment:answer", args=[sa.pk]))
    assert response.status_code == 403


# --- meeting link -----------------------------------------------------------------------


def test_meeting_link_works_without_log_in(client, world):
    sa = make_self_assessment(world)
    link = _link(sa, rubrics=("D",))
    url = reverse("selfassessment:answer_by_link", kwargs={"token": link.token})
    page = client.get(url)
    assert page.status_code == 200 and len(page.context["rows"]) == 11
    response = client.post(url, {"norm": "D2", "verdict": "not_applicable"})
    assert response.status_code == 302
    assert link.answers.get().norm == _norm(sa, "D2")
    refused = client.post(url, {"norm": "V1", "verdict": "met"})
    assert refused.status_code == 400 and link.answers.count() == 1


def test_meeting_link_stops_when_closed(client, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 6, 1))
    link = _link(sa)
    url = reverse("selfassessment:answer_by_link", kwargs={"token": link.token})
    page = client.get(url)
    assert page.status_code == 200 and "is afgerond" in page.content.decode()
    assert 'name="verdict"' not in page.content.decode()
    response = client.post(url, {"norm": "V1", "verdict": "met"})
    assert response.status_code == 409 and not Answer.objects.exists()


def test_unknown_or_personal_token_is_not_a_meeting_link(client, world):
    sa = make_self_assessment(world)
    personal = add_participant(sa, world.users["professional"])
    for token in ("bestaat-niet", personal.token):
        url = reverse("selfassessment:answer_by_link", kwargs={"token": token})
        assert client.get(url).status_code == 404


# --- team answers -----------------------------------------------------------------------


def _answer_v1(sa, world, roles, verdicts):
    for role, verdict in zip(roles, verdicts, strict=True):
        part = add_participant(sa, world.users[role])
        Answer.objects.create(
            participant=part, norm=_norm(sa, "V1"), verdict=verdict, example=f"VB-{role}"
        )


def test_team_answers_hide_examples_below_three(client_as, world):
    sa = make_self_assessment(world)
    _answer_v1(sa, world, ["professional", "peer_auditor"], ["met", "not_met"])
    html = client_as("member_admin").get(reverse("selfassessment:team_answers", args=[sa.pk]))
    html = html.content.decode()
    assert "minder dan 3 antwoorden: voorbeelden blijven verborgen" in html
    assert "VB-professional" not in html and "ver uiteen" in html


def test_team_answers_show_examples_from_three(client_as, world):
    sa = make_self_assessment(world)
    roles = ["professional", "peer_auditor", "member_admin"]
    _answer_v1(sa, world, roles, ["met", "met", "partly"])
    html = client_as("member_admin").get(reverse("selfassessment:team_answers", args=[sa.pk]))
    html = html.content.decode()
    assert all(f"VB-{r}" in html for r in roles)
    # Names never appear next to an answer.
    row = html.split('id="norm-V1"')[1].split("</tr>")[0]
    assert world.users["professional"].name not in row


TEAM_ANSWERS_QUERIES = 6


def test_team_answers_query_count_is_fixed(client_as, world, django_assert_num_queries):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    url = reverse("selfassessment:team_answers", args=[sa.pk])
    with django_assert_num_queries(TEAM_ANSWERS_QUERIES):
        client.get(url)
    norms = list(Norm.objects.filter(framework=sa.framework)[:20])
    for i in range(8):
        user = make_user(f"p{i}@example.nl", f"P{i}", Role.PROFESSIONAL, member=world.member_a)
        part = add_participant(sa, user)
        for norm in norms:
            Answer.objects.create(participant=part, norm=norm, verdict="met", example="x")
    client = client_as("member_admin")
    with django_assert_num_queries(TEAM_ANSWERS_QUERIES):
        client.get(url)
