"""Interviews, documents, findings per norm, closing and history (issue 6, items 4-7)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits import finding_history, findings, workflow
from kwaliteitslabel.audits.models import AuditDay, Finding, Interview, TeamMember
from kwaliteitslabel.selfassessment.models import Consolidation, Share
from tests.selfassessment.helpers import make_self_assessment
from tests.world import make_user

from .helpers import make_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(world):
    """Member A's audit by body X, started; the world's auditor leads, a colleague helps."""
    audit = make_audit(world, status="started")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    colleague = make_user("collega@example.nl", "Carla Collega", Role.AUDITOR, body=world.body_x)
    TeamMember.objects.create(audit=audit, user=colleague, role="auditor")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    return audit


def colleague(audit):
    return audit.team.get(role="auditor").user


def url(audit, name="findings", **kwargs):
    return reverse(f"audits:{name}", kwargs={"pk": audit.pk, **kwargs})


def finding(audit, code):
    return findings.find(audit, code)


def post_finding(client, audit, code, headers=None, **changes):
    current = finding(audit, code)
    data = {
        "loaded_version": current.version,
        "text": current.text,
        "strengths": current.strengths,
        "improvement_points": current.improvement_points,
        "verdict": current.verdict,
        "not_applicable_reason": current.not_applicable_reason,
        "interviews": [i.pk for i in current.interviews.all()],
        "documents": [d.pk for d in current.documents.all()],
    }
    data.update(changes)
    return client.post(url(audit, "finding", code=code), data, headers=headers or {})


def sources(audit, interviews=2, documents=1):
    rubric = audit.framework.rubrics.get(code="V")
    made = [
        audit.interviews.create(function=f"Jongerenwerker {n}", department="Wijkteam Noord")
        for n in range(interviews)
    ]
    made += [
        audit.documents.create(rubric=rubric, title=f"Beleidsplan {n}") for n in range(documents)
    ]
    return made


def assess_all(audit, verdict="met", user=None):
    Finding.objects.filter(audit=audit).update(verdict=verdict, updated_by=user)


def test_every_finding_starts_not_assessed_nothing_is_prefilled(audit):
    assert Finding.objects.filter(audit=audit).count() == 49
    assert set(Finding.objects.values_list("verdict", flat=True)) == {"not_assessed"}
    findings.ensure_findings(audit)  # twice changes nothing
    assert Finding.objects.filter(audit=audit).count() == 49


def test_start_creates_the_49_findings(world, audit):
    audit.findings.all().delete()
    audit.status = "accepted"
    audit.save()
    for place in audit.team.select_related("user"):
        workflow.declare_independent(place)
        code_of_conduct.sign(
            place.user, name=place.user.name, place="Utrecht", signed_on=timezone.localdate()
        )
    workflow.start(audit, world.users["auditor"])
    assert audit.findings.count() == 49
    assert not audit.findings.exclude(verdict="not_assessed").exists()


def test_an_interview_is_listed_by_function_never_by_name_bijlage_7(client_as, world, audit):
    client = client_as("auditor")
    target = url(audit, "audit_sources")
    for text, message in [
        ("Demo member_admin", "‘Demo member_admin’ is een naam"),
        ("mevr. Jansen", "Noem geen personen"),
    ]:
        response = client.post(
            target, {"action": "interview", "interview-function": text, "interview-department": ""}
        )
        assert response.status_code == 400
        assert message in response.context["interview_form"].errors["function"][0]
    response = client.post(target, {"action": "interview", "interview-function": ""})
    assert response.context["interview_form"].errors["function"] == ["Vul de functie in."]
    assert not Interview.objects.exists()
    response = client.post(
        target,
        {
            "action": "interview",
            "interview-function": "Opbouwwerker",
            "interview-department": "Team Zuid",
        },
    )
    assert response.status_code == 302
    assert str(Interview.objects.get()) == "Opbouwwerker, Team Zuid"


def test_documents_are_kept_per_rubric(client_as, audit):
    client = client_as("auditor")
    rubric = audit.framework.rubrics.get(code="D")
    response = client.post(
        url(audit, "audit_sources"),
        {
            "action": "document",
            "document-rubric": rubric.pk,
            "document-title": "Klachtenregeling 2026",
        },
    )
    assert response.status_code == 302
    page = client.get(url(audit, "audit_sources"))
    assert {r.code: [d.title for d in docs] for r, docs in page.context["rubrics"]} == {
        "V": [],
        "D": ["Klachtenregeling 2026"],
        "O": [],
    }
    # A document only shows as a source for the norms of its rubric.
    assert not finding(audit, "V1").documents.model.objects.filter(rubric__code="V").exists()
    form = client.get(url(audit, "finding", code="D1")).context["form"]
    assert [d.title for d in form.fields["documents"].queryset] == ["Klachtenregeling 2026"]
    form = client.get(url(audit, "finding", code="V1")).context["form"]
    assert not form.fields["documents"].queryset.exists()


def test_a_source_in_use_cannot_be_removed_and_removal_asks_first(client_as, audit):
    client = client_as("auditor")
    used, spare, _doc = sources(audit)
    finding(audit, "V2").interviews.add(used)
    target = url(audit, "audit_sources")
    response = client.post(target, {"action": "remove_interview", "pk": used.pk}, follow=True)
    assert "is een bron bij V2" in response.content.decode()
    response = client.post(target, {"action": "remove_interview", "pk": spare.pk})
    assert response.status_code == 200 and "verwijderen?" in response.content.decode()
    assert Interview.objects.filter(pk=spare.pk).exists()
    client.post(target, {"action": "remove_interview", "pk": spare.pk, "confirm": "yes"})
    assert not Interview.objects.filter(pk=spare.pk).exists()


def test_a_finding_is_saved_with_its_sources_and_moves_to_the_next_norm(client_as, world, audit):
    interview_1, interview_2, document = sources(audit)
    response = post_finding(
        client_as("auditor"),
        audit,
        "V1",
        text="Professionals noemen het beroepsprofiel; drie dossiers laten het zien.",
        interviews=[interview_1.pk, interview_2.pk],
        documents=[document.pk],
        strengths="Intervisie elke maand.",
        verdict="met",
        go="next",
    )
    assert response.status_code == 302
    assert response.url == url(audit, "finding", code="V2")
    saved = finding(audit, "V1")
    assert saved.verdict == "met" and saved.version == 2
    assert saved.updated_by == world.users["auditor"]
    assert {i.pk for i in saved.interviews.all()} == {interview_1.pk, interview_2.pk}


def test_not_applicable_needs_a_reason_and_nothing_changes(client_as, audit):
    response = post_finding(client_as("auditor"), audit, "D11", verdict="not_applicable", text="x")
    assert response.status_code == 400
    assert "niet van toepassing" in response.context["form"].errors["not_applicable_reason"][0]
    unchanged = finding(audit, "D11")
    assert (unchanged.verdict, unchanged.text, unchanged.version) == ("not_assessed", "", 1)
    response = post_finding(
        client_as("auditor"),
        audit,
        "D11",
        verdict="not_applicable",
        not_applicable_reason="De organisatie werkt niet met bedrijfskritische stagiaires.",
    )
    assert response.status_code == 302
    assert finding(audit, "D11").verdict == "not_applicable"


def test_two_people_on_one_norm_the_second_is_refused_and_warned(client_as, audit, client):
    loaded = finding(audit, "O3").version
    first = post_finding(client_as("auditor"), audit, "O3", text="Eerste tekst", verdict="partly")
    assert first.status_code == 302
    client.force_login(colleague(audit))
    second = post_finding(client, audit, "O3", loaded_version=loaded, text="Tweede tekst")
    assert second.status_code == 409
    assert "intussen gewijzigd" in second.content.decode()
    kept = finding(audit, "O3")
    assert (kept.text, kept.verdict) == ("Eerste tekst", "partly")
    # The autosave hears the same, with who changed it.
    reply = post_finding(
        client, audit, "O3", headers={"X-Autosave": "1"}, loaded_version=loaded, text="Derde"
    )
    assert reply.status_code == 409
    assert reply.json()["by"] == "Demo auditor"
    assert finding(audit, "O3").text == "Eerste tekst"
    # Opening the norm warns the colleague that someone just worked on it.
    page = client.get(url(audit, "finding", code="O3"))
    assert "Demo auditor heeft deze norm om" in page.content.decode()


def test_autosave_answers_with_the_new_version(client_as, audit):
    client = client_as("auditor")
    reply = post_finding(client, audit, "V4", headers={"X-Autosave": "1"}, text="Eerste zin.")
    assert reply.status_code == 200
    body = reply.json()
    assert body["saved"] and body["version"] == 2 and body["sources"] == 0
    reply = post_finding(client, audit, "V4", headers={"X-Autosave": "1"}, verdict="not_applicable")
    assert reply.status_code == 400
    assert "not_applicable_reason" in reply.json()["errors"]


def test_norms_with_fewer_than_two_sources_are_shown_before_closing_bijlage_9(
    client_as, world, audit, mailoutbox
):
    interview, _other, _document = sources(audit)
    assess_all(audit)
    for f in Finding.objects.filter(audit=audit).exclude(norm__rubric__code="V", norm__number=5):
        f.interviews.add(*audit.interviews.all())
    finding(audit, "V5").interviews.add(interview)
    client = client_as("auditor")
    page = client.get(url(audit))
    assert [f.norm.code for f in page.context["few_sources"]] == ["V5"]
    page = client.get(url(audit, "findings_close"))
    assert "1 norm rust op minder dan twee bronnen" in page.content.decode()
    response = client.post(url(audit, "findings_close"), follow=True)
    assert "Bevestig dat u de normen met minder dan twee bronnen hebt gezien" in (
        response.content.decode()
    )
    audit.refresh_from_db()
    assert audit.status == "started"
    client.post(url(audit, "findings_close"), {"seen": "yes"})
    audit.refresh_from_db()
    assert audit.status == "findings_closed"
    assert audit.events.last().by == world.users["auditor"]
    (mail,) = mailoutbox
    assert set(mail.to) == {"body_admin@example.nl", "member_admin@example.nl"}
    assert "Voldoet: 49" in mail.body


def test_closing_waits_for_every_verdict_and_the_last_day(audit):
    lead = audit.team.get(role="lead").user
    with pytest.raises(workflow.Refused) as refused:
        workflow.close_findings(audit, lead, seen_few_sources=True)
    assert "49 normen zijn nog niet beoordeeld" in refused.value.reasons[0]
    assess_all(audit)
    finding(audit, "D3").__class__.objects.filter(pk=finding(audit, "D3").pk).update(
        verdict="not_assessed"
    )
    assert workflow.closing_problems(audit) == ["1 norm is nog niet beoordeeld: D3."]
    assess_all(audit)
    AuditDay.objects.create(audit=audit, date=timezone.localdate() + datetime.timedelta(days=3))
    problems = workflow.closing_problems(audit)
    assert len(problems) == 1 and "laatste auditdag" in problems[0]


def test_only_the_lead_closes(client_as, audit, client):
    assess_all(audit)
    client.force_login(colleague(audit))
    assert client.get(url(audit, "findings_close")).status_code == 403
    assert client.post(url(audit, "findings_close"), {"seen": "yes"}).status_code == 403
    audit.refresh_from_db()
    assert audit.status == "started"


def test_findings_on_a_closed_audit_are_refused_and_nothing_changes(client_as, audit):
    assess_all(audit)
    workflow.close_findings(audit, audit.team.get(role="lead").user, seen_few_sources=True)
    response = post_finding(client_as("auditor"), audit, "V1", text="Later nog iets", follow=True)
    assert response.status_code == 302
    assert finding(audit, "V1").text == ""
    page = client_as("auditor").get(url(audit, "finding", code="V1"))
    assert page.context["form"] is None
    interview = client_as("auditor").post(
        url(audit, "audit_sources"), {"action": "interview", "interview-function": "Bestuurder"}
    )
    assert interview.status_code == 403
    assert not Interview.objects.exists()


def test_the_result_per_rubric_is_derived_never_typed(client_as, audit):
    assess_all(audit)
    verdicts = {
        "V5": "partly",
        "V7": "partly",
        "D8": "partly",
        "O10": "not_met",
        "D11": "not_applicable",
    }
    for code, verdict in verdicts.items():
        Finding.objects.filter(pk=finding(audit, code).pk).update(
            verdict=verdict, not_applicable_reason="geen stagiaires"
        )
    results = {r.rubric.code: r for r in findings.result_per_rubric(findings.with_sources(audit))}
    assert (results["V"].met, results["V"].partly, results["V"].not_met) == (13, ["V5", "V7"], [])
    assert (results["D"].met, results["D"].partly, results["D"].not_applicable) == (
        9,
        ["D8"],
        ["D11"],
    )
    assert (results["O"].met, results["O"].not_met) == (22, ["O10"])
    assert not results["V"].all_met
    outcome = findings.outcome(audit, findings.with_sources(audit))
    assert outcome.counts == {
        "met": 44,
        "partly": 3,
        "not_met": 1,
        "not_applicable": 1,
        "not_assessed": 0,
    }
    assert outcome.route == "b"
    workflow.close_findings(audit, audit.team.get(role="lead").user, seen_few_sources=True)
    page = client_as("member_admin").get(url(audit, "audit_detail"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bevindingen vastgesteld" in html and "V5, V7" in html and "O10" in html


def test_the_member_follows_progress_but_reads_no_findings_before_the_report(client_as, audit):
    Finding.objects.filter(pk=finding(audit, "V1").pk).update(verdict="met")
    client = client_as("member_admin")
    page = client.get(url(audit, "audit_detail"))
    assert "1 van 49 normen beoordeeld" in page.content.decode()
    assert client.get(url(audit)).status_code == 403
    assert client.get(url(audit, "finding", code="V1")).status_code == 403


def test_the_body_reads_along_but_does_not_write(client_as, audit):
    client = client_as("body_admin")
    assert client.get(url(audit, "finding", code="V1")).context["form"] is None
    assert post_finding(client, audit, "V1", text="Van de CI").status_code == 403
    assert finding(audit, "V1").text == ""


def test_the_self_assessment_answer_is_beside_the_norm_when_shared(client_as, world, audit):
    sa = make_self_assessment(world, closed_on=timezone.localdate())
    norm = finding(audit, "V3").norm
    Consolidation.objects.create(
        self_assessment=sa,
        norm=norm,
        verdict="partly",
        explanation="Ondernemend werken staat nog in de kinderschoenen.",
        updated_by=world.users["member_admin"],
    )
    audit.self_assessment = sa
    audit.save()
    client = client_as("auditor")
    assert "kinderschoenen" not in client.get(url(audit, "finding", code="V3")).content.decode()
    Share.objects.create(
        self_assessment=sa, body=world.body_x, shared_by=world.users["member_admin"]
    )
    html = client.get(url(audit, "finding", code="V3")).content.decode()
    assert "Zelfevaluatie van de organisatie" in html and "kinderschoenen" in html


def test_history_shows_who_when_old_and_new_with_one_sitting_merged(
    client_as, world, audit, client
):
    interview = sources(audit, interviews=1, documents=0)[0]
    lead = client_as("auditor")
    post_finding(lead, audit, "V6", text="Eerste", headers={"X-Autosave": "1"})
    post_finding(lead, audit, "V6", text="Eerste versie", headers={"X-Autosave": "1"})
    post_finding(lead, audit, "V6", verdict="partly", interviews=[interview.pk])
    client.force_login(colleague(audit))
    post_finding(client, audit, "V6", verdict="met")
    rows = finding_history.changes(audit, finding(audit, "V6").norm)
    assert [row.who for row in rows] == ["Carla Collega", "Demo auditor"]
    newest, oldest = rows
    assert ("oordeel", "+/- deels", "+ voldoet") in newest.changes
    assert ("bevindingen", "–", "Eerste versie") in oldest.changes
    assert ("gesprekken", "–", "Jongerenwerker 0, Wijkteam Noord") in oldest.changes
    assert ("oordeel", "— niet beoordeeld", "+/- deels") in oldest.changes
    page = client_as("body_admin").get(url(audit, "findings_history") + "?norm=V6")
    assert page.status_code == 200 and "Carla Collega" in page.content.decode()
    client.force_login(colleague(audit))  # a team member who is not the lead
    assert client.get(url(audit, "findings_history")).status_code == 403


def test_pages_do_not_grow_with_their_data(client_as, audit, django_assert_max_num_queries):
    client = client_as("auditor")

    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx)

    pages = [
        url(audit),
        url(audit, "finding", code="V2"),
        url(audit, "audit_sources"),
        url(audit, "findings_history"),
    ]
    post_finding(client, audit, "V1", text="Eerste")  # the history has a record to show
    before = [count(p) for p in pages]
    made = sources(audit, interviews=6, documents=4)
    for f in Finding.objects.filter(audit=audit):
        f.interviews.add(*made[:6])
        f.documents.add(*made[6:])
    assess_all(audit, user=audit.team.get(role="lead").user)
    assert [count(p) for p in pages] == before
    with django_assert_max_num_queries(16):
        client.get(url(audit, "finding", code="V2"))
    with django_assert_max_num_queries(7):
        client.get(url(audit))
