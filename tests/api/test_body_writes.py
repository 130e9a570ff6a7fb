"""Findings, verdicts and part A written through the body API (issue 11 item 1): the same
rules, checks, lock and history as the pages."""

import pytest
from django.utils import timezone

from kwaliteitslabel.audits import findings
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.reports import points
from kwaliteitslabel.reports.models import Report, ReportPoint

from .helpers import API, bearer, started_audit, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world):
    return token_of(world)[1]


@pytest.fixture
def audit(world):
    return started_audit(world)


def put(client, path, secret, data):
    return client.put(f"{API}{path}", data, content_type="application/json", headers=bearer(secret))


def state(audit, code):
    f = findings.find(audit, code)
    return f.verdict, f.text, f.not_applicable_reason, f.version


def test_a_verdict_is_written_with_history_in_the_token_makers_name(client, world, secret, audit):
    source = audit.interviews.create(function="Jongerenwerker")
    reply = put(
        client,
        f"/audits/{audit.pk}/findings/V12",
        secret,
        {
            "version": 1,
            "verdict": "partly",
            "text": "Intervisie is er, maar niet elke maand.",
            "interviews": [source.pk],
        },
    )
    assert reply.status_code == 200, reply.content
    body = reply.json()
    admin = world.users["body_admin"]
    assert (body["verdict"], body["version"], body["interviews"]) == ("partly", 2, [source.pk])
    assert body["updated_by"] == admin.name
    finding = findings.find(audit, "V12")
    assert finding.history.first().history_user == admin
    read = client.get(f"{API}/audits/{audit.pk}/findings/V12", headers=bearer(secret)).json()
    assert read == body
    listed = client.get(f"{API}/audits/{audit.pk}/findings", headers=bearer(secret)).json()
    assert len(listed) == 49 and listed[11]["norm"] == "V12"


def test_fields_left_out_stay_as_they_were(client, secret, audit):
    put(
        client,
        f"/audits/{audit.pk}/findings/V1",
        secret,
        {"version": 1, "verdict": "met", "text": "Gezien in drie dossiers."},
    )
    reply = put(
        client, f"/audits/{audit.pk}/findings/V1", secret, {"version": 2, "verdict": "partly"}
    )
    assert reply.json()["text"] == "Gezien in drie dossiers."


def test_not_applicable_without_a_reason_is_422_naming_the_field(client, secret, audit):
    reply = put(
        client,
        f"/audits/{audit.pk}/findings/O13",
        secret,
        {"version": 1, "verdict": "not_applicable"},
    )
    assert reply.status_code == 422
    [problem] = reply.json()["detail"]
    assert problem["loc"] == ["body", "not_applicable_reason"]
    assert "waarom" in problem["msg"]
    assert state(audit, "O13") == ("not_assessed", "", "", 1)


def test_input_off_the_scale_or_unknown_is_refused(client, secret, audit):
    off_scale = put(
        client, f"/audits/{audit.pk}/findings/V1", secret, {"version": 1, "verdict": "goed"}
    )
    assert off_scale.status_code == 422
    assert off_scale.json()["detail"][0]["loc"] == ["body", "payload", "verdict"]
    foreign = other_body_audit_interview(audit)
    wrong_source = put(
        client,
        f"/audits/{audit.pk}/findings/V1",
        secret,
        {"version": 1, "verdict": "met", "interviews": [foreign]},
    )
    assert wrong_source.status_code == 422
    assert wrong_source.json()["detail"][0]["loc"] == ["body", "interviews"]
    no_norm = put(
        client, f"/audits/{audit.pk}/findings/X99", secret, {"version": 1, "verdict": "met"}
    )
    assert no_norm.status_code == 404
    assert state(audit, "V1") == ("not_assessed", "", "", 1)


def other_body_audit_interview(audit):
    """An interview of another audit (of the same body): not a source for this one."""
    other = Audit.objects.create(
        **{
            f.name: getattr(audit, f.name)
            for f in Audit._meta.concrete_fields
            if f.name not in ("id", "requested_at")
        }
    )
    return other.interviews.create(function="Bestuurder").pk


def test_a_stale_version_is_409_and_changes_nothing(client, secret, audit):
    put(client, f"/audits/{audit.pk}/findings/V2", secret, {"version": 1, "verdict": "met"})
    stale = put(
        client,
        f"/audits/{audit.pk}/findings/V2",
        secret,
        {"version": 1, "verdict": "not_met", "text": "overschreven?"},
    )
    assert stale.status_code == 409
    assert "versie 2" in stale.json()["detail"]
    assert state(audit, "V2") == ("met", "", "", 2)


def test_a_status_without_recording_is_409_and_changes_nothing(client, secret, audit):
    Audit.objects.filter(pk=audit.pk).update(status="findings_closed")
    reply = put(client, f"/audits/{audit.pk}/findings/V1", secret, {"version": 1, "verdict": "met"})
    assert reply.status_code == 409
    assert "bevindingen vastgesteld" in reply.json()["detail"]
    assert state(audit, "V1") == ("not_assessed", "", "", 1)


def test_a_bulk_put_saves_all_or_nothing(client, world, secret, audit):
    url = f"/audits/{audit.pk}/findings"
    good = {"norm": "V1", "version": 1, "verdict": "met"}
    bad = {"norm": "O13", "version": 1, "verdict": "not_applicable"}
    reply = put(client, url, secret, {"findings": [good, bad]})
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "findings", 1, "not_applicable_reason"]
    assert state(audit, "V1")[0] == "not_assessed"

    put(client, f"{url}/D1", secret, {"version": 1, "verdict": "met"})
    stale = {"norm": "D1", "version": 1, "verdict": "not_met"}
    assert put(client, url, secret, {"findings": [good, stale]}).status_code == 409
    assert state(audit, "V1")[0] == "not_assessed" and state(audit, "D1")[0] == "met"

    twice = put(client, url, secret, {"findings": [good, good]})
    assert twice.json()["detail"][0]["loc"] == ["body", "findings", 1, "norm"]

    fine = {**bad, "not_applicable_reason": "Geen burgerinitiatieven in het werkgebied."}
    saved = put(client, url, secret, {"findings": [good, fine]})
    assert saved.status_code == 200
    assert [(f["norm"], f["verdict"]) for f in saved.json()] == [
        ("V1", "met"),
        ("O13", "not_applicable"),
    ]


def test_another_bodys_token_cannot_write_its_findings(client, world, audit):
    _, theirs = token_of(world, body=world.body_y)
    reply = put(
        client,
        f"/audits/{audit.pk}/findings",
        theirs,
        {"findings": [{"norm": "V1", "version": 1, "verdict": "not_met"}]},
    )
    assert reply.status_code == 404
    assert state(audit, "V1") == ("not_assessed", "", "", 1)


# --- Part A ------------------------------------------------------------------------------


def closed(audit, status="findings_closed"):
    Audit.objects.filter(pk=audit.pk).update(status=status)
    return audit


def test_part_a_is_written_with_the_pages_rules(client, world, secret, audit):
    url = f"/audits/{audit.pk}/report"
    early = client.get(f"{API}{url}", headers=bearer(secret))
    assert early.status_code == 409
    closed(audit)
    assert client.get(f"{API}{url}", headers=bearer(secret)).json()["version"] == 0
    texts = {
        "sketch": "Een brede welzijnsorganisatie.",
        "hours_on_site": 14.5,
        "hours_total": 20,
        "signed_on": "2027-03-01",
    }
    reply = put(client, url, secret, {"version": 0, **texts})
    assert reply.status_code == 200, reply.content
    assert (reply.json()["version"], reply.json()["hours_on_site"]) == (1, 14.5)
    report = Report.objects.get(audit=audit)
    assert report.history.first().history_user == world.users["body_admin"]
    assert put(client, url, secret, {"version": 0, "sketch": "ander"}).status_code == 409
    too_many = put(client, url, secret, {"version": 1, "hours_on_site": 30})
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body", "hours_on_site"]
    report.refresh_from_db()
    assert (report.sketch, report.version, str(report.hours_on_site)) == (
        "Een brede welzijnsorganisatie.",
        1,
        "14.5",
    )


def test_part_a_with_swn_is_not_written(client, secret, audit):
    closed(audit, "summary_sent")
    reply = put(client, f"/audits/{audit.pk}/report", secret, {"version": 0, "sketch": "laat"})
    assert reply.status_code == 409
    assert not Report.objects.filter(audit=audit).exists()


def test_writing_part_a_keeps_the_norms_linked_to_its_points(client, world, secret, audit):
    closed(audit)
    report = Report.objects.create(audit=audit, strengths="Betrokken professionals")
    points.sync_points(report)
    norm = Norm.objects.get(framework=audit.framework, rubric__code="V", number=1)
    ReportPoint.objects.filter(report=report).update(
        norm=norm, confirmed_by=world.users["auditor"], confirmed_at=timezone.now()
    )
    reply = put(
        client,
        f"/audits/{audit.pk}/report",
        secret,
        {"version": 1, "strengths": "Betrokken professionals\nGoede samenwerking"},
    )
    assert reply.status_code == 200
    rows = ReportPoint.objects.filter(report=report).order_by("position")
    assert [(r.text, r.norm_id) for r in rows] == [
        ("Betrokken professionals", norm.pk),
        ("Goede samenwerking", None),
    ]
    assert Finding.objects.filter(audit=audit, verdict="not_assessed").count() == 49


def test_a_body_that_is_not_json_is_refused_in_dutch(client, world, secret, audit):
    reply = client.put(
        f"{API}/audits/{audit.pk}/findings/V1",
        data="{verdict: met",
        content_type="application/json",
        headers=bearer(secret),
    )
    assert reply.status_code == 400
    assert reply.json() == {"detail": "De inhoud van het verzoek is geen leesbare JSON."}
