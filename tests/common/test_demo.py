"""`make demo` data: eight members, two bodies with Bijlage 10 rates, one person per role, and one
story told from the day it is loaded: the same stages, routes and certificates on a weekday, at
the weekend, at the turn of the year or years later; idempotent on its day, and on another day
it says so and how to start afresh."""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role, RoleAssignment, User
from kwaliteitslabel.audits.models import Audit, Scope, ScopeLine
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.certificates import status
from kwaliteitslabel.certificates.models import Certificate, CertificateEvent
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.common.demo import days
from kwaliteitslabel.common.demo.days import working_days
from kwaliteitslabel.common.demo.loader import DEMO_FILE, load_demo, loaded_on
from kwaliteitslabel.common.management.commands.load_demo import RELOAD
from kwaliteitslabel.members.models import Location, Member
from kwaliteitslabel.reports.models_historic import HistoricReport

pytestmark = pytest.mark.django_db
D = datetime.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Days to load the demo on besides the suite's: the weekend, a Monday (yesterday was a
# Sunday), the turn of the year (a Saturday too) and two years on.
DAYS = {
    "saturday": D(2027, 6, 5),
    "sunday": D(2027, 6, 6),
    "monday": D(2027, 6, 7),
    "new-year": D(2028, 1, 1),
    "two-years-on": D(2028, 11, 30),
}


def on(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), AMSTERDAM))


def counts():
    models = (Member, Location, CertificationBody, User, RoleAssignment, Scope, ScopeLine)
    return [m.objects.count() for m in models]


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-wachtwoord-1")


def test_demo_has_eight_members_two_bodies_and_every_role():
    logins = load_demo()
    assert Member.objects.count() == 8
    assert len({m.city for m in Member.objects.all()}) == 8
    assert set(CertificationBody.objects.values_list("name", flat=True)) == {"CIIO", "LRQA"}
    assert {a.role for a in RoleAssignment.objects.all()} == set(Role.values)
    # One log-in per person: one for every role, and the other audits' people.
    assert len(logins) == User.objects.count() == 18
    assert {login["role"] for login in logins} == set(Role.labels)
    assert all(
        login["totp_secret"]
        for login in logins
        if login["email"].startswith(("ci@", "secretariaat@"))
    )
    assert User.objects.get(email="lid@demo.kwaliteitslabel.nl").check_password("demo-wachtwoord-1")


def test_demo_rates_are_those_of_bijlage_10():
    load_demo()
    ciio = CertificationBody.objects.get(name="CIIO")
    assert ciio.rate_on(datetime.date(2022, 6, 30)).day_rate == Decimal("1175.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).day_rate == Decimal("1200.00")
    assert ciio.rate_on(datetime.date(2022, 7, 1)).travel_rate_per_km == Decimal("0.45")
    lrqa = CertificationBody.objects.get(name="LRQA").rate_on(datetime.date(2026, 11, 23))
    assert (lrqa.day_rate, lrqa.travel_included) == (Decimal("1250.00"), True)


def test_demo_has_a_scope_for_the_first_member():
    load_demo()
    scope = Scope.objects.get(member__member_number="2017001")
    # Named for the year of its re-audit, whose last day is today.
    assert scope.name == f"Hele organisatie {timezone.localdate().year}"
    assert scope.created_by.email == "lid@demo.kwaliteitslabel.nl"
    # One line per work type of the member, in the 41-50 FTE band; other volunteers do not count.
    assert {line.work_type for line in scope.lines.all()} == set(scope.member.work_types.all())
    assert scope.fte_in_scope == Decimal("43.1")
    assert scope.fte_not_counted == Decimal("7.8")


def test_loading_the_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    before = counts(), list(User.objects.values_list("pk", "password"))
    call_command("load_demo")
    assert (counts(), list(User.objects.values_list("pk", "password"))) == before
    out = capsys.readouterr().out
    assert "lid@demo.kwaliteitslabel.nl" in out and "demo-wachtwoord-1" in out


# --- The same story on any day ---------------------------------------------------------------


def the_story(today: datetime.date) -> None:
    """What the demo shows on the day it was loaded; the README and the browser journeys tell
    this story."""
    from kwaliteitslabel.audits import findings, workflow
    from kwaliteitslabel.audits.models import PeerCluster

    stages = {
        (a.member.name, a.variant): (a.status, a.route)
        for a in Audit.objects.select_related("member")
    }
    assert stages == {
        ("Welzijn Noorderlicht", "body"): ("accepted", ""),
        ("Samen Sociaal Brabant", "combined"): ("started", ""),
        ("Wijkwerk Haaglanden", "peer"): ("findings_closed", ""),
        ("Sociaal Werk IJsselland", "peer"): ("requested", ""),
        # One audit per decision route, run to its advice.
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
    assert route_c.follow_up.date.weekday() < 5 and route_c.follow_up.date < today
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

    # Audit days on working days only, each audit's in order; the stages' days stay where
    # the stage needs them.
    planned = {
        a.member.name: list(a.days.order_by("date").values_list("date", flat=True))
        for a in Audit.objects.select_related("member")
    }
    assert all(day.weekday() < 5 for dates in planned.values() for day in dates)
    last_working_day = working_days([today], today)[0]
    assert last_working_day <= today and (today - last_working_day).days < 3
    # Noorderlicht's lead can take it from here: its last day is today, or at the weekend
    # the Friday before; only his declaration and signature are missing.
    first, last = planned["Welzijn Noorderlicht"]
    assert first < last == last_working_day
    problems = workflow.start_problems(Audit.objects.get(status="accepted"))
    assert len(problems) == 2 and "Gerrit Janssen" in problems[0]
    # Brabant's audit is under way: its first day behind it, its second to come.
    first, second = planned["Samen Sociaal Brabant"]
    assert first <= today < second
    assert all(max(dates) < today for name, dates in planned.items() if name in CLOSED)

    # The certificates from before the platform: issued before today under the number of
    # their year; none "nog niet ingegaan" on any day since it started, up to today.
    found = {c.member.name: c for c in Certificate.objects.select_related("member")}
    assert {name: status.status(c, today) for name, c in found.items()} == {
        "Sociaal Werk Kennemerland": "suspended",  # route c (Bijlage 6 stap 9c-ii)
        "Welzijn Walcheren": "valid",
        "Stichting Buurtkracht Utrecht": "valid",
        "Welzijn Rivierenland": "valid",
        "Welzijn Noorderlicht": "valid",
    }
    for c in found.values():
        issued = timezone.localdate(c.issued_at)
        assert issued < today and c.events.get(kind="issued").on == issued
        assert c.number == f"KSSW-{issued.year}-{c.number[-4:]}"
        assert status.status(c, max(c.valid_from, issued)) != "pending"
        assert status.status(c, today - datetime.timedelta(days=1)) != "pending"
    assert len({c.number for c in found.values()}) == 5
    expiring = [c for c in found.values() if today < c.valid_until <= today + SIX_MONTHS]
    assert len(expiring) == 4 and found["Welzijn Walcheren"] in expiring
    renewing = Audit.objects.filter(kind="recertification").select_related("member")
    assert {a.member.name: a.previous_expiry for a in renewing} == {
        name: found[name].valid_until for name in RENEWING
    }

    # Names and texts carry the years of their dates: a scope that of its audit's last day.
    for a in Audit.objects.select_related("member", "scope"):
        if planned[a.member.name]:
            assert a.scope.name.endswith(f" {planned[a.member.name][-1].year}"), a.scope.name
    noorderlicht = Audit.objects.get(member__name="Welzijn Noorderlicht")
    sa = noorderlicht.self_assessment
    assert sa.title == f"Zelfevaluatie {timezone.localdate(sa.started_at).year}"
    assert sa.closed_on < timezone.localdate(noorderlicht.requested_at) < today
    utrecht = Audit.objects.get(route="a").report
    renewed_until = add_months(found["Stichting Buurtkracht Utrecht"].valid_until, 24)
    assert utrecht.signed_on < today
    assert f"Hertoetsing in {add_months(renewed_until, -4).year}," in utrecht.next_audit


CLOSED = ("Wijkwerk Haaglanden", "Stichting Buurtkracht Utrecht", "Welzijn Rivierenland")
RENEWING = (
    "Welzijn Noorderlicht",
    "Stichting Buurtkracht Utrecht",
    "Welzijn Rivierenland",
    "Sociaal Werk Kennemerland",
)
SIX_MONTHS = datetime.timedelta(days=183)


def test_the_demo_tells_its_story_on_the_suite_day():
    load_demo()
    the_story(timezone.localdate())


@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
def test_the_demo_tells_the_same_story_on_any_day(day):
    with on(day):
        load_demo()
        the_story(day)
        assert loaded_on() == day


def test_the_demo_has_no_fixed_dates_but_the_schemes_history():
    """demo.yaml counts every day from the load; only the rates of Bijlage 10 have dates."""
    fixed = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
        elif isinstance(value, datetime.date):
            fixed.append(path)

    walk(yaml.safe_load(DEMO_FILE.read_text()), "")
    assert fixed == [".bodies[0].rates[0].valid_from", ".bodies[0].rates[1].valid_from"] + [
        ".bodies[1].rates[0].valid_from"
    ]


# --- The notation (days.py) and the working days ---------------------------------------------


@pytest.mark.parametrize(
    ("expression", "day"),
    [
        ("today", D(2026, 12, 1)),
        ("today@workday", D(2026, 12, 1)),  # a Tuesday
        ("today+4d@workday", D(2026, 12, 7)),  # Saturday, to come: the Monday after
        ("today-3d@workday", D(2026, 11, 27)),  # Saturday, behind: the Friday before
        ("today-37d", D(2026, 10, 25)),
        ("today+2w", D(2026, 12, 15)),
        ("today-4m", D(2026, 8, 1)),
        ("today-12y", D(2014, 12, 1)),
        ("today+55d+2y-4m", D(2028, 9, 25)),  # left to right: 25 January 2029, then back
    ],
)
def test_a_relative_day_counts_from_the_load(expression, day):
    assert days.day(expression, D(2026, 12, 1)) == day


def test_a_month_on_from_its_last_day_is_the_last_day_of_a_shorter_month():
    assert days.day("today+1m", D(2027, 1, 31)) == D(2027, 2, 28)


def test_texts_take_the_year_and_fixed_dates_stay():
    found = days.resolve(
        {
            "name": "Hele organisatie {today-15d:%Y}",
            "plan": "Meerjarenbeleidsplan {today-2y:%Y}-{today+1y:%Y}, vanaf {today-1m}",
            "valid_from": D(2021, 1, 1),
            "days": ["today-1d", "today"],
            "note": "{niet vervangen}",
        },
        D(2027, 1, 10),
    )
    assert found == {
        "name": "Hele organisatie 2026",
        "plan": "Meerjarenbeleidsplan 2025-2028, vanaf 2026-12-10",
        "valid_from": D(2021, 1, 1),
        "days": [D(2027, 1, 9), D(2027, 1, 10)],
        "note": "{niet vervangen}",
    }


@pytest.mark.parametrize(
    "expression", ["today+5", "today-1x", "today - 3d", "todays", "today@werkdag"]
)
def test_a_day_written_wrong_is_refused(expression):
    with pytest.raises(ValueError, match=re.escape(f"‘{expression}’ is geen dag")):
        days.resolve(expression, D(2026, 12, 1))


@pytest.mark.parametrize("expression", ["{today+5:%Y}", "{today-1x}"])
def test_a_day_in_a_text_written_wrong_is_refused(expression):
    with pytest.raises(ValueError, match="is geen dag"):
        days.resolve(f"Plan {expression}", D(2026, 12, 1))


FRI, SAT, SUN, MON, TUE = D(2027, 6, 4), D(2027, 6, 5), D(2027, 6, 6), D(2027, 6, 7), D(2027, 6, 8)
THU, WED = D(2027, 6, 3), D(2027, 6, 2)


@pytest.mark.parametrize(
    ("today", "planned", "expected"),
    [
        (TUE, [MON, TUE], [MON, TUE]),  # working days stay
        (SAT, [FRI, SAT], [THU, FRI]),  # yesterday and today at the weekend
        (SUN, [SAT, SUN], [THU, FRI]),
        (MON, [SUN, MON], [FRI, MON]),
        (SAT, [FRI, MON], [FRI, MON]),  # one behind, one to come
        (FRI, [THU, SUN], [THU, MON]),  # a day to come moves on, not back
        (WED, [FRI, SAT, SUN], [FRI, MON, TUE]),
        (TUE, [FRI, SAT, SUN], [WED, THU, FRI]),  # behind: back, and apart
    ],
)
def test_audit_days_fall_on_working_days(today, planned, expected):
    assert working_days(planned, today) == expected


# --- Four months of daily rounds, as the README plays them ------------------------------------


@pytest.mark.parametrize("day", [None, DAYS["saturday"], DAYS["two-years-on"]])
def test_run_lifecycle_for_120_days_lets_one_lapse_and_suspends_another(day, mailoutbox):
    """`run_lifecycle --days 120` (README): Walcheren, no longer a member, does not re-audit;
    Noorderlicht's re-audit is not done by its expiry (Bijlage 6 stap 16-17)."""
    with on(day or timezone.localdate()):
        today = timezone.localdate()
        load_demo()
        out = io.StringIO()
        call_command("run_lifecycle", "--days", "120", stdout=out)
    assert f"{today}: " in out.getvalue()  # from the day of the load
    end = today + datetime.timedelta(days=120)
    found = {c.member.name: c for c in Certificate.objects.select_related("member")}
    assert {name: status.status(c, end) for name, c in found.items()} == {
        "Welzijn Walcheren": "lapsed",
        "Welzijn Noorderlicht": "suspended",
        "Sociaal Werk Kennemerland": "suspended",  # until SWN issues again (stap 9c-ii)
        "Stichting Buurtkracht Utrecht": "valid",  # positive advice in time (stap 17-1)
        "Welzijn Rivierenland": "valid",
    }
    two_weeks = datetime.timedelta(days=14)
    suspended, lapsed = found["Welzijn Noorderlicht"], found["Welzijn Walcheren"]
    assert [(e.kind, e.on) for e in suspended.events.all()][-2:] == [
        ("suspension_notice", suspended.valid_until - two_weeks),  # stap 17-2
        ("suspended", suspended.valid_until),
    ]
    assert [(e.kind, e.on) for e in lapsed.events.all()][-2:] == [
        ("lapse_notice", lapsed.valid_until - two_weeks),  # stap 17-3
        ("lapsed", lapsed.valid_until),  # stap 17-4
    ]
    subjects = {m.subject for m in mailoutbox}
    for subject in (
        f"Over twee weken wordt certificaat {suspended.number} opgeschort (Welzijn Noorderlicht)",
        f"Certificaat {suspended.number} is opgeschort (Welzijn Noorderlicht)",
        f"Over twee weken vervalt certificaat {lapsed.number} (Welzijn Walcheren)",
        f"Certificaat {lapsed.number} is vervallen (Welzijn Walcheren)",
    ):
        assert subject in subjects
    walcheren = [m for m in mailoutbox if "info@welzijnwalcheren.example.nl" in m.to]
    assert any("logo" in m.body and "zelfevaluatie" in m.body for m in walcheren)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--days", "120", "--until", "2027-04-01"], "--days en --until gaan niet samen"),
        (["--days", "120", "--loop"], "--days gaat niet samen met --loop"),
        (["--days", "0"], "--days: ‘0’ is geen aantal dagen"),
        (["--days", "vier"], "--days: ‘vier’ is geen aantal dagen"),
    ],
)
def test_run_lifecycle_refuses_days_with_what_does_not_fit(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("run_lifecycle", *options)


def test_run_lifecycle_days_counts_from_date_when_given(capsys):
    """From Walcheren's lapse notice, two weeks on: up to and with its lapse, nothing after."""
    load_demo()
    walcheren = Certificate.objects.get(member__name="Welzijn Walcheren")
    start = walcheren.valid_until - datetime.timedelta(days=14)
    call_command("run_lifecycle", "--date", str(start), "--days", "14")
    assert f"{start}: " in capsys.readouterr().out
    assert [(e.kind, e.on) for e in walcheren.events.all()][-2:] == [
        ("lapse_notice", start),
        ("lapsed", walcheren.valid_until),
    ]
    assert not CertificateEvent.objects.filter(on__gt=walcheren.valid_until).exists()


# --- A demo loaded on another day ---------------------------------------------------------------


def test_a_demo_loaded_on_another_day_is_left_alone_with_a_notice(capsys):
    with on(D(2026, 11, 30)):
        call_command("load_demo")
    capsys.readouterr()
    before = counts(), list(Certificate.objects.values_list("number", flat=True))
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "De demo in deze database is geladen op maandag 30 november 2026" in out
    assert "Er is niets veranderd" in out and RELOAD in out
    assert "lid@demo.kwaliteitslabel.nl" in out  # the log-ins of the demo it has
    assert (counts(), list(Certificate.objects.values_list("number", flat=True))) == before
    assert loaded_on() == D(2026, 11, 30)


def test_reload_empties_the_database_and_loads_the_demo_of_today(capsys):
    with on(D(2026, 11, 30)):
        call_command("load_demo")
    User.objects.create_user(email="iemand@example.nl", password="x", name="Iemand")
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks, which TRUNCATE
        # (flush) refuses to pass; the command itself runs outside any transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("load_demo", "--reload")
    out = capsys.readouterr().out
    assert "leeggemaakt" in out and "gegenereerde toetsingen gemaakt" in out
    assert loaded_on() == timezone.localdate()
    assert not User.objects.filter(email="iemand@example.nl").exists()
    assert Member.objects.exclude(name__startswith="[gegenereerd]").count() == 8
    the_story(timezone.localdate())
    assert HistoricReport.objects.count() == 300
    assert max(HistoricReport.objects.values_list("report_date", flat=True)) < timezone.localdate()


def test_reload_is_refused_in_production(settings):
    load_demo()
    settings.PRODUCTION = True
    with pytest.raises(
        CommandError, match="--reload leegt de hele database.*DJANGO_ENV=production"
    ):
        call_command("load_demo", "--reload")
    assert Member.objects.count() == 8
