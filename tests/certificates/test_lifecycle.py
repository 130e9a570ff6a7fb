"""The certificates' daily round (issue 9 items 5 and 8; Bijlage 6 stap 16-17).

The long test runs `run_lifecycle`'s round over two and a half years with the clock frozen
on each day (daily around every moment), twice on a day that wrote something, for four
members whose re-audits happen on their days: renewed in time, suspended then renewed,
suspended then lapsed, lapsed without a re-audit.
"""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from kwaliteitslabel.audits.models import Audit, AuditEvent
from kwaliteitslabel.certificates import lifecycle
from kwaliteitslabel.certificates.models import CertificateEvent, ReminderSchedule
from kwaliteitslabel.certificates.status import SUSPENDED, status
from kwaliteitslabel.common.models import OutboxMessage
from tests.world import make_member

from .helpers import make_certificate, moment, re_audit

pytestmark = pytest.mark.django_db

D = datetime.date
START = D(2025, 3, 1)
EXPIRY = D(2027, 3, 1)
LIMIT = D(2027, 9, 1)  # 6 months after expiry (stap 17-2)
END = D(2027, 9, 15)  # two and a half years
REMINDERS = [("reminded", "9", D(2026, 6, 1)), ("reminded", "6", D(2026, 9, 1))]
REMINDERS += [("reminded", "3", D(2026, 12, 1)), ("reminded", "1", D(2027, 2, 1))]
NOTICE_DAY = D(2027, 2, 15)  # two weeks before expiry
MEMBER = ["info@1001.example.nl", "member_admin@example.nl"]  # member A: contact + admin
ADVISERS = ["swn_adviser@example.nl"]


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def round_days(happenings):
    """The days the long test runs the round: every day within 3 days of a moment (a
    reminder, the notice, expiry, the end of the suspension, a re-audit's step), every
    seventh day elsewhere, to keep the test in seconds. A message sent on a wrong day would
    still show, on the next day run, with a date the histories below do not expect."""
    moments = {on for _, _, on in REMINDERS} | {NOTICE_DAY, EXPIRY, LIMIT} | set(happenings)
    for i, day in enumerate(days(START, END)):
        if i % 7 == 0 or any(abs((day - m).days) <= 3 for m in moments):
            yield day


def reach(audit, status_, day, world):
    """The re-audit reaches a status on a day, as the workflow would record it."""
    event = AuditEvent.objects.create(audit=audit, status=status_, by=world.users["body_admin"])
    AuditEvent.objects.filter(pk=event.pk).update(at=moment(day))
    Audit.objects.filter(pk=audit.pk).update(status=status_)


def history(certificate):
    return [(e.kind, e.step, e.on) for e in certificate.events.order_by("on", "pk")]


@pytest.fixture
def four(world):
    """Member A renews in time, B is suspended then renewed, C suspended then lapses, D
    lapses without a re-audit. Each has one certificate from START to EXPIRY."""
    c = make_member("Welzijn Centrum", "1003", "11112222")
    d = make_member("Buurtwerk Noord", "1004", "33334444")
    return {
        "renewed": make_certificate(world, START, member=world.member_a),
        "suspended_renewed": make_certificate(world, START, member=world.member_b),
        "suspended_lapsed": make_certificate(world, START, member=c),
        "lapsed": make_certificate(world, START, member=d),
    }


def test_two_and_a_half_years_of_daily_rounds(world, four, mailoutbox):
    a, b, c, d = four.values()
    audits = {}
    happenings = {
        # A: re-audit in September, positive in January, the joining certificate in February.
        D(2026, 9, 15): lambda: audits.update(a=re_audit(world, D(2026, 9, 15), member=a.member)),
        D(2027, 1, 20): lambda: reach(audits["a"], "advice_positive", D(2027, 1, 20), world),
        D(2027, 2, 1): lambda: make_certificate(
            world, EXPIRY, member=a.member, previous=a, issued_on=D(2027, 2, 1)
        ),
        # B: re-audit in December, not done by expiry; positive in May, issued joining.
        D(2026, 12, 10): lambda: audits.update(b=re_audit(world, D(2026, 12, 10), member=b.member)),
        D(2027, 5, 10): lambda: reach(audits["b"], "advice_positive", D(2027, 5, 10), world),
        D(2027, 5, 20): lambda: make_certificate(
            world, EXPIRY, member=b.member, previous=b, issued_on=D(2027, 5, 20)
        ),
        # C: re-audit in November that never ends positively.
        D(2026, 11, 1): lambda: re_audit(world, D(2026, 11, 1), member=c.member),
        # D: no re-audit at all.
    }
    sent_on = []  # (day, mail)
    for day in round_days(happenings):
        with time_machine.travel(moment(day, 6), tick=False):
            if day in happenings:
                happenings[day]()
            first = lifecycle.run()
            # A second round the same day changes nothing. (After a round that wrote nothing
            # a second one meets the same facts, so only these days need the check.)
            if first or day in happenings:
                assert lifecycle.run() == []
        before = len(sent_on)
        sent_on += [(day, m) for m in mailoutbox[before:]]
        assert all(e.on == day for e in first)

    suspension = [("suspension_notice", "expiry", NOTICE_DAY), ("suspended", "expiry", EXPIRY)]
    assert history(a) == REMINDERS[:3]  # positive on 20 January: no reminder 1 month before
    assert history(b) == REMINDERS + suspension
    assert history(c) == REMINDERS + suspension + [("lapsed", "suspension", LIMIT)]
    assert history(d) == REMINDERS + [
        ("lapse_notice", "expiry", NOTICE_DAY),
        ("lapsed", "expiry", EXPIRY),
    ]
    # The daily round did it all: no person caused these events.
    assert not CertificateEvent.objects.exclude(by=None).exists()

    def mails(certificate):
        return [(day, m) for day, m in sent_on if certificate.number in m.subject]

    # One mail per event, on the event's day; reminders to the member only.
    for certificate in (a, b, c, d):
        got = mails(certificate)
        assert [day for day, _ in got] == [on for _, _, on in history(certificate)]
    (day, first_a), *_ = mails(a)
    assert (day, first_a.to, first_a.cc) == (D(2026, 6, 1), MEMBER, [])
    assert first_a.subject.startswith(f"Herinnering: plan de hertoetsing voor {a.number}")
    assert "over 9 maanden: op 1 maart 2027" in first_a.body
    # Member A has an admin; the others only their main contact. Advisers in copy of notices.
    for _day, mail in mails(b) + mails(c) + mails(d):
        member = next(x for x in (b, c, d) if x.number in mail.subject).member
        assert mail.to == [member.email]
        assert mail.cc == ([] if "Herinnering" in mail.subject else ADVISERS)

    notice_b = mails(b)[4][1]
    assert "opgeschort, tot uiterlijk 1 september 2027" in notice_b.body
    assert "niet als gecertificeerd" in notice_b.body
    notice_d = mails(d)[4][1]
    assert notice_d.subject.startswith(f"Over twee weken vervalt certificaat {d.number}")
    assert "nieuwe zelfevaluatie" in notice_d.body
    lapsed_d = mails(d)[5][1]
    assert "uit het Kwaliteitsregister gehaald" in lapsed_d.body
    assert "vanaf 1 maart 2027 mag Buurtwerk Noord het logo" in lapsed_d.body
    assert "eerste (initiële) toetsing, inclusief een nieuwe zelfevaluatie" in lapsed_d.body
    lapsed_c = mails(c)[6][1]
    assert "de opschorting is beëindigd" in lapsed_c.body
    assert "vanaf 1 maart 2027" in lapsed_c.body
    assert f"/certificaten/{c.number}/" in lapsed_c.body


def test_a_missed_stretch_sends_the_latest_moment_only(world, mailoutbox):
    certificate = make_certificate(world, START)
    assert lifecycle.run(D(2026, 5, 31)) == []
    # The round was down from June to mid-December: one reminder, not three.
    (event,) = lifecycle.run(D(2026, 12, 15))
    assert (event.kind, event.step) == ("reminded", "3")
    assert lifecycle.run(D(2026, 12, 16)) == []
    (event,) = lifecycle.run(D(2027, 2, 1))
    assert event.step == "1"
    # Down again over the notice and the expiry: the lapse itself, no notice after the fact.
    (event,) = lifecycle.run(D(2027, 3, 10))
    assert (event.kind, event.step, event.on) == ("lapsed", "expiry", D(2027, 3, 10))
    assert len(mailoutbox) == 3
    assert lifecycle.run(D(2027, 3, 11)) == []
    assert history(certificate)[-1][0] == "lapsed"


def test_swn_sets_its_own_moments(world, mailoutbox):
    certificate = make_certificate(world, START)
    ReminderSchedule.objects.create(valid_from=D(2025, 1, 1), months="4, 2")
    for day in days(D(2026, 10, 1), D(2027, 1, 10)):
        lifecycle.run(day)
    assert history(certificate) == [
        ("reminded", "4", D(2026, 11, 1)),
        ("reminded", "2", D(2027, 1, 1)),
    ]
    assert "over 2 maanden" in mailoutbox[-1].body


def test_a_changed_schedule_counts_from_its_day(world):
    certificate = make_certificate(world, START)
    assert lifecycle.run(D(2026, 6, 1))[0].step == "9"
    # From July SWN reminds at 8 and 5 months; the 9 already sent stays.
    ReminderSchedule.objects.create(valid_from=D(2026, 7, 1), months="8, 5")
    for day in days(D(2026, 6, 2), D(2026, 10, 5)):
        lifecycle.run(day)
    assert [(k, s, on) for k, s, on in history(certificate)] == [
        ("reminded", "9", D(2026, 6, 1)),
        ("reminded", "8", D(2026, 7, 1)),
        ("reminded", "5", D(2026, 10, 1)),
    ]


def test_a_route_c_re_audit_suspends_a_running_certificate_in_the_history(world, mailoutbox):
    certificate = make_certificate(world, START)
    audit = re_audit(world, D(2026, 4, 1), route="c")
    reach(audit, "plan_due", D(2026, 5, 1), world)
    assert lifecycle.run(D(2026, 4, 30)) == []
    (event,) = lifecycle.run(D(2026, 5, 1))
    assert (event.kind, event.step, event.by) == ("suspended", "route_c", None)
    assert "9c-ii" in event.note
    assert mailoutbox == []  # the audit workflow mails about route c
    assert status(certificate, D(2026, 5, 1)) == SUSPENDED
    # The follow-up ends negatively (stap 9c-i): lapsed, with the lapse mail, before expiry.
    reach(audit, "advice_negative", D(2026, 8, 1), world)
    lifecycle.run(D(2026, 7, 31))
    (event,) = lifecycle.run(D(2026, 8, 1))
    assert (event.kind, event.step) == ("lapsed", "suspension")
    (mail,) = mailoutbox
    assert "vanaf 1 augustus 2026 mag" in mail.body
    assert mail.cc == ADVISERS


def test_a_route_c_suspension_first_seen_after_expiry_is_in_the_history(world, mailoutbox):
    """As the demo's Kennemerland: the round starts when the follow-up already went well."""
    certificate = make_certificate(world, START)
    audit = re_audit(world, D(2026, 4, 1), route="c")
    reach(audit, "plan_due", D(2026, 5, 1), world)
    reach(audit, "advice_positive", D(2027, 4, 1), world)
    (event,) = lifecycle.run(D(2027, 4, 10))
    assert (event.kind, event.step) == ("suspended", "route_c")
    assert status(certificate, D(2027, 4, 10)) == SUSPENDED and mailoutbox == []
    assert lifecycle.run(D(2027, 4, 11)) == []


def test_a_negative_re_audit_during_the_suspension_lapses_it(world):
    certificate = make_certificate(world, START)
    audit = re_audit(world, D(2026, 12, 1))
    for day in (NOTICE_DAY, EXPIRY, D(2027, 4, 9)):
        lifecycle.run(day)
    reach(audit, "advice_negative", D(2027, 4, 10), world)
    lifecycle.run(D(2027, 4, 10))
    assert history(certificate)[-3:] == [
        ("suspension_notice", "expiry", NOTICE_DAY),
        ("suspended", "expiry", EXPIRY),
        ("lapsed", "suspension", D(2027, 4, 10)),
    ]


def test_two_rounds_at_once_send_once(world, mailoutbox, monkeypatch):
    make_certificate(world, START)
    assert len(lifecycle.run(D(2026, 6, 1))) == 1
    # A twin round that read the events before the first one wrote: its insert fails on the
    # unique constraint, its mail is rolled back with it.
    monkeypatch.setattr(lifecycle, "_done", lambda ids: {})
    assert lifecycle.run(D(2026, 6, 1)) == []
    assert len(mailoutbox) == 1
    assert CertificateEvent.objects.count() == 1


def test_a_round_over_many_certificates_costs_a_few_queries(world, django_assert_max_num_queries):
    for i in range(30):
        make_certificate(world, START + datetime.timedelta(days=i), number=f"KSSW-2025-{i + 1:04d}")
    lifecycle.run(D(2026, 5, 1))
    with django_assert_max_num_queries(5):
        assert lifecycle.run(D(2026, 5, 2)) == []


def test_the_command_runs_both_rounds_for_a_given_day(world, settings, capsys):
    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
    make_certificate(world, START)
    call_command("run_lifecycle", "--date", "2026-06-01")
    call_command("run_lifecycle", "--date", "2026-06-01")
    out = capsys.readouterr().out
    assert out.count("certificaatgebeurtenissen: 1") == 1
    assert "certificaatgebeurtenissen: 0" in out and "termijnberichten: 0" in out
    assert OutboxMessage.objects.get().subject.startswith("Herinnering")


def test_the_command_without_a_date_runs_for_today(world, capsys):
    make_certificate(world, START)
    with time_machine.travel(moment(D(2026, 9, 1), 6), tick=False):
        call_command("run_lifecycle")
    assert "certificaatgebeurtenissen: 1" in capsys.readouterr().out
    assert CertificateEvent.objects.get().step == "6"  # the latest moment due


@pytest.mark.parametrize("text", ["2026-13-01", "1-6-2026", "morgen"])
def test_a_malformed_date_names_the_option(text):
    with pytest.raises(
        CommandError, match=rf"--date: ‘{text}’ is geen datum. Gebruik de vorm JJJJ-MM-DD"
    ):
        call_command("run_lifecycle", "--date", text)


# --- The reminder moments page (Bijlage 6 stap 16): SWN's secretariat sets them.
URL = "/certificaten/herinneringsmomenten/"


def test_the_page_shows_the_default_and_the_schedules(client_as, world):
    ReminderSchedule.objects.create(valid_from=D(2020, 1, 1), months="6, 3")
    ReminderSchedule.objects.create(valid_from=D(2021, 1, 1), months="10, 4, 1")
    ReminderSchedule.objects.create(valid_from=D(2099, 1, 1), months="2")
    assert reverse("certificates:reminders") == URL
    html = client_as("swn_secretariat").get(URL).content.decode()
    assert "Nu van kracht" in html and "10, 4, 1 maanden voor de vervaldatum" in html
    assert "9, 6, 3, 1 maanden, de keuze van het platform" in html
    assert "gepland" in html and "eerder" in html


def test_the_secretariat_sets_moments(client_as, world):
    client = client_as("swn_secretariat")
    with time_machine.travel(moment(D(2026, 3, 1)), tick=False):
        response = client.post(URL, {"valid_from": "2026-04-01", "months": "1,9; 6 , 3,3"})
    assert response.status_code == 302
    schedule = ReminderSchedule.objects.get()
    assert (schedule.months, schedule.set_by) == ("9, 6, 3, 1", world.users["swn_secretariat"])


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"valid_from": "2026-04-01", "months": ""}, "Maanden voor de vervaldatum: noem ten"),
        ({"valid_from": "2026-04-01", "months": ", ,"}, "Maanden voor de vervaldatum: noem ten"),
        (
            {"valid_from": "2026-04-01", "months": "9, 0, 30, 2.5, x"},
            "Maanden voor de vervaldatum: ‘0’, ‘30’, ‘2.5’, ‘x’ zijn geen heel getal van 1 tot en met 24",
        ),
        ({"valid_from": "", "months": "3"}, "Geldig vanaf: vul een datum in."),
        ({"valid_from": "2026-02-28", "months": "3"}, "Geldig vanaf: kies vandaag of een latere"),
        ({"valid_from": "2026-05-01", "months": "3"}, "Geldig vanaf: voor 01-05-2026 zijn al"),
    ],
)
def test_wrong_moments_are_refused_naming_the_field(client_as, world, data, error):
    ReminderSchedule.objects.create(valid_from=D(2026, 5, 1), months="9")
    with time_machine.travel(moment(D(2026, 3, 1)), tick=False):
        response = client_as("swn_secretariat").post(URL, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert ReminderSchedule.objects.count() == 1


@pytest.mark.parametrize("role", ["swn_adviser", "member_admin", "governance"])
def test_only_the_secretariat_sets_moments(client_as, world, role):
    assert client_as(role).post(URL, {"valid_from": "2099-01-01", "months": "3"}).status_code == 403
    assert not ReminderSchedule.objects.exists()
