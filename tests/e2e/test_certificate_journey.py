"""The certificate in the browser (issue 9): SWN confirms part A and issues the
certificate; the public finds the member in the register and verifies the number; the
daily round, run for a later day, suspends one certificate and lets another lapse."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.certificates import status
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.common.mail import deliver

from .conftest import content, screenshot
from .test_audit_journey import log_in_with_code
from .test_self_assessment_journey import demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swn_issues_and_the_public_finds_and_verifies_it(page, demo):  # noqa: F811
    audit = Audit.objects.get(route="a")  # Buurtkracht Utrecht's re-audit, part A at SWN
    log_in_with_code(page, "secretariaat@demo.kwaliteitslabel.nl")
    page.get_by_role("link", name="SWN toetst deel A op volledigheid en juistheid").first.click()
    page.get_by_role("button", name="Ontvangst bevestigen").click()
    assert "Ontvangst bevestigd" in content(page)
    page.get_by_role("link", name="Mijn startpagina").click()
    page.get_by_role("link", name="Certificaat, registratie en berichten").first.click()
    html = content(page)
    assert "aansluitend op certificaat KSSW-2025-0002" in html and "31 januari 2029" in html
    screenshot(page, "certificate-issue")
    page.get_by_role("button", name="Certificaat uitreiken").click()
    assert "Bevestig" in content(page)  # the confirmation is required
    page.get_by_label("Ik heb de gegevens gecontroleerd").check()
    page.get_by_role("button", name="Certificaat uitreiken").click()
    html = content(page)
    assert "Certificaat KSSW-2026-0001" in html and "uitgereikt" in html
    screenshot(page, "certificate-detail-swn")
    certificate = Certificate.objects.get(number="KSSW-2026-0001")
    assert certificate.audit == audit and str(certificate.valid_from) == "2027-01-31"
    deliver()
    subjects = [m.subject for m in mail.outbox]
    assert (
        "Certificaat Kwaliteitslabel Sterk Sociaal Werk: Stichting Buurtkracht Utrecht" in subjects
    )
    assert "Certificaat uitgereikt: Stichting Buurtkracht Utrecht (KSSW-2026-0001)" in subjects

    page.context.clear_cookies()
    page.goto(page.base_url + "/register/")
    page.get_by_label("Zoeken", exact=True).fill("Utrecht")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    html = content(page)
    assert "Stichting Buurtkracht Utrecht" in html and "extern getoetst" in html
    assert "Sociaal Werk Kennemerland" not in html  # suspended by its route c re-audit
    screenshot(page, "register-search")
    page.goto(page.base_url + "/c/KSSW-2026-0001/")
    html = content(page)
    assert "Stichting Buurtkracht Utrecht" in html and "31 januari 2029" in html
    screenshot(page, "certificate-verify")


def test_the_daily_round_for_later_days_suspends_one_and_lets_another_lapse(page, demo):  # noqa: F811
    """Four months of daily rounds: Noorderlicht's re-audit is not done by 31 March 2027,
    Walcheren (no longer a member) does not re-audit (Bijlage 6 stap 16-17)."""
    out = io.StringIO()
    call_command("run_lifecycle", "--date", "2026-12-01", "--until", "2027-04-01", stdout=out)
    suspended = Certificate.objects.get(member__name="Welzijn Noorderlicht")
    lapsed = Certificate.objects.get(member__name="Welzijn Walcheren")
    day = datetime.date(2027, 4, 1)
    assert status.status(suspended, day) == "suspended"
    assert status.status(lapsed, day) == "lapsed"
    assert [(e.kind, str(e.on)) for e in suspended.events.all()][-2:] == [
        ("suspension_notice", "2027-03-17"),  # stap 17-2: two weeks before
        ("suspended", "2027-03-31"),
    ]
    assert [(e.kind, str(e.on)) for e in lapsed.events.all()][-2:] == [
        ("lapse_notice", "2027-01-01"),  # stap 17-3
        ("lapsed", "2027-01-15"),  # stap 17-4
    ]
    deliver()
    walcheren = [m for m in mail.outbox if "info@welzijnwalcheren.example.nl" in m.to]
    assert any("logo" in m.body and "zelfevaluatie" in m.body for m in walcheren)
    noorderlicht = [m for m in mail.outbox if "info@welzijnnoorderlicht.example.nl" in m.to]
    assert len([m for m in noorderlicht if "opgeschort" in m.subject.lower()]) == 2
    page.goto(f"{page.base_url}/c/{suspended.number}/?date={day}")
    assert "opgeschort" in content(page)
    screenshot(page, "certificate-verify-suspended")
    page.goto(f"{page.base_url}/c/{lapsed.number}/?date={day}")
    assert "vervallen" in content(page)
    screenshot(page, "certificate-verify-lapsed")
