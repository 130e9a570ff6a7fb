"""Improvement plans in the browser (issue 7): the member writes its plan per norm, the
body judges it per norm, the dashboards show who must act; the demo's route c audit shows
its follow-up beside the plan."""

import datetime

import pytest
from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits import workflow
from kwaliteitslabel.audits.models import Audit

from .conftest import content, screenshot
from .test_accounts_journey import log_in
from .test_audit_journey import log_in_with_code
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_writes_the_plan_and_the_body_judges_it_per_norm(page, demo):  # noqa: F811
    # Haaglanden's findings are closed in the demo (route b); its report becomes final.
    audit = Audit.objects.get(member__name="Wijkwerk Haaglanden")
    lead = User.objects.get(email="auditor2@demo.kwaliteitslabel.nl")
    member = User.objects.get(email="lid.haaglanden@demo.kwaliteitslabel.nl")
    workflow.send_draft(audit, lead)
    workflow.react(audit, member, "Geen onjuistheden.")
    workflow.finalize(audit, lead)

    log_in(page, member.email, PASSWORD)
    assert "Verbeterplan voor elke norm met - of +/-" in content(page)
    screenshot(page, "dashboard-member-plan-due")
    page.get_by_role("link", name="Verbeterplan voor elke norm met - of +/-").first.click()
    page.get_by_role("button", name="Verbeterplan indienen").click()
    assert "V5: vul nog in: maatregelen, verantwoordelijk, gereed op, bewijs dat volgt" in (
        content(page)
    )
    ready_on = (timezone.localdate() + datetime.timedelta(days=120)).isoformat()
    for card in page.locator("li.site-card").all():
        card.get_by_label("Maatregelen").fill("Werkafspraak in het teamoverleg, elk kwartaal.")
        card.get_by_label("Verantwoordelijk").fill("teamleider")
        card.get_by_label("Gereed op").fill(ready_on)
        card.get_by_label("Bewijs dat volgt").fill("Verslagen van het teamoverleg.")
    screenshot(page, "plan-write")
    page.get_by_role("button", name="Verbeterplan indienen").click()
    assert "Het verbeterplan is ingediend bij CIIO." in content(page)
    audit.refresh_from_db()
    assert audit.status == "plan_review"

    page.get_by_role("button", name="Uitloggen").click()
    log_in_with_code(page, lead.email)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    page.get_by_role("link", name="Verbeterplan beoordelen").click()
    cards = page.locator("li.site-card")
    for i in range(cards.count()):
        cards.nth(i).get_by_label("goedkeuren").check()
    d8 = page.locator("#norm-D8")
    d8.get_by_label("afkeuren").check()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    assert "D8, toelichting: Schrijf waarom u dit deel afkeurt." in content(page)
    page.locator("#norm-D8").get_by_label("Toelichting").fill("Wie evalueert, en wanneer?")
    screenshot(page, "plan-review")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    assert "verbeterplan aan te passen" in content(page)
    screenshot(page, "plan-amend-round")
    audit.refresh_from_db()
    assert audit.status == "plan_amend" and audit.plan.round == 2


def test_the_route_c_audit_shows_the_follow_up_beside_the_plan(page, demo):  # noqa: F811
    audit = Audit.objects.get(route="c")
    log_in(page, "lid.kennemerland@demo.kwaliteitslabel.nl", PASSWORD)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    html = content(page)
    assert "positief advies" in html and "Na het aanvullend onderzoek" in html
    screenshot(page, "audit-detail-route-c")
    page.get_by_role("link", name="Verbeterplan").click()
    assert "Aanvullend onderzoek:" in content(page)
    screenshot(page, "plan-route-c-with-follow-up")
