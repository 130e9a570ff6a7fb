"""The demo's audits in the browser (issue 6): the body reads a closed peer audit, its history
and the cluster; a peer evaluates. The lead's own journey, from planning to the final report,
is in test_main_journeys.py."""

import pytest

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.common.demo.loader import totp_secret

from .conftest import content, enter_code, screenshot
from .test_accounts_journey import log_in
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_with_code(page, email):
    log_in(page, email, PASSWORD)
    enter_code(page, totp_secret(User.objects.get(email=email)))


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
    # The radios are gathered at once, so the form must be there first (a busy CI machine).
    page.wait_for_url("**/evaluatie/")
    for choice in page.locator("input[type=radio][value='4']").all():
        choice.check()
    screenshot(page, "audit-evaluation-form")
    page.get_by_role("button", name="Evaluatie insturen").click()
    page.get_by_text("Uw evaluatie is vastgelegd").wait_for()
    assert audit.team.filter(evaluation__isnull=False).count() == 2
    page.get_by_role("button", name="Uitloggen").click()
    log_in_with_code(page, "secretariaat@demo.kwaliteitslabel.nl")
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/evaluatie/anoniem/")
    html = content(page)
    assert "Joost Mulder" not in html and "Fatima" not in html
    screenshot(page, "audit-evaluations-swn")
