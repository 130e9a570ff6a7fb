"""`make demo` data: eight members, two bodies with Bijlage 10 rates, one person per role, one scope;
idempotent."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from kwaliteitslabel.accounts.models import Role, RoleAssignment, User
from kwaliteitslabel.audits.models import Scope, ScopeLine
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.common.demo.loader import load_demo
from kwaliteitslabel.members.models import Location, Member

pytestmark = pytest.mark.django_db


def counts():
    models = (Member, Location, CertificationBody, User, RoleAssignment, Scope, ScopeLine)
    return [m.objects.count() for m in models]


def test_demo_has_eight_members_two_bodies_and_every_role(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")
    logins = load_demo()
    assert Member.objects.count() == 8
    assert len({m.city for m in Member.objects.all()}) == 8
    assert set(CertificationBody.objects.values_list("name", flat=True)) == {"CIIO", "LRQA"}
    assert {a.role for a in RoleAssignment.objects.all()} == set(Role.values)
    # One log-in per person: one for every role, and the other audits' people (issues 6, 7).
    assert len(logins) == User.objects.count() == 18
    assert {login["role"] for login in logins} == set(Role.labels)
    assert all(
        login["totp_secret"]
        for login in logins
        if login["email"].startswith(("ci@", "secretariaat@"))
    )
    assert User.objects.get(email="lid@demo.kwaliteitslabel.nl").check_password("demo-wachtwoord-1")


def test_demo_rates_are_those_of_bijlage_10(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")
    load_demo()
    ciio = CertificationBody.objects.get(name="CIIO")
    assert ciio.rate_on(datetime.date(2022, 6, 30)).day_rate == Decimal("1175.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).day_rate == Decimal("1200.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).travel_rate_per_km == Decimal("0.45")
    lrqa = CertificationBody.objects.get(name="LRQA").rate_on(datetime.date(2026, 11, 23))
    assert (lrqa.day_rate, lrqa.travel_included) == (Decimal("1250.00"), True)


def test_demo_has_a_scope_for_the_first_member(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")
    load_demo()
    scope = Scope.objects.get(member__member_number="2017001")
    assert (scope.member.member_number, scope.name) == ("2017001", "Hele organisatie 2027")
    assert scope.created_by.email == "lid@demo.kwaliteitslabel.nl"
    # One line per work type of the member, in the 41-50 FTE band; other volunteers do not count.
    assert {line.work_type for line in scope.lines.all()} == set(scope.member.work_types.all())
    assert scope.fte_in_scope == Decimal("43.1")
    assert scope.fte_not_counted == Decimal("7.8")


def test_loading_the_demo_twice_changes_nothing(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")
    call_command("load_demo")
    before = counts(), list(User.objects.values_list("pk", "password"))
    call_command("load_demo")
    assert (counts(), list(User.objects.values_list("pk", "password"))) == before
    out = capsys.readouterr().out
    assert "lid@demo.kwaliteitslabel.nl" in out and "demo-wachtwoord-1" in out


def test_demo_has_one_audit_per_variant_at_different_stages_and_a_cluster_of_three(monkeypatch):
    from kwaliteitslabel.audits import findings, workflow
    from kwaliteitslabel.audits.models import Audit, PeerCluster

    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")
    load_demo()
    stages = {
        (a.member.name, a.variant): (a.status, a.route)
        for a in Audit.objects.select_related("member")
    }
    assert stages == {
        ("Welzijn Noorderlicht", "body"): ("accepted", ""),
        ("Samen Sociaal Brabant", "combined"): ("started", ""),
        ("Wijkwerk Haaglanden", "peer"): ("findings_closed", ""),
        ("Sociaal Werk IJsselland", "peer"): ("requested", ""),
        # One audit per decision route, run to its advice (issue 7).
        ("Stichting Buurtkracht Utrecht", "body"): ("summary_sent", "a"),
        ("Welzijn Rivierenland", "body"): ("advice_positive", "b"),
        ("Sociaal Werk Kennemerland", "body"): ("advice_positive", "c"),
    }
    route_b = Audit.objects.get(route="b")
    assert route_b.plan.round == 2 and route_b.events.filter(status="plan_amend").exists()
    route_c = Audit.objects.get(route="c")
    assert route_c.follow_up.findings.count() == 11  # 6 not met and the 5 partly
    assert "Na het aanvullend onderzoek: 1 norm voldoet niet en 2 deels" in (
        route_c.events.last().note
    )
    cluster = PeerCluster.objects.get()
    assert cluster.places.count() == 3 and cluster.audits.count() == 2
    # The closed peer audit holds the example report's part B (Bijlage 8): 44 met, 5 partly.
    closed = Audit.objects.get(status="findings_closed")
    records = list(findings.with_sources(closed))
    outcome = findings.outcome(closed, records)
    assert (outcome.counts["met"], outcome.plan_norms) == (44, ("V5", "V7", "D8", "O10", "O16"))
    assert not findings.few_sources(records)
    assert closed.team.filter(evaluation__isnull=False).count() == 1
    started = Audit.objects.get(status="started")
    assert started.findings.exclude(verdict="not_assessed").count() == 20
    # Noorderlicht's lead can take it from here: its last day is today.
    waiting = Audit.objects.get(status="accepted")
    problems = workflow.start_problems(waiting)
    assert len(problems) == 2 and "Gerrit Janssen" in problems[0]
