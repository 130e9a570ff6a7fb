"""The demo's audits in the browser (issue 6): the lead signs, starts, records findings with
autosave and the keyboard, closes them; the member follows; the peer cluster reads at a glance."""

import pytest
from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.common.demo.loader import totp_secret

from .conftest import content, enter_code, screenshot
from .test_accounts_journey import log_in
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_with_code(page, email):
    log_in(page, email, PASSWORD)
    enter_code(page, totp_secret(User.objects.get(email=email)))


def test_lead_signs_starts_records_and_closes_and_the_member_follows(page, demo):  # noqa: F811
    audit = Audit.objects.get(member__name="Welzijn Noorderlicht")
    log_in_with_code(page, "auditor@demo.kwaliteitslabel.nl")
    page.get_by_role("link", name="Toetsingen", exact=True).click()
    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    page.get_by_role("link", name="verklaar uw onafhankelijkheid").click()
    page.get_by_label("Ik werk niet voor Welzijn Noorderlicht").check()
    page.get_by_role("button", name="Verklaren").click()
    page.get_by_role("link", name="gedragscode").first.click()
    page.get_by_label("Naam").fill("Gerrit Janssen")
    page.get_by_label("Plaats").fill("Utrecht")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Ik heb de gedragscode").check()
    page.get_by_role("button", name="Tekenen").click()
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    assert "Ja: er is een teamleider" in content(page)
    page.get_by_role("link", name="Toetsing beginnen").click()
    page.get_by_role("button", name="Toetsing beginnen").click()
    assert "De toetsing is begonnen." in content(page)
    screenshot(page, "audit-started")

    page.get_by_role("link", name="Gesprekken en documenten").first.click()
    for function, department in [("Opbouwwerker", "Team Selwerd"), ("Bestuurder", "")]:
        page.get_by_label("Functie").fill(function)
        page.get_by_label("Afdeling of team").fill(department)
        page.get_by_role("button", name="Gesprek toevoegen").click()
    page.get_by_label("Functie").fill("mevr. De Boer")
    page.get_by_role("button", name="Gesprek toevoegen").click()
    assert "Noem geen personen" in content(page)
    page.get_by_label("Document", exact=True).fill("Werkwijzer intake 2026")
    page.get_by_role("button", name="Document toevoegen").click()
    screenshot(page, "audit-sources")

    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/V1/")
    page.get_by_label("Bevindingen").fill("Alle zes professionals noemen hun beroepsprofiel.")
    page.get_by_label("Opbouwwerker, Team Selwerd").check()
    page.get_by_label("Bestuurder").check()
    page.get_by_label("Werkwijzer intake 2026").check()
    page.get_by_label("+ voldoet").check()
    screenshot(page, "audit-finding")
    page.get_by_label("Bevindingen").press("Control+Enter")
    page.wait_for_url("**/bevindingen/V2/")
    # Autosave: typing is saved without a button; the page says so.
    page.get_by_label("Bevindingen").fill("Nieuwe medewerkers hebben een maatje.")
    page.get_by_text("Opgeslagen om").wait_for()
    assert Finding.objects.get(audit=audit, norm__rubric__code="V", norm__number=2).text == (
        "Nieuwe medewerkers hebben een maatje."
    )
    first = Finding.objects.get(audit=audit, norm__rubric__code="V", norm__number=1)
    assert (first.verdict, first.interviews.count(), first.documents.count()) == ("met", 2, 1)

    # The other norms as if the team had filled them in; the lead closes in the browser.
    Finding.objects.filter(audit=audit).exclude(pk=first.pk).update(verdict="met")
    Finding.objects.filter(audit=audit, norm__rubric__code="D", norm__number=8).update(
        verdict="partly"
    )
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/")
    screenshot(page, "audit-findings")
    page.get_by_role("link", name="Bevindingen vaststellen").click()
    assert "48 normen rusten op minder dan twee bronnen" in content(page)
    screenshot(page, "audit-findings-close")
    page.get_by_label("Ik heb de normen met minder dan twee bronnen gezien").check()
    page.get_by_role("button", name="Bevindingen vaststellen").click()
    assert "De bevindingen zijn vastgesteld." in content(page)
    audit.refresh_from_db()
    assert audit.status == "findings_closed"

    page.get_by_role("link", name="Conceptrapport naar het lid").click()
    page.get_by_role("button", name="Conceptrapport versturen").click()
    assert "conceptrapport bij het lid" in content(page)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "lid@demo.kwaliteitslabel.nl", PASSWORD)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    html = content(page)
    assert "D8" in html and "reactie van het lid" in html.lower()
    screenshot(page, "audit-detail-member-concept")
    page.get_by_role("link", name="Reageren op het conceptrapport").click()
    page.get_by_label("Feitelijke onjuistheden").fill("V1: het zijn zeven professionals, niet zes.")
    screenshot(page, "audit-report-react")
    page.get_by_role("button", name="Reactie versturen").click()
    assert "Uw reactie is verstuurd" in content(page)

    # The body's manager finalizes (the lead could too; a TOTP code works only once).
    page.get_by_role("button", name="Uitloggen").click()
    log_in_with_code(page, "ci@demo.kwaliteitslabel.nl")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    page.get_by_role("link", name="Rapport definitief maken").click()
    assert "zeven professionals" in content(page) and "Route b" in content(page)
    screenshot(page, "audit-report-finalize")
    page.get_by_role("button", name="Rapport definitief maken").click()
    audit.refresh_from_db()
    assert audit.status == "plan_due"
    screenshot(page, "audit-detail-plan-due")


def test_body_reads_the_closed_peer_audit_its_history_and_the_cluster(page, demo):  # noqa: F811
    audit = Audit.objects.get(member__name="Wijkwerk Haaglanden")
    log_in_with_code(page, "ci@demo.kwaliteitslabel.nl")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/")
    assert "49 van 49 normen beoordeeld" in content(page)
    screenshot(page, "audit-findings-closed")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/V5/")
    assert "deels" in content(page)
    screenshot(page, "audit-finding-read")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/wijzigingen/")
    assert "Yvonne Bos" in content(page)
    page.goto(f"{page.base_url}/toetsingen/clusters/{audit.cluster_id}/")
    assert "Wijkwerk Haaglanden" in content(page)
    screenshot(page, "audit-cluster")


def test_a_peer_evaluates_and_swn_reads_it_without_names(page, demo):  # noqa: F811
    audit = Audit.objects.get(member__name="Wijkwerk Haaglanden")
    log_in(page, "branchetoetser@demo.kwaliteitslabel.nl", PASSWORD)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    page.get_by_role("link", name="Evalueer de toetsing").click()
    for choice in page.locator("input[type=radio][value='4']").all():
        choice.check()
    screenshot(page, "audit-evaluation-form")
    page.get_by_role("button", name="Evaluatie insturen").click()
    assert audit.team.filter(evaluation__isnull=False).count() == 2
    page.get_by_role("button", name="Uitloggen").click()
    log_in_with_code(page, "secretariaat@demo.kwaliteitslabel.nl")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/evaluatie/anoniem/")
    html = content(page)
    assert "Joost Mulder" not in html and "Fatima" not in html
    screenshot(page, "audit-evaluations-swn")
