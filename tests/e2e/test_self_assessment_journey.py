"""The demo's completed self-assessment: the coordinator reads readiness, feedback and the PDF;
the body's auditor gives feedback on a norm (issue 5)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.common.demo.loader import totp_secret
from kwaliteitslabel.selfassessment.models import NormFeedback, SelfAssessment

from .conftest import SCREENSHOTS, content, enter_code, screenshot
from .test_accounts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-wachtwoord-e2e"


@pytest.fixture
def demo(monkeypatch, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    # live_server empties the tables between tests, the seeded work types too.
    importlib.import_module("kwaliteitslabel.members.migrations.0002_seed_work_types").seed(
        django_apps, None
    )
    call_command("load_demo", verbosity=0)


def test_coordinator_sees_readiness_feedback_and_downloads_the_pdf(page, demo):
    log_in(page, "lid@demo.kwaliteitslabel.nl", PASSWORD)
    page.get_by_role("link", name="Zelfevaluaties van Welzijn Noorderlicht").click()
    # Named for the year it started, which follows the day the demo was loaded.
    title = SelfAssessment.objects.get(member__name="Welzijn Noorderlicht").title
    page.get_by_role("link", name=title).click()
    screenshot(page, "self-assessment-detail")
    page.get_by_role("link", name="Klaar voor de toetsing?").first.click()
    assert "Route b: verbeterplan voor deze normen" in content(page)
    assert page.locator("svg[role=img]").count() == 4  # three rubrics and the total
    screenshot(page, "self-assessment-readiness")
    page.go_back()
    page.get_by_role("link", name="Feedback lezen").click()
    assert "Begin met een lijst van bedrijfskritische leveranciers" in content(page)
    screenshot(page, "self-assessment-feedback")
    page.go_back()
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden als PDF").click()
    download = info.value
    assert download.suggested_filename.startswith("zelfevaluatie-welzijn-noorderlicht-")
    download.save_as(str(SCREENSHOTS / "zelfevaluatie.pdf"))
    page.get_by_role("link", name="Delen voor feedback").click()
    assert "LRQA" in content(page)  # CIIO has it already
    screenshot(page, "self-assessment-share")


def test_auditor_gives_feedback_on_a_norm(page, demo):
    auditor = User.objects.get(email="auditor@demo.kwaliteitslabel.nl")
    log_in(page, auditor.email, PASSWORD)
    enter_code(page, totp_secret(auditor))
    page.get_by_role("link", name="Zelfevaluaties gedeeld met uw instelling").click()
    screenshot(page, "self-assessment-shared-list")
    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    page.get_by_label("Feedback bij V14").fill("Maak de kosten per activiteit zichtbaar per team.")
    page.get_by_role("button", name="Opslaan V14").click()
    assert "Opgeslagen: V14." in content(page)
    screenshot(page, "self-assessment-give-feedback")
    assert NormFeedback.objects.filter(norm__rubric__code="V", norm__number=14).exists()


def test_member_follows_its_audit_and_sees_why_it_cannot_start(page, demo):
    log_in(page, "lid@demo.kwaliteitslabel.nl", PASSWORD)
    page.get_by_role("link", name="Toetsingen", exact=True).click()
    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    html = content(page)
    assert "geaccepteerd, in planning" in html
    assert "De gedragscode (Bijlage 9) is nog niet getekend door: Gerrit Janssen." in html
    screenshot(page, "audit-detail-member")
