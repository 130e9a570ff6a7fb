"""The four journeys of issue 11, end to end in the browser, with axe-core on every page
(`checked_page`, `look`): a member from self-assessment to certificate, a lead auditor from
planning to final report, SWN from part A to register, the public from register search to
verification. Other people's steps in between go through the services they call."""

import datetime

import pytest
import yaml
from django.core import mail
from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits import plans, workflow, workflow_plan
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.certificates import issuing
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.certificates.pdf import long_date
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.common.demo import audits as demo_audits
from kwaliteitslabel.common.demo.loader import totp_secret
from kwaliteitslabel.common.mail import deliver
from kwaliteitslabel.reports import summary
from kwaliteitslabel.selfassessment.models import SelfAssessment

from .conftest import enter_code, look, screenshot
from .test_accounts_journey import log_in
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, email, code=False):
    """Log in, with axe on the log-in page (and the code page for CI and SWN)."""
    page.goto(page.base_url + "/account/login/")
    look(page)
    log_in(page, email, PASSWORD)
    if code:
        look(page)
        enter_code(page, totp_secret(User.objects.get(email=email)))
    return look(page)


def demo_certificate(member):
    """The demo's certificate from before the platform; its number and dates follow the day
    the demo was loaded."""
    return Certificate.objects.get(member__name=member, audit__isnull=True)


def body_runs_the_audit(audit):
    """CIIO's part (the lead's journey walks it in the browser): accept, a signed lead and two
    days, the example findings of Bijlage 8 for all 49 norms (five partly met: route b),
    closed, the concept to the member."""
    lead = User.objects.get(email="auditor2@demo.kwaliteitslabel.nl")
    workflow.accept(audit, User.objects.get(email="ci@demo.kwaliteitslabel.nl"))
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=1), today]
    demo_audits._plan(audit, {"days": days, "team": [{"user": lead.email, "role": "lead"}]})
    workflow.start(audit, lead)
    demo_audits._record(audit, yaml.safe_load(demo_audits.EXAMPLE.read_text()), 49, {})
    workflow.close_findings(audit, lead, seen_few_sources=True)
    workflow.send_draft(audit, lead)
    return lead


def test_member_from_self_assessment_to_certificate(checked_page, demo):  # noqa: F811
    page = checked_page
    member_admin = "lid@demo.kwaliteitslabel.nl"
    # The demo has Noorderlicht past these steps (self-assessment closed, re-audit accepted);
    # undo them so the member walks them here.
    Audit.objects.filter(member__name="Welzijn Noorderlicht").delete()
    sa = SelfAssessment.objects.get(member__name="Welzijn Noorderlicht")
    SelfAssessment.objects.filter(pk=sa.pk).update(closed_on=None)
    current = demo_certificate("Welzijn Noorderlicht")

    html = sign_in(page, member_admin)
    assert "Wat moet ik doen?" in html and current.number in html
    page.get_by_role("link", name="Zelfevaluaties van Welzijn Noorderlicht").click()
    look(page)
    page.get_by_role("link", name=sa.title).click()
    look(page)
    page.get_by_role("link", name="Klaar voor de toetsing?").first.click()
    assert "Route b: verbeterplan voor deze normen" in look(page)
    page.get_by_role("link", name="Zelfevaluatie afronden").first.click()
    assert "nulmeting" in look(page)
    page.get_by_label("Afgerond op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Afronden").click()
    assert "afgerond" in look(page)
    sa.refresh_from_db()
    assert sa.closed_on == timezone.localdate()

    page.get_by_role("link", name="Mijn startpagina").click()
    look(page)
    page.get_by_role("link", name="Toetsing aanvragen voor Welzijn Noorderlicht").click()
    look(page)
    page.get_by_label("Soort toetsing").select_option("recertification")
    page.get_by_label("Toetsingsvariant").select_option("body")
    page.get_by_label("Scope", exact=True).select_option(str(sa.scope_id))
    page.get_by_label("Certificerende instelling").select_option(label="CIIO")
    page.get_by_label("Vorig certificaat geldig tot en met").fill(current.valid_until.isoformat())
    page.get_by_label("Zelfevaluatie").select_option(str(sa.pk))
    page.get_by_role("button", name="Aanvraag versturen").click()
    html = look(page)
    assert "Welzijn Noorderlicht" in html and "aangevraagd" in html
    screenshot(page, "journey-member-requested")
    audit = Audit.objects.get(member__name="Welzijn Noorderlicht")
    assert (audit.body.name, audit.self_assessment, audit.status) == ("CIIO", sa, "requested")

    lead = body_runs_the_audit(audit)
    page.get_by_role("link", name="Mijn startpagina").click()
    look(page)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    html = look(page)
    assert "D8" in html and "reactie van het lid" in html.lower()
    page.get_by_role("link", name="Reageren op het conceptrapport").click()
    look(page)
    page.get_by_label("Feitelijke onjuistheden").fill("V1: het zijn zeven professionals, niet zes.")
    page.get_by_role("button", name="Reactie versturen").click()
    assert "Uw reactie is verstuurd" in look(page)

    audit.refresh_from_db()
    workflow.finalize(audit, lead)
    page.get_by_role("link", name="Mijn startpagina").click()
    assert "Verbeterplan voor elke norm met - of +/-" in look(page)
    page.get_by_role("link", name="Verbeterplan voor elke norm met - of +/-").first.click()
    look(page)
    for card in page.locator("li.site-card").all():
        card.get_by_label("Maatregelen").fill("Werkafspraak in het teamoverleg, elk kwartaal.")
        card.get_by_label("Verantwoordelijk").fill("teamleider")
        card.get_by_label("Gereed op").fill(str(timezone.localdate() + datetime.timedelta(120)))
        card.get_by_label("Bewijs dat volgt").fill("Verslagen van het teamoverleg.")
    page.get_by_role("button", name="Verbeterplan indienen").click()
    assert "Het verbeterplan is ingediend bij CIIO." in look(page)

    # CIIO approves the plan and sends part A; SWN confirms and issues (journey 3 in the
    # browser).
    audit.refresh_from_db()
    judgements = {item.pk: ("approved", "") for item in plans.items(audit.plan)}
    workflow_plan.review(audit, lead, judgements)
    demo_audits._write_report(audit, {**REPORT, "signed_on": timezone.localdate()})
    audit.refresh_from_db()
    workflow_plan.send_summary(audit, User.objects.get(email="ci@demo.kwaliteitslabel.nl"))
    swn = User.objects.get(email="secretariaat@demo.kwaliteitslabel.nl")
    audit.refresh_from_db()
    summary.accept(audit, swn)
    audit.refresh_from_db()
    number = issuing.next_number(timezone.localdate())
    issuing.issue(audit, swn, number, [w.pk for w in issuing.scope_work_types(audit)])

    page.get_by_role("link", name="Mijn startpagina").click()
    html = look(page)
    assert number in html and long_date(add_months(current.valid_until, 24)) in html
    screenshot(page, "journey-member-certificate")
    # The register lists today's valid certificate; the new one follows on from it.
    page.get_by_role("link", name="Kwaliteitsregister", exact=True).first.click()
    look(page)
    page.get_by_label("Zoeken", exact=True).fill("Noorderlicht")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    html = look(page)
    assert "Welzijn Noorderlicht" in html and current.number in html
    day_after = current.valid_until + datetime.timedelta(days=1)
    page.goto(f"{page.base_url}/c/{number}/?date={day_after}")
    html = look(page)
    assert f"Status op {long_date(day_after)}" in html and "geldig" in html
    screenshot(page, "journey-member-register")


REPORT = {
    "sketch": "Welzijn Noorderlicht biedt maatschappelijk werk, ouderenwerk, "
    "mantelzorgondersteuning en wijkteams in Groningen.",
    "developments": "Een tweede wijkcentrum in Selwerd sinds 2025.",
    "course": "Twee dagen op locatie; gesprekken met bestuur, teams en vrijwilligers.",
    "previous_follow_up": "De verbeterpunten van de vorige toetsing zijn opgepakt.",
    "strengths": "Concrete zelfevaluatie\nSterke keukentafelgesprekken",
    "improvement_points": "Evaluatie met klanten vastleggen",
    "read_by": "Pauline de Graaf, certificatiemanager",
    "hours_on_site": "14.0",
    "hours_total": "20.0",
    "next_audit": "Hertoetsing in 2029.",
    "signed_place": "Utrecht",
}


def test_lead_auditor_from_planning_to_final_report(checked_page, demo):  # noqa: F811
    """Gerrit Janssen leads Noorderlicht's re-audit, accepted by CIIO: he plans the days and
    the team, signs, starts, records, closes, sends the concept and makes the report final."""
    page = checked_page
    audit = Audit.objects.get(member__name="Welzijn Noorderlicht")
    audit.days.all().delete()  # the demo planned them; here the lead does
    today = timezone.localdate()
    html = sign_in(page, "auditor@demo.kwaliteitslabel.nl", code=True)
    assert "Wat moet ik doen?" in html
    page.get_by_role("link", name="Toetsingen", exact=True).click()
    look(page)
    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    assert "Er is nog geen auditdag gepland." in look(page)

    page.get_by_role("link", name="Auditdagen plannen").click()
    look(page)
    for day in (today - datetime.timedelta(days=1), today):
        page.get_by_label("Datum").fill(day.isoformat())
        page.get_by_role("button", name="Dag plannen").click()
        assert "De auditdag is gepland." in look(page)
    assert audit.days.count() == 2
    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    look(page)
    page.get_by_role("link", name="Team samenstellen").click()
    look(page)
    page.get_by_label("Persoon").select_option(label="Yvonne Bos (auditor, CIIO)")
    page.get_by_label("Rol in het team").select_option("auditor")
    page.get_by_role("button", name="Toevoegen").click()
    assert "Yvonne Bos zit nu in het team." in look(page)
    # Yvonne declares her independence in her own session (signed in the demo already).
    workflow.declare_independent(audit.team.get(user__email="auditor2@demo.kwaliteitslabel.nl"))

    page.get_by_role("link", name="Welzijn Noorderlicht").click()
    look(page)
    page.get_by_role("link", name="verklaar uw onafhankelijkheid").click()
    look(page)
    page.get_by_label("Ik werk niet voor Welzijn Noorderlicht").check()
    page.get_by_role("button", name="Verklaren").click()
    look(page)
    page.get_by_role("link", name="gedragscode").first.click()
    look(page)
    page.get_by_label("Naam").fill("Gerrit Janssen")
    page.get_by_label("Plaats").fill("Utrecht")
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Ik heb de gedragscode").check()
    page.get_by_role("button", name="Tekenen").click()
    look(page)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/")
    assert "Ja: er is een teamleider" in look(page)
    page.get_by_role("link", name="Toetsing beginnen").click()
    look(page)
    page.get_by_role("button", name="Toetsing beginnen").click()
    assert "De toetsing is begonnen." in look(page)

    page.get_by_role("link", name="Gesprekken en documenten").first.click()
    look(page)
    for function, department in [("Opbouwwerker", "Team Selwerd"), ("Bestuurder", "")]:
        page.get_by_label("Functie").fill(function)
        page.get_by_label("Afdeling of team").fill(department)
        page.get_by_role("button", name="Gesprek toevoegen").click()
        look(page)
    page.get_by_label("Functie").fill("mevr. De Boer")
    page.get_by_role("button", name="Gesprek toevoegen").click()
    assert "Noem geen personen" in look(page)
    page.get_by_label("Document", exact=True).fill("Werkwijzer intake 2026")
    page.get_by_role("button", name="Document toevoegen").click()
    look(page)

    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/V1/")
    look(page)
    page.get_by_label("Bevindingen").fill("Alle zes professionals noemen hun beroepsprofiel.")
    page.get_by_label("Opbouwwerker, Team Selwerd").check()
    page.get_by_label("Bestuurder").check()
    page.get_by_label("Werkwijzer intake 2026").check()
    page.get_by_label("+ voldoet").check()
    page.get_by_label("Bevindingen").press("Control+Enter")
    page.wait_for_url("**/bevindingen/V2/")
    look(page)
    # Autosave: typing is saved without a button; the page says so.
    page.get_by_label("Bevindingen").fill("Nieuwe medewerkers hebben een maatje.")
    page.get_by_text("Opgeslagen om").wait_for()
    assert Finding.objects.get(audit=audit, norm__rubric__code="V", norm__number=2).text == (
        "Nieuwe medewerkers hebben een maatje."
    )
    first = Finding.objects.get(audit=audit, norm__rubric__code="V", norm__number=1)
    assert (first.verdict, first.interviews.count(), first.documents.count()) == ("met", 2, 1)

    # The other 47 norms as if the team had recorded them on site (the page is the same for
    # each; one norm partly met makes route b).
    Finding.objects.filter(audit=audit).exclude(pk=first.pk).update(verdict="met")
    Finding.objects.filter(audit=audit, norm__rubric__code="D", norm__number=8).update(
        verdict="partly"
    )
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/")
    assert "49 van 49 normen beoordeeld" in look(page)
    page.get_by_role("link", name="Bevindingen vaststellen").click()
    assert "48 normen rusten op minder dan twee bronnen" in look(page)
    page.get_by_label("Ik heb de normen met minder dan twee bronnen gezien").check()
    page.get_by_role("button", name="Bevindingen vaststellen").click()
    assert "De bevindingen zijn vastgesteld." in look(page)
    page.get_by_role("link", name="Conceptrapport naar het lid").click()
    look(page)
    page.get_by_role("button", name="Conceptrapport versturen").click()
    assert "conceptrapport bij het lid" in look(page)

    # The member reacts in its own session (the member's journey does it in the browser).
    audit.refresh_from_db()
    workflow.react(
        audit, User.objects.get(email="lid@demo.kwaliteitslabel.nl"), "V1: zeven, niet zes."
    )
    page.reload()
    look(page)
    page.get_by_role("link", name="Rapport definitief maken").click()
    html = look(page)
    assert "zeven, niet zes" in html and "Route b" in html
    page.get_by_role("button", name="Rapport definitief maken").click()
    look(page)
    audit.refresh_from_db()
    assert audit.status == "plan_due"
    page.get_by_role("link", name="deel B, bevindingen").click()
    html = look(page)
    assert "Resultaat toetsing · definitief" in html and "Nieuwe medewerkers hebben" in html
    screenshot(page, "journey-lead-final-report")


def test_swn_from_part_a_to_register(checked_page, demo):  # noqa: F811
    """Buurtkracht Utrecht's re-audit (route a): LRQA sent part A; SWN checks it, confirms
    receipt, issues the certificate and finds it in the register (Bijlage 6 stap 13-15)."""
    page = checked_page
    audit = Audit.objects.get(route="a")
    current = demo_certificate("Stichting Buurtkracht Utrecht")
    renewed_until = add_months(current.valid_until, 24)
    number = f"KSSW-{timezone.localdate().year}-0001"  # the platform's first of the year
    html = sign_in(page, "secretariaat@demo.kwaliteitslabel.nl", code=True)
    assert "SWN toetst deel A op volledigheid en juistheid" in html
    page.get_by_role("link", name="SWN toetst deel A op volledigheid en juistheid").first.click()
    html = look(page)
    assert "in orde" in html and "nog niet in orde" not in html
    screenshot(page, "journey-swn-check")
    page.get_by_role("button", name="Ontvangst bevestigen").click()
    assert "Ontvangst bevestigd" in look(page)
    audit.refresh_from_db()
    assert audit.status == "summary_accepted"

    page.get_by_role("link", name="Mijn startpagina").click()
    look(page)
    page.get_by_role("link", name="Certificaat, registratie en berichten").first.click()
    html = look(page)
    assert f"aansluitend op certificaat {current.number}" in html
    assert long_date(renewed_until) in html
    page.get_by_role("button", name="Certificaat uitreiken").click()
    assert "Bevestig" in look(page)  # the confirmation is required
    page.get_by_label("Ik heb de gegevens gecontroleerd").check()
    page.get_by_role("button", name="Certificaat uitreiken").click()
    html = look(page)
    assert f"Certificaat {number}" in html and "uitgereikt" in html
    certificate = Certificate.objects.get(number=number)
    assert certificate.audit == audit and certificate.valid_from == current.valid_until
    deliver()
    subjects = [m.subject for m in mail.outbox]
    assert (
        "Certificaat Kwaliteitslabel Sterk Sociaal Werk: Stichting Buurtkracht Utrecht" in subjects
    )
    assert f"Certificaat uitgereikt: Stichting Buurtkracht Utrecht ({number})" in subjects

    # In the register: today's certificate, and the new one as of the day it starts.
    page.get_by_role("link", name="Kwaliteitsregister", exact=True).first.click()
    look(page)
    page.get_by_label("Zoeken", exact=True).fill("Buurtkracht")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    html = look(page)
    assert "Stichting Buurtkracht Utrecht" in html and current.number in html
    page.get_by_role("link", name="Stichting Buurtkracht Utrecht").click()
    assert "Vervangen door" not in look(page)  # not yet: the new one starts on its expiry
    day_after = current.valid_until + datetime.timedelta(days=1)
    page.goto(f"{page.base_url}/c/{number}/?date={day_after}")
    html = look(page)
    assert "Stichting Buurtkracht Utrecht" in html and long_date(renewed_until) in html
    screenshot(page, "journey-swn-register")


def test_public_from_register_search_to_verification(checked_page, demo):  # noqa: F811
    """Anyone: search the register by town, open an entry, check a number, check a date."""
    page = checked_page
    rivierenland = demo_certificate("Welzijn Rivierenland")
    noorderlicht = demo_certificate("Welzijn Noorderlicht")
    page.goto(page.base_url + "/register/")
    html = look(page)
    assert "Kwaliteitsregister" in html and "Welzijn Rivierenland" in html
    page.get_by_label("Zoeken", exact=True).fill("Tiel")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    html = look(page)
    assert "1 organisatie met een geldig certificaat gevonden" in html
    assert "Welzijn Rivierenland" in html and "Welzijn Noorderlicht" not in html
    assert "Sociaal Werk Kennemerland" not in html  # suspended by its route c re-audit
    screenshot(page, "journey-public-register")
    page.get_by_role("link", name="Welzijn Rivierenland").click()
    html = look(page)
    assert rivierenland.number in html and long_date(rivierenland.valid_until) in html
    assert "geldig" in html

    page.get_by_role("link", name="Kwaliteitsregister", exact=True).first.click()
    look(page)
    page.get_by_label("Certificaatnummer").fill(noorderlicht.number)
    page.get_by_role("button", name="Controleren").click()
    html = look(page)
    assert "Welzijn Noorderlicht" in html and long_date(noorderlicht.valid_until) in html
    later = noorderlicht.valid_until + datetime.timedelta(days=15)
    page.get_by_label("Datum").fill(later.isoformat())
    page.get_by_role("button", name="Status tonen").click()
    html = look(page)
    # Its re-audit runs past the expiry date: suspended (Bijlage 6 stap 17-2).
    assert f"Status op {long_date(later)}" in html and "opgeschort" in html
    screenshot(page, "journey-public-verify-date")
    page.get_by_role("link", name="Kwaliteitsregister", exact=True).first.click()
    look(page)
    page.get_by_label("Certificaatnummer").fill("KSSW-1999-0001")
    page.get_by_role("button", name="Controleren").click()
    assert "Er is geen certificaat met nummer KSSW-1999-0001" in look(page)


def test_axe_names_what_it_finds(checked_page):
    """The check can fail: an image without text and an unnamed button on the register page."""
    page = checked_page
    page.goto(page.base_url + "/register/")
    look(page)
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"/static/none.png\"><button></button>')"
    )
    page.axe.pending.append(page.url)  # the same page, changed: look at it again
    with pytest.raises(AssertionError) as failed:
        look(page)
    assert "image-alt (critical)" in str(failed.value)
    assert "button-name (critical)" in str(failed.value)
