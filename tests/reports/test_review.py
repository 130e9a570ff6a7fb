"""The concept round (issue 8, item 3; Bijlage 6 steps 6-8): corrections per field or norm,
the lead's answers before the report is final, and every version kept and compared."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import findings, workflow
from kwaliteitslabel.audits.models import AuditDay, Finding, TeamMember
from kwaliteitslabel.reports.models import Correction, ReportVersion
from tests.audits.helpers import make_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(world):
    """The concept just went to the member: all met but V5 partly."""
    audit = make_audit(world, status="findings_closed")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met", text="Gezien in de praktijk.")
    Finding.objects.filter(pk=findings.find(audit, "V5").pk).update(verdict="partly")
    workflow.send_draft(audit, world.users["auditor"])
    audit.refresh_from_db()
    return audit


def url(audit, name="corrections"):
    return reverse(f"reports:{name}", args=[audit.pk])


def test_member_corrects_per_norm_and_field_and_the_lead_answers_each(world, client, concept):
    client.force_login(world.users["member_admin"])
    page = client.get(url(concept)).content.decode()
    assert "Deel A: Klantnaam" in page and "Deel B: V1." in page
    reply = client.post(url(concept), {"action": "add", "target": "V1", "comment": ""})
    assert reply.status_code == 400 and "Schrijf wat niet klopt" in reply.content.decode()
    assert not Correction.objects.exists()
    for target, comment in (
        ("V1", "Het zijn acht professionals."),
        ("member_phone", "Nieuw nummer."),
    ):
        assert (
            client.post(
                url(concept), {"action": "add", "target": target, "comment": comment}
            ).status_code
            == 302
        )
    # The lead's answer form is not the member's.
    first = Correction.objects.first()
    assert client.post(url(concept), {"action": f"answer-{first.pk}"}).status_code == 403
    workflow.react(concept, world.users["member_admin"], "Zie de correcties.")
    concept.refresh_from_db()
    assert (
        client.post(url(concept), {"action": "add", "target": "V2", "comment": "x"}).status_code
        == 403
    )

    lead = world.users["auditor"]
    problems = workflow.finalize_problems(concept, list(findings.with_sources(concept)))
    assert "2 correcties van het lid nog niet beantwoord (Bijlage 6 stap 8)." in problems
    client.force_login(lead)
    data = {
        "action": f"answer-{first.pk}",
        f"c{first.pk}-decision": "accepted",
        f"c{first.pk}-reply": "",
    }
    assert client.post(url(concept), data).status_code == 400
    data[f"c{first.pk}-reply"] = "Aangepast in V1."
    assert client.post(url(concept), data).status_code == 302
    second = Correction.objects.last()
    data = {
        "action": f"answer-{second.pk}",
        f"c{second.pk}-decision": "rejected",
        f"c{second.pk}-reply": "Het nummer in de ledenadministratie is leidend.",
    }
    assert client.post(url(concept), data).status_code == 302
    assert list(Correction.objects.values_list("decision", flat=True)) == ["accepted", "rejected"]
    assert workflow.finalize(concept, lead) == "plan_due"


def test_every_sent_version_is_kept_and_the_changes_per_norm_show(world, client, concept):
    assert list(ReportVersion.objects.values_list("number", "status")) == [(1, "draft_report")]
    lead = world.users["auditor"]
    workflow.react(concept, world.users["member_admin"], "V1: acht professionals.")
    Finding.objects.filter(pk=findings.find(concept, "V1").pk).update(
        text="Acht professionals, gezien."
    )
    concept.refresh_from_db()
    workflow.finalize(concept, lead)
    assert list(ReportVersion.objects.values_list("number", "status")) == [
        (1, "draft_report"),
        (2, "plan_due"),
    ]
    client.force_login(world.users["member_admin"])
    page = client.get(url(concept, "versions") + "?versie=2").content.decode()
    assert "Acht professionals, gezien." in page and "Gezien in de praktijk." in page
    assert ">V1<" in page and ">V2<" not in page
    assert "Definitief op" in page  # part A's report date changed too
