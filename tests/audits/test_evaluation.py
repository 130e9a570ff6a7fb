"""The team's evaluation of an audit (Bijlage 9 "Werkwijze"): once, after closing; named for
the body, anonymous for SWN."""

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits import evaluation
from kwaliteitslabel.audits.models import Audit, Evaluation, TeamMember
from kwaliteitslabel.audits.rules_audit import evaluation_open
from tests.world import make_user

from .helpers import make_audit

pytestmark = pytest.mark.django_db

SCALE_KEYS = [q.key for q in evaluation.current().questions if q.is_scale]
TOO_EARLY = ["requested", "declined", "accepted", "started"]


def answers(**changes) -> dict:
    """Every scale question a 4, no remark; `changes` override by key."""
    return {**dict.fromkeys(SCALE_KEYS, 4), "remarks": "", **changes}


def post_data(**changes) -> dict:
    return {k: "" if v is None else str(v) for k, v in answers(**changes).items()}


def form_url(audit):
    return reverse("audits:evaluation_form", kwargs={"pk": audit.pk})


def named_url(audit):
    return reverse("audits:evaluation_named", kwargs={"pk": audit.pk})


def anonymous_url(audit):
    return reverse("audits:evaluation_anonymous", kwargs={"pk": audit.pk})


OVERVIEW_URL = reverse("audits:evaluation_overview")


@pytest.fixture
def closed(world):
    """An audit whose findings are closed, with the world's auditor as lead."""
    audit = make_audit(world, status="findings_closed")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    return audit


def add_member(world, audit, name, role="auditor"):
    """A further person of body X (or a peer auditor of member B) in the audit's team."""
    slug = name.lower().replace(" ", ".")
    if role == "peer_auditor":
        user = make_user(f"{slug}@b.example.nl", name, Role.PEER_AUDITOR, member=world.member_b)
    else:
        user = make_user(f"{slug}@ci-x.example.nl", name, Role.AUDITOR, body=world.body_x)
    return TeamMember.objects.create(audit=audit, user=user, role=role)


# --- The questions --------------------------------------------------------------------------


def test_the_questions_load_with_unique_keys_and_labelled_scales():
    for questionnaire in evaluation.read():
        keys = [q.key for q in questionnaire.questions]
        assert len(keys) == len(set(keys))
        assert 6 <= len(keys) <= 8
        assert all(q.low and q.high for q in questionnaire.questions if q.is_scale)
        assert {q.type for q in questionnaire.questions} == {"scale", "text"}
    assert {"preparation", "two_sources", "workload", "applicability", "remarks"} <= {
        q.key for q in evaluation.current().questions
    }


def test_a_repeated_key_is_refused(tmp_path):
    path = tmp_path / "evaluation.yaml"
    path.write_text(
        "versions:\n  - version: x\n    valid_from: 2026-01-01\n    questions:\n"
        "      - {key: a, topic: A, type: text, text: A}\n"
        "      - {key: a, topic: B, type: text, text: B}\n"
    )
    with pytest.raises(ValueError, match="repeats a question key"):
        evaluation.read(path)


def test_validate_wants_a_whole_number_from_one_to_five():
    questionnaire = evaluation.current()
    assert evaluation.validate(questionnaire, answers()) == {}
    for bad in (0, 6, "4", True, 3.5):
        errors = evaluation.validate(questionnaire, answers(preparation=bad))
        assert errors == {
            "preparation": "Bij ‘Voorbereiding’ kan alleen een antwoord van 1 tot en met 5."
        }
    assert "workload" in evaluation.validate(questionnaire, answers(workload=None))
    assert "extra" in evaluation.validate(questionnaire, answers(extra=1))


@pytest.mark.parametrize("status", TOO_EARLY)
def test_it_opens_only_after_the_findings_are_closed(status):
    assert not evaluation_open(Audit(status=status))
    assert evaluation_open(Audit(status="findings_closed"))


# --- Filling it in --------------------------------------------------------------------------


def test_a_team_member_evaluates_once_with_the_version_kept(client_as, world, closed):
    response = client_as("auditor").post(
        form_url(closed), post_data(preparation=2, remarks="  Documenten kwamen laat.  ")
    )
    assert response.status_code == 302
    stored = Evaluation.objects.get(place__audit=closed).answers
    assert stored == {
        "version": evaluation.current().version,
        "answers": answers(preparation=2, remarks="Documenten kwamen laat."),
    }
    page = client_as("auditor").get(form_url(closed))
    assert "U evalueerde deze toetsing op" in page.content.decode()
    assert page.context["form"] is None


def test_a_missing_scale_answer_is_refused_naming_the_question(client_as, world, closed):
    data = post_data()
    del data["two_sources"]
    response = client_as("auditor").post(form_url(closed), data)
    assert response.status_code == 400
    message = "Kies bij ‘Twee bronnen per norm’ een antwoord van 1 tot en met 5."
    assert response.context["form"].errors["two_sources"] == [message]
    html = response.content.decode()
    assert message in html
    assert f'<a class="utrecht-link" href="#id_two_sources_0">{message}</a>' in html  # summary
    assert "Elke norm kon ik toetsen aan ten minste twee bronnen" in html  # the question
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "veel", ""])
def test_a_value_outside_one_to_five_is_refused(client_as, world, closed, value):
    response = client_as("auditor").post(form_url(closed), {**post_data(), "applicability": value})
    assert response.status_code == 400
    assert "Toepasbaarheid van de normen" in response.context["form"].errors["applicability"][0]
    assert not Evaluation.objects.exists()


def test_a_second_submission_changes_nothing(client_as, world, closed):
    client = client_as("auditor")
    client.post(form_url(closed), post_data(preparation=5))
    response = client.post(form_url(closed), post_data(preparation=1), follow=True)
    assert "U hebt deze toetsing al geëvalueerd" in response.content.decode()
    assert Evaluation.objects.get().answers["answers"]["preparation"] == 5


def test_a_race_does_not_make_two(world, closed):
    """The view checks first; when two requests pass that check, the one-to-one refuses."""
    place = closed.team.get()
    evaluation.submit(place, answers(preparation=5))
    with pytest.raises(evaluation.AlreadySubmitted):
        evaluation.submit(place, answers(preparation=1))
    assert Evaluation.objects.get().answers["answers"]["preparation"] == 5


@pytest.mark.parametrize("role", ["body_admin", "member_admin", "swn_secretariat"])
def test_someone_outside_the_team_is_refused(client_as, world, closed, role):
    client = client_as(role)
    assert client.get(form_url(closed)).status_code == 403
    assert client.post(form_url(closed), post_data()).status_code == 403
    assert not Evaluation.objects.exists()


def test_a_team_member_of_another_audit_does_not_find_this_one(client_as, world):
    audit = make_audit(world, member=world.member_b, body=world.body_y, status="findings_closed")
    assert client_as("auditor").post(form_url(audit), post_data()).status_code == 404


@pytest.mark.parametrize("status", TOO_EARLY)
def test_before_closing_the_page_says_when_it_opens(client_as, world, status):
    audit = make_audit(world, status=status)
    place = TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    client = client_as("auditor")
    response = client.get(form_url(audit))
    assert response.status_code == 200
    assert "gaat open zodra het team de bevindingen heeft vastgesteld" in response.content.decode()
    assert response.context["form"] is None
    assert client.post(form_url(audit), post_data()).status_code == 403
    with pytest.raises(evaluation.NotOpen):
        evaluation.submit(place, answers())
    assert not Evaluation.objects.exists()


# --- Reading them back ----------------------------------------------------------------------


@pytest.fixture
def evaluated(world, closed):
    """Three of four team members evaluated; the peer auditor did not."""
    lead = closed.team.get()
    anna = add_member(world, closed, "Anna Achterberg")
    bram = add_member(world, closed, "Bram Bosma")
    add_member(world, closed, "Carla Claassen", role="peer_auditor")
    evaluation.submit(lead, answers(preparation=3, workload=2, remarks="Zelfevaluatie kwam laat."))
    evaluation.submit(anna, answers(preparation=4, workload=3, remarks="Goede samenwerking."))
    evaluation.submit(bram, answers(preparation=4, workload=5))
    return closed


def test_the_body_admin_sees_names_roles_and_who_has_not_evaluated(client_as, world, evaluated):
    response = client_as("body_admin").get(named_url(evaluated))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Demo auditor, teamleider", "Anna Achterberg, auditor", "Bram Bosma, auditor"):
        assert heading in html
    assert [p.user.name for p in response.context["waiting"]] == ["Carla Claassen"]
    assert "Zelfevaluatie kwam laat." in html


def test_swn_sees_no_names_roles_or_times(client_as, world, evaluated):
    response = client_as("swn_adviser").get(anonymous_url(evaluated))
    assert response.status_code == 200
    html = response.content.decode()
    for place in evaluated.team.select_related("user", "evaluation"):
        assert place.user.name not in html
        assert place.user.email not in html
    for role in ("teamleider", "branchetoetser"):
        assert role not in html
    assert "Ingestuurd" not in html
    assert "3 van de 4 teamleden hebben geëvalueerd" in html
    assert "Zelfevaluatie kwam laat." in html


def test_swn_sees_the_answers_in_an_order_by_the_answers(client_as, world, evaluated):
    rows = client_as("swn_secretariat").get(anonymous_url(evaluated)).context["rows"]
    by_key = {row.question.key: row for row in rows}
    assert by_key["preparation"].values == [3, 4, 4]  # the lead's first, as it sorts lowest
    assert by_key["workload"].values == [2, 3, 5]


def test_the_averages_per_question(client_as, world, evaluated):
    rows = client_as("swn_secretariat").get(anonymous_url(evaluated)).context["rows"]
    by_key = {row.question.key: row for row in rows}
    assert str(by_key["preparation"].average) == "3.7"
    assert str(by_key["workload"].average) == "3.3"
    assert str(by_key["cooperation"].average) == "4.0"
    assert by_key["remarks"].average is None
    assert by_key["remarks"].texts == ["Goede samenwerking.", "Zelfevaluatie kwam laat."]


def test_swn_does_not_see_a_single_evaluation(client_as, world, closed):
    evaluation.submit(closed.team.get(), answers(remarks="Alleen ik."))
    response = client_as("swn_secretariat").get(anonymous_url(closed))
    assert response.context["rows"] == []
    assert "Alleen ik." not in response.content.decode()
    assert "vanaf 2 evaluaties" in response.content.decode()


def test_the_overview_adds_up_every_audit_without_names(client_as, world, evaluated):
    other = make_audit(world, member=world.member_b, body=world.body_y, status="findings_closed")
    place = add_member(world, other, "Dirk Dekker")
    evaluation.submit(place, answers(preparation=1, remarks="Planning was krap."))
    response = client_as("swn_secretariat").get(OVERVIEW_URL)
    assert response.status_code == 200
    by_key = {row.question.key: row for row in response.context["rows"]}
    assert (by_key["preparation"].count, str(by_key["preparation"].average)) == (4, "3.0")
    assert by_key["remarks"].count == 2 + 1
    html = response.content.decode()
    assert "Planning was krap." in html
    for name in ("Demo auditor", "Anna Achterberg", "Bram Bosma", "Carla Claassen", "Dirk Dekker"):
        assert name not in html
    counts = {a.pk: (a.evaluated, a.team_size) for a in response.context["audits"]}
    assert counts == {evaluated.pk: (3, 4), other.pk: (1, 1)}


@pytest.mark.parametrize("role", ["body_admin", "auditor", "governance"])
def test_only_swn_reads_anonymously(client_as, world, evaluated, role):
    client = client_as(role)
    assert client.get(anonymous_url(evaluated)).status_code == 403
    assert client.get(OVERVIEW_URL).status_code == 403


# --- Links on the audit's page --------------------------------------------------------------


def detail(client, audit) -> str:
    return client.get(reverse("audits:audit_detail", kwargs={"pk": audit.pk})).content.decode()


def test_the_audit_page_links_to_the_evaluation(client_as, world, closed):
    assert "Evalueer de toetsing" in detail(client_as("auditor"), closed)
    assert "Evaluaties van het team" in detail(client_as("body_admin"), closed)
    assert "Evaluaties zonder naam" in detail(client_as("swn_adviser"), closed)
    assert "Evalue" not in detail(client_as("member_admin"), closed)
    evaluation.submit(closed.team.get(), answers())
    html = detail(client_as("auditor"), closed)
    assert "Evalueer de toetsing" not in html
    assert "Uw evaluatie van de toetsing" in html


def test_the_audit_page_has_no_evaluation_links_before_closing(client_as, world):
    audit = make_audit(world, status="started")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    for role in ("auditor", "body_admin", "swn_adviser"):
        assert "Evalu" not in detail(client_as(role), audit)


# --- Queries do not grow with the number of evaluations -------------------------------------

QUERIES = {"form": 6, "named": 6, "anonymous": 6, "overview": 6}
PAGES = {
    "form": ("auditor", form_url),
    "named": ("body_admin", named_url),
    "anonymous": ("swn_secretariat", anonymous_url),
    "overview": ("swn_secretariat", lambda audit: OVERVIEW_URL),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_number_of_queries_is_fixed(
    client_as, world, evaluated, django_assert_num_queries, page
):
    role, url = PAGES[page]
    client = client_as(role)
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(url(evaluated)).status_code == 200
    for name in ("Eva Eerens", "Frank Fokkema", "Gea Geerts"):
        evaluation.submit(add_member(world, evaluated, name), answers(preparation=2))
    other = make_audit(world, status="findings_closed")
    evaluation.submit(add_member(world, other, "Hans Hoekstra"), answers())
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(url(evaluated)).status_code == 200
