"""The report in the browser (issue 8): the member reads the concept and reacts, receives the
final report as PDF and Word; SWN's check of part A is in
test_main_journeys.py (SWN from part A to register)."""

import pytest

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits import workflow
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.reports import corrections

from .conftest import SCREENSHOTS, content, screenshot
from .test_accounts_journey import log_in
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_reads_the_concept_reacts_and_downloads_the_final_report(page, demo):  # noqa: F811
    audit = Audit.objects.get(member__name="Wijkwerk Haaglanden")
    lead = User.objects.get(email="auditor2@demo.kwaliteitslabel.nl")
    workflow.send_draft(audit, lead)
    log_in(page, "lid.haaglanden@demo.kwaliteitslabel.nl", PASSWORD)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    page.get_by_role("link", name="deel B, bevindingen").click()
    html = content(page)
    assert "Resultaat toetsing · concept" in html and "Kijk nog eens" not in html
    screenshot(page, "report-part-b-member-concept")
    page.get_by_role("link", name="Correcties", exact=True).click()
    page.get_by_label("Waarover").select_option("V1")
    page.get_by_label("Feitelijke onjuistheid").fill("Het zijn acht professionals, niet zes.")
    page.get_by_role("button", name="Correctie toevoegen").click()
    assert "De correctie staat erbij." in content(page)
    screenshot(page, "report-corrections-member")
    page.get_by_role("link", name="Verstuur uw reactie").click()
    page.get_by_label("Feitelijke onjuistheden").fill("Zie de correctie bij V1.")
    page.get_by_role("button", name="Reactie versturen").click()
    assert "Uw reactie is verstuurd" in content(page)
    audit.refresh_from_db()
    correction = audit.corrections.get()
    corrections.answer(correction, lead, "accepted", "Aangepast.")
    workflow.finalize(audit, lead)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/rapport/deel-a/")
    assert "Resultaat toetsing · definitief" in content(page)
    screenshot(page, "report-part-a-member")
    page.get_by_role("link", name="Versies").click()
    page.get_by_role("link", name="Versie 2").click()
    assert "Definitief op" in content(page)
    screenshot(page, "report-versions")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/rapport/deel-a/")
    for link, suffix in (("PDF", ".pdf"), ("Word", ".docx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link, exact=True).click()
        assert download.value.suggested_filename.endswith(suffix)
        download.value.save_as(str(SCREENSHOTS / f"rapport{suffix}"))
