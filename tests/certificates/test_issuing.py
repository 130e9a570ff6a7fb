"""Issuing certificates: the dates for a first audit, a re-audit in time, within the
suspension period and too late, a scope extension; bad input (Bijlage 6 stap 15 en 17,
hoofdstuk 2.4 en 2.7)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.workflow import Refused
from kwaliteitslabel.certificates import issuing, status
from kwaliteitslabel.certificates.models import Certificate, CertificateEvent
from tests.audits.helpers import ELDERLY, SOCIAL, work_type

from .helpers import accepted_audit, make_certificate, moment

D = datetime.date
FROM, UNTIL = D(2025, 3, 1), D(2027, 3, 1)


def scope_ids(audit):
    return [w.pk for w in issuing.scope_work_types(audit)]


def issue_on(day, audit, user, number="KSSW-2027-0001", work_types=None):
    with time_machine.travel(moment(day), tick=False):
        return issuing.issue(audit, user, number, work_types or scope_ids(audit))


def re_audit_requested(world, on, kind="recertification"):
    audit = accepted_audit(world, kind=kind)
    Audit.objects.filter(pk=audit.pk).update(requested_at=moment(on, 9))
    audit.refresh_from_db()
    return audit


def test_a_first_audit_gives_two_years_from_the_day_of_issue(world, mailoutbox):
    audit = accepted_audit(world)
    secretariat = world.users["swn_secretariat"]
    certificate = issue_on(D(2026, 12, 1), audit, secretariat, "KSSW-2026-0001")
    assert (certificate.valid_from, certificate.valid_until) == (D(2026, 12, 1), D(2028, 12, 1))
    assert sorted(w.name for w in certificate.work_types.all()) == sorted([SOCIAL, ELDERLY])
    audit.refresh_from_db()
    assert audit.status == "certified" and audit.events.last().by == secretariat
    assert [e.kind for e in certificate.events.all()] == ["issued"]
    member_mail, governance_mail = mailoutbox[-2:]
    assert audit.member.email in member_mail.to
    assert world.users["member_admin"].email in member_mail.to
    assert world.users["swn_adviser"].email in member_mail.cc
    assert world.users["body_admin"].email in member_mail.cc
    assert "KSSW-2026-0001" in member_mail.body and "1 december 2028" in member_mail.body
    assert governance_mail.to == [world.users["governance"].email]


def test_a_re_audit_completed_before_expiry_joins_the_previous_certificate(world):
    previous = make_certificate(world, FROM)
    audit = re_audit_requested(world, D(2026, 9, 1))
    certificate = issue_on(D(2027, 2, 1), audit, world.users["swn_secretariat"])
    assert (certificate.valid_from, certificate.valid_until) == (UNTIL, D(2029, 3, 1))
    assert certificate.previous == previous
    day_before, on = UNTIL - datetime.timedelta(days=1), UNTIL
    assert status.status(previous, day_before) == "valid"
    assert status.status(certificate, day_before) == "pending"
    assert status.status(previous, on) == "superseded"
    assert status.status(certificate, on) == "valid"
    assert previous.events.get().kind == "renewed"


def test_a_re_audit_completed_within_the_suspension_period_joins_as_well(world):
    previous = make_certificate(world, FROM)
    audit = re_audit_requested(world, D(2027, 1, 10))
    assert status.status(previous, D(2027, 4, 1)) == "suspended"
    certificate = issue_on(D(2027, 5, 15), audit, world.users["swn_secretariat"])
    assert (certificate.valid_from, certificate.valid_until) == (UNTIL, D(2029, 3, 1))
    # Suspended until SWN issued it; from then on the new one counts, dated from the expiry.
    assert status.status(previous, D(2027, 5, 14)) == "suspended"
    assert status.status(previous, D(2027, 5, 15)) == "superseded"
    assert status.status(certificate, D(2027, 5, 14)) == "pending"
    assert status.status(certificate, D(2027, 5, 15)) == "valid"


def test_after_six_months_the_certificate_lapsed_and_only_a_first_audit_helps(world):
    """Bijlage 6 stap 17-3: a new start needs an initial audit with a new self-assessment."""
    previous = make_certificate(world, FROM)
    audit = re_audit_requested(world, D(2027, 1, 10))
    assert status.status(previous, D(2027, 9, 1)) == "lapsed"
    with pytest.raises(Refused) as refused:
        issue_on(D(2027, 9, 15), audit, world.users["swn_secretariat"])
    assert "eerste toetsing" in " ".join(refused.value.reasons)
    audit.refresh_from_db()
    assert audit.status == "summary_accepted" and Certificate.objects.count() == 1
    first = accepted_audit(world)
    certificate = issue_on(D(2027, 9, 15), first, world.users["swn_secretariat"])
    assert (certificate.valid_from, certificate.previous) == (D(2027, 9, 15), None)


def test_a_scope_extension_keeps_the_validity_and_supersedes_the_old_one(world):
    """Hoofdstuk 2.4: work types added by a follow-up investigation widen the certificate."""
    previous = make_certificate(world, FROM, work_types=(SOCIAL, "kinderwerk"))
    audit = re_audit_requested(world, D(2026, 1, 5), kind="scope_extension")
    certificate = issue_on(D(2026, 4, 1), audit, world.users["swn_secretariat"])
    assert (certificate.valid_from, certificate.valid_until) == (D(2026, 4, 1), UNTIL)
    # The audit's scope (social, elderly) joins what was certified (social, kinderwerk).
    assert sorted(w.name for w in certificate.work_types.all()) == sorted(
        ["kinderwerk", SOCIAL, ELDERLY]
    )
    assert status.status(previous, D(2026, 3, 31)) == "valid"
    assert status.status(previous, D(2026, 4, 1)) == "superseded"
    assert previous.events.get().kind == "superseded"


def test_a_scope_extension_needs_a_valid_certificate(world):
    audit = accepted_audit(world, kind="scope_extension")
    with pytest.raises(Refused) as refused:
        issue_on(D(2026, 4, 1), audit, world.users["swn_secretariat"])
    assert "geldig certificaat" in refused.value.reasons[0]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"status": "advice_negative"}, "negatief"),
        ({"status": "summary_sent"}, "nog niet compleet"),
        ({"number": "2026-1"}, "Certificaatnummer"),
        ({"number": "KSSW-2025-0001"}, "al uitgereikt"),
        ({"work_types": "other"}, "Werksoorten"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, change, says):
    make_certificate(world, FROM, member=world.member_b, number="KSSW-2025-0001")
    audit = accepted_audit(world)
    if "status" in change:
        Audit.objects.filter(pk=audit.pk).update(status=change["status"])
        audit.refresh_from_db()
    work_types = scope_ids(audit)
    if change.get("work_types"):
        work_types = [work_type("kinderwerk").pk]
    with pytest.raises(Refused) as refused:
        issue_on(
            D(2026, 12, 1),
            audit,
            world.users["swn_secretariat"],
            change.get("number", "KSSW-2026-0009"),
            work_types,
        )
    assert any(says in r for r in refused.value.reasons), refused.value.reasons
    assert Certificate.objects.count() == 1 and not CertificateEvent.objects.exists()


def test_only_the_secretariat_issues_and_only_once(world):
    audit = accepted_audit(world)
    with pytest.raises(Refused):
        issue_on(D(2026, 12, 1), audit, world.users["swn_adviser"])
    issue_on(D(2026, 12, 1), audit, world.users["swn_secretariat"], "KSSW-2026-0001")
    stale = Audit.objects.get(pk=audit.pk)
    stale.status = "summary_accepted"  # a second browser that loaded the page before
    with pytest.raises(Refused):
        issue_on(D(2026, 12, 1), stale, world.users["swn_secretariat"], "KSSW-2026-0002")
    assert Certificate.objects.count() == 1


def test_the_issue_page_confirms_and_the_certificate_page_shows_the_history(world, client):
    audit = accepted_audit(world)
    client.force_login(world.users["swn_secretariat"])
    url = reverse("certificates:issue", args=[audit.pk])
    page = client.get(url).content.decode()
    assert "Certificeringsdatum" in page and issuing.next_number(D.today()) in page
    data = {"number": "KSSW-2026-0042", "work_types": [str(i) for i in scope_ids(audit)]}
    response = client.post(url, data)  # not confirmed
    assert response.status_code == 400 and "Bevestig" in response.content.decode()
    assert not Certificate.objects.exists()
    response = client.post(url, {**data, "confirm": "on"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "KSSW-2026-0042" in page and "uitgereikt" in page and "geldig" in page
    inbox = client.get(reverse("certificates:inbox")).content.decode()
    assert audit.member.name not in inbox


def test_the_re_audit_request_knows_the_expiry_of_the_current_certificate(world, client):
    make_certificate(world, FROM)
    client.force_login(world.users["member_admin"])
    page = client.get(reverse("audits:audit_request", args=[world.member_a.pk])).content
    assert b'value="2027-03-01"' in page and b'value="recertification" selected' in page
