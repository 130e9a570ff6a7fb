"""The certificate's daily round (issue 9), run for later days: it suspends one certificate and
lets another lapse. SWN issuing and the public verifying are in test_main_journeys.py."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kwaliteitslabel.certificates import status
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.common.mail import deliver

from .conftest import content, screenshot
from .test_self_assessment_journey import demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_daily_round_for_later_days_suspends_one_and_lets_another_lapse(page, demo):  # noqa: F811
    """Four months of daily rounds from the day of the load, as the README has them:
    Noorderlicht's re-audit is not done by its expiry, Walcheren (no longer a member) does not
    re-audit (Bijlage 6 stap 16-17)."""
    out = io.StringIO()
    call_command("run_lifecycle", "--days", "120", stdout=out)
    suspended = Certificate.objects.get(member__name="Welzijn Noorderlicht")
    lapsed = Certificate.objects.get(member__name="Welzijn Walcheren")
    day = timezone.localdate() + datetime.timedelta(days=120)
    assert status.status(suspended, day) == "suspended"
    assert status.status(lapsed, day) == "lapsed"
    two_weeks = datetime.timedelta(days=14)
    assert [(e.kind, e.on) for e in suspended.events.all()][-2:] == [
        ("suspension_notice", suspended.valid_until - two_weeks),  # stap 17-2: two weeks before
        ("suspended", suspended.valid_until),
    ]
    assert [(e.kind, e.on) for e in lapsed.events.all()][-2:] == [
        ("lapse_notice", lapsed.valid_until - two_weeks),  # stap 17-3
        ("lapsed", lapsed.valid_until),  # stap 17-4
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
