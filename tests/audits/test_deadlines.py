"""The process deadlines as data of a process version (issue 7, item 5)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import deadlines
from kwaliteitslabel.audits.models import Audit, AuditDay

from .helpers import make_audit

DAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("version", "key", "due"),
    [
        ("2021", "draft_report", datetime.date(2026, 12, 7)),  # Bijlage 6 stap 6: 2 weken
        ("2021", "member_reaction", datetime.date(2026, 12, 7)),  # stap 7: 2 weken
        ("2021", "final_report", datetime.date(2026, 12, 7)),  # stap 8: 2 weken
        ("2021", "improvement_plan", datetime.date(2026, 12, 21)),  # stap 9b: 4 weken
        ("2021", "plan_review", datetime.date(2026, 12, 7)),  # 2 weken
        ("2021", "plan_amendment", datetime.date(2026, 12, 7)),  # 2 weken
        ("2021", "amended_plan_review", datetime.date(2026, 12, 7)),  # 2 weken
        ("2021", "summary_to_swn", datetime.date(2026, 11, 30)),  # stap 12: 1 week
        ("2021", "swn_check", datetime.date(2026, 12, 7)),  # stap 13: 2 weken
        ("2021", "summary_returned", datetime.date(2026, 11, 30)),  # stap 14: 1 week
        ("2021", "summary_repaired", datetime.date(2026, 11, 30)),  # stap 14: 1 week
        ("2021", "certificate", datetime.date(2026, 12, 7)),  # stap 15: 2 weken
        ("2021", "follow_up", datetime.date(2027, 5, 23)),  # stap 9c: een half jaar
        ("2017", "draft_report", datetime.date(2026, 12, 7)),  # Bijlage 5 B7: 2 weken
        ("2017", "member_reaction", datetime.date(2026, 11, 30)),  # B8: 1 week
        ("2017", "final_report", datetime.date(2026, 12, 14)),  # B8: 3 weken
        ("2017", "amended_plan_review", datetime.date(2026, 11, 30)),  # B10b-ii: 1 week
        ("2017", "summary_to_swn_route_a", datetime.date(2026, 12, 14)),  # B10a: 3 weken
    ],
)
def test_each_deadline_is_computed_from_its_event(version, key, due):
    assert deadlines.due(version, key, DAY) == due


def test_half_a_year_after_the_end_of_august_is_the_end_of_february():
    assert deadlines.due("2021", "follow_up", datetime.date(2026, 8, 31)) == datetime.date(
        2027, 2, 28
    )


def test_every_process_version_of_an_audit_has_its_deadlines():
    versions = deadlines.versions()
    assert set(versions) == set(Audit.ProcessVersion.values)
    assert deadlines.deadline("2021", "draft_report").period == "2 weken"
    assert deadlines.deadline("2021", "follow_up").period == "6 maanden"


def test_a_deadline_without_its_event_or_twice_is_refused(tmp_path):
    bad = tmp_path / "process.yaml"
    bad.write_text(
        "versions:\n  - {version: x, title: t, source: s, deadlines: [\n"
        "    {key: a, after: nothing, days: 7, who: body, source: s, text: t}]}\n"
    )
    with pytest.raises(ValueError, match="'a' mist wie, waarna of hoe lang"):
        deadlines.read(bad)
    bad.write_text(
        "versions:\n  - {version: x, title: t, source: s, deadlines: [\n"
        "    {key: a, after: findings_final, days: 7, who: body, source: s, text: t},\n"
        "    {key: a, after: findings_final, days: 7, who: body, source: s, text: t}]}\n"
    )
    with pytest.raises(ValueError, match="'a' staat er twee keer in"):
        deadlines.read(bad)


@pytest.mark.django_db
def test_after_closing_everyone_sees_when_the_draft_report_is_due(client_as, world):
    audit = make_audit(world, status="findings_closed")
    last = timezone.localdate() - datetime.timedelta(days=16)
    AuditDay.objects.create(audit=audit, date=last - datetime.timedelta(days=1))
    AuditDay.objects.create(audit=audit, date=last)
    due = last + datetime.timedelta(days=14)
    page = client_as("member_admin").get(reverse("audits:audit_detail", args=[audit.pk]))
    html = page.content.decode()
    assert "Conceptrapport (deel A en B) naar het lid, uiterlijk" in html
    assert "2 weken na de laatste auditdag, Bijlage 6 stap 6" in html
    board = client_as("body_admin").get(reverse("accounts:dashboard")).content.decode()
    assert f"Conceptrapport (deel A en B) naar het lid: {audit.member}" in board
    assert "2 dagen te laat" in board and due < timezone.localdate()
