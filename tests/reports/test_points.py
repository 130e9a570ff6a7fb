"""Part A's strengths and improvement points linked to a norm (issue 10 item 3): the lead
auditor on part A, the rows in step with the texts, the suggestion for historic reports."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.frameworks.models import Framework, Norm
from kwaliteitslabel.reports import points
from kwaliteitslabel.reports.models import HistoricReport, Report, ReportPoint
from tests.audits.test_plans import final

pytestmark = pytest.mark.django_db

STRENGTHS = "Klachtenregeling is bekend bij cliënten\nGoede samenwerking"
IMPROVEMENTS = "Jaargesprekken worden niet met elke medewerker gevoerd"


def norm(code, version="2019"):
    return Norm.objects.get(framework__version=version, rubric__code=code[0], number=int(code[1:]))


def written(world, **texts):
    audit = final(world, {"V5": "partly"})
    report = Report.objects.create(
        audit=audit,
        strengths=texts.get("strengths", STRENGTHS),
        improvement_points=texts.get("improvement_points", IMPROVEMENTS),
    )
    return audit, report


def post_data(report, **changes):
    data = {
        "strengths": report.strengths,
        "improvement_points": report.improvement_points,
        "loaded_version": report.version,
    }
    data.update(changes)
    return data


def linked(report):
    return {
        (p.kind, p.text): (p.norm.code if p.norm_id else None)
        for p in ReportPoint.objects.filter(report=report).select_related("norm__rubric")
    }


def test_the_lead_sees_a_norm_choice_per_point_with_the_suggestion_chosen(world, client):
    audit, report = written(world)
    client.force_login(world.users["auditor"])
    page = client.get(reverse("reports:write", args=[audit.pk])).content.decode()
    assert "Norm bij sterk punt 1: Klachtenregeling is bekend bij cliënten" in page
    assert "Norm bij verbeterpunt 1: Jaargesprekken" in page
    # O17 names complaints, O10 the yearly evaluation with each employee (framework_2019.yaml).
    assert f'<option value="{norm("O17").pk}" selected>O17 · Organisatie en bestuur 17' in page
    assert f'<option value="{norm("O10").pk}" selected>O10 · Organisatie en bestuur 10' in page
    assert "3 van de 3 punten hebben nog geen norm" in page


def test_saving_links_each_point_and_records_who(world, client):
    audit, report = written(world)
    client.force_login(world.users["auditor"])
    url = reverse("reports:write", args=[audit.pk])
    data = post_data(
        report,
        norm_strength_1=norm("O17").pk,
        norm_strength_2=norm("D9").pk,
        norm_improvement_1="",
    )
    assert client.post(url, data).status_code == 302
    assert linked(report) == {
        ("strength", "Klachtenregeling is bekend bij cliënten"): "O17",
        ("strength", "Goede samenwerking"): "D9",
        ("improvement", IMPROVEMENTS): None,
    }
    point = ReportPoint.objects.get(report=report, norm=norm("O17"))
    assert point.confirmed_by == world.users["auditor"] and point.confirmed_at
    assert point.history.first().history_user == world.users["auditor"]
    # Part A may go to SWN unlinked points and all; the lead sees how many are left.
    page = client.get(reverse("reports:part_a", args=[audit.pk])).content.decode()
    assert "1 van de 3 sterke punten en verbeterpunten heeft nog geen norm" in page


def test_a_changed_text_keeps_the_links_of_the_lines_that_stay(world, client):
    audit, report = written(world)
    client.force_login(world.users["auditor"])
    url = reverse("reports:write", args=[audit.pk])
    first = post_data(report, norm_strength_1=norm("O17").pk, norm_strength_2=norm("D9").pk)
    client.post(url, first)
    report.refresh_from_db()
    # A new line on top, "Goede samenwerking" dropped, the complaints line now second.
    changed = post_data(
        report,
        strengths="Intervisie vindt elke maand plaats\nKlachtenregeling is bekend bij cliënten",
        norm_strength_1=norm("O17").pk,
        norm_strength_2=norm("D9").pk,
    )
    assert client.post(url, changed).status_code == 302
    rows = list(ReportPoint.objects.filter(report=report, kind="strength").order_by("position"))
    assert [(r.position, r.text, r.norm_id) for r in rows] == [
        (1, "Intervisie vindt elke maand plaats", None),
        (2, "Klachtenregeling is bekend bij cliënten", norm("O17").pk),
    ]


def test_a_concurrent_edit_is_refused_and_changes_no_link(world, client):
    audit, report = written(world)
    client.force_login(world.users["auditor"])
    url = reverse("reports:write", args=[audit.pk])
    stale = post_data(report, norm_strength_1=norm("V1").pk)
    assert client.post(url, post_data(report, norm_strength_1=norm("O17").pk)).status_code == 302
    reply = client.post(url, stale)
    assert reply.status_code == 409 and "Iemand anders" in reply.content.decode()
    assert linked(report)[("strength", "Klachtenregeling is bekend bij cliënten")] == "O17"


def test_a_norm_of_another_framework_is_refused_naming_the_point(world, client):
    audit, report = written(world)
    client.force_login(world.users["auditor"])
    url = reverse("reports:write", args=[audit.pk])
    reply = client.post(url, post_data(report, norm_strength_1=norm("V1", "2016").pk))
    body = reply.content.decode()
    assert reply.status_code == 400
    assert "Norm bij sterk punt 1: Klachtenregeling is bekend bij cliënten: Kies een norm" in body
    assert not ReportPoint.objects.filter(report=report, norm__isnull=False).exists()


def make_points_as_migrated():
    """Migration 0006 run on the models as they stood at 0006 (the tables have not changed)."""
    migration = importlib.import_module("kwaliteitslabel.reports.migrations.0006_historic_points")
    state = MigrationExecutor(connection).loader.project_state(("reports", "0006_historic_points"))
    migration.make_points(state.apps, None)


def test_rows_follow_the_text_and_historic_points_get_a_suggestion(world):
    report = HistoricReport.objects.create(
        member=world.member_a,
        body_name="CIIO",
        framework=Framework.objects.get(version="2019"),
        audit_date=datetime.date(2022, 5, 1),
        advice="positive",
        strengths="Kosten en baten van activiteiten zijn in beeld\nDe koffie was lekker",
        improvement_points="Klachtenregeling is niet bekend bij cliënten",
    )
    make_points_as_migrated()  # saved without rows, as the import did before it made them
    make_points_as_migrated()  # a report with rows is left alone
    rows = {r.text: r for r in ReportPoint.objects.filter(historic_report=report)}
    assert len(rows) == 3
    assert {(h.id, h.history_type) for h in ReportPoint.history.filter(historic_report=report)} == {
        (r.pk, "+") for r in rows.values()
    }
    # V14: "bewust van de kosten en baten van hun inzet en activiteiten".
    assert rows["Kosten en baten van activiteiten zijn in beeld"].suggested_norm == norm("V14")
    assert rows["De koffie was lekker"].suggested_norm is None
    assert rows["Klachtenregeling is niet bekend bij cliënten"].suggested_norm == norm("O17")
    assert not any(r.norm_id for r in rows.values())  # a suggestion is not a link
    # A confirmed point keeps its norm when the text around it changes.
    kept = rows["Kosten en baten van activiteiten zijn in beeld"]
    ReportPoint.objects.filter(pk=kept.pk).update(norm=norm("V14"), confirmed_at=timezone.now())
    report.strengths = "Nieuw punt\nKosten en baten van activiteiten zijn in beeld"
    report.save()
    points.sync_points(report)
    after = ReportPoint.objects.get(pk=kept.pk)
    assert (after.position, after.norm_id) == (2, norm("V14").pk)
    assert ReportPoint.objects.filter(historic_report=report).count() == 3


def test_a_point_has_exactly_one_report_and_a_link_needs_a_person(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportPoint.objects.create(kind="strength", position=1, text="x", folded="x")
    audit, report = written(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportPoint.objects.create(
            report=report, kind="strength", position=1, text="x", folded="x", norm=norm("V1")
        )
