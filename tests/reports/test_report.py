"""The report (issue 8): part A field by field (Bijlage 7), part B, who reads which part,
the lead's texts, SWN's check of part A (Bijlage 6 steps 13-14), consistency warnings."""

import collections
import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import workflow_plan
from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.audits.workflow import Refused
from kwaliteitslabel.reports import checks, content, summary
from kwaliteitslabel.reports.models import PartBRequest, Report
from tests.audits.test_plans import ROUTE_B, ROUTE_C, fill, final, judge

pytestmark = pytest.mark.django_db

# The example report of Bijlage 8, part B: 44 met and V5, V7, D8, O10, O16 partly.
EXAMPLE = dict.fromkeys(("V5", "V7", "D8", "O10", "O16"), "partly")
TEXTS = {
    "sketch": "Een brede welzijnsorganisatie in de stad.",
    "developments": "Een fusie in 2025.",
    "course": "Twee dagen op locatie; dossiers ingezien.",
    "previous_follow_up": "De punten van vorige keer zijn opgepakt.",
    "strengths": "Betrokken professionals\nGoede samenwerking",
    "improvement_points": "Evalueren met klanten",
    "read_by": "certificatiemanager",
    "hours_on_site": "14",
    "hours_total": "20",
    "next_audit": "Hertoetsing in 2028.",
    "signed_place": "Utrecht",
}


def approved(world, verdicts=EXAMPLE, **fields):
    """A route b audit with its plan approved: positive advice, the lead's texts written."""
    audit = final(
        world,
        verdicts,
        kind="recertification",
        previous_expiry=datetime.date(2027, 3, 31),
        **fields,
    )
    fill(audit)
    workflow_plan.submit(audit, world.users["member_admin"])
    lead = world.users["auditor"]
    workflow_plan.review(audit, lead, judge(audit, lead, **dict.fromkeys(verdicts, "approved")))
    Report.objects.create(audit=audit, signed_on=timezone.localdate(), **TEXTS)
    audit.interviews.create(function="Teamleider", department="Jeugd en gezin")
    audit.interviews.create(function="Bestuurder")
    audit.refresh_from_db()
    return audit


def test_part_a_has_every_field_of_bijlage_7_with_the_counts_derived(world, client):
    audit = approved(world)
    client.force_login(world.users["auditor"])
    page = client.get(reverse("reports:part_a", args=[audit.pk])).content.decode()
    for section in content.report_format()["part_a"]["sections"]:
        assert section["title"] in page
        for field in section["fields"]:
            assert field["label"].replace("'", "&#x27;") in page, field["key"]
    # Derived, never typed: Bijlage 8 part B gives 44 met and 5 partly.
    assert "Voldoet: 44, deels: 5, niet: 0, niet van toepassing: 0 (van 49 normen)." in page
    assert "Deels: V5" in page and "Deels: O16" in page
    assert "Positief." in page and "Stichting Welzijn Oost" in page
    assert "in orde" in page  # the lead sees the checks


def test_part_b_lists_every_norm_with_its_sign_and_the_documents(world, client):
    audit = approved(world)
    audit.documents.create(
        rubric=Finding.objects.filter(audit=audit).first().norm.rubric, title="Jaarplan 2026"
    )
    client.force_login(world.users["member_admin"])
    page = client.get(reverse("reports:part_b", args=[audit.pk])).content.decode()
    for code in ("V1", "V15", "D11", "O23"):
        assert f'id="norm-{code}"' in page
    assert page.count(">+/-<") == 5 and "Jaarplan 2026" in page


def test_who_reads_which_part(world, client):
    audit = approved(world)
    a, b = (reverse(f"reports:part_{p}", args=[audit.pk]) for p in "ab")

    def status(role, url):
        client.force_login(world.users[role])
        return client.get(url).status_code

    # Part A goes to SWN only once the body sends it; part B only on a recorded request.
    assert status("swn_secretariat", a) == 403 and status("swn_secretariat", b) == 403
    workflow_plan.send_summary(audit, world.users["body_admin"])
    assert status("swn_secretariat", a) == 200 and status("swn_adviser", a) == 200
    assert status("swn_adviser", b) == 403
    summary.request_part_b(audit, world.users["swn_adviser"], "Evaluatie van de regeling.")
    assert status("swn_adviser", b) == 200
    assert PartBRequest.objects.get(audit=audit).requested_by == world.users["swn_adviser"]
    for role in ("professional", "peer_auditor", "governance"):
        assert status(role, a) in (403, 404) and status(role, b) in (403, 404)


def test_the_member_reads_nothing_before_the_concept(world, client):
    from tests.audits.helpers import make_audit

    audit = make_audit(world, status="findings_closed")
    client.force_login(world.users["member_admin"])
    assert client.get(reverse("reports:part_b", args=[audit.pk])).status_code == 403
    assert client.get(reverse("reports:part_a", args=[audit.pk])).status_code == 403


def test_the_lead_writes_the_texts_and_a_stale_edit_is_refused(world, client):
    audit = final(world, EXAMPLE)
    client.force_login(world.users["auditor"])
    url = reverse("reports:write", args=[audit.pk])
    assert client.get(url).status_code == 200
    data = {**TEXTS, "signed_on": timezone.localdate().isoformat(), "loaded_version": ""}
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(audit=audit)
    assert report.sketch == TEXTS["sketch"] and report.updated_by == world.users["auditor"]
    reply = client.post(url, {**data, "sketch": "Anders", "loaded_version": 0})
    assert reply.status_code == 409 and Report.objects.get(audit=audit).sketch == TEXTS["sketch"]
    reply = client.post(url, {**data, "hours_on_site": "30", "loaded_version": report.version})
    assert (
        reply.status_code == 400 and "Meer uren op locatie dan in totaal." in reply.content.decode()
    )
    client.force_login(world.users["member_admin"])
    assert client.get(url).status_code == 403


# --- The checks of part A, each failing on a crafted wrong report --------------------------


@pytest.fixture
def good(world):
    audit = approved(world)
    report = content.build(audit)
    assert checks.passed(checks.summary_checks(report)), checks.summary_checks(report)
    return report


def failing(report) -> list[str]:
    return [c.label for c in checks.summary_checks(report) if not c.ok]


def test_an_empty_required_field_fails(good):
    wrong = copy.deepcopy(good)
    wrong.field("sketch").value = ""
    assert failing(wrong) == ["Elk verplicht veld is ingevuld"]
    assert "Schets organisatie" in checks.summary_checks(wrong)[0].detail


def test_counts_that_differ_from_part_b_fail(good):
    wrong = copy.deepcopy(good)
    wrong.counts["met"] = 42  # as Bijlage 8's part A has it
    wrong.counts["partly"] = 7
    assert failing(wrong) == ["De aantallen in deel A kloppen met de oordelen in deel B"]


def test_a_rubric_that_leaves_out_a_norm_or_names_a_met_one_fails(good):
    wrong = copy.deepcopy(good)
    wrong.field("rubric_D").value = "Deels: D5: zie D6.\nDeels: D6: ook."  # Bijlage 8 part A
    detail = next(c.detail for c in checks.summary_checks(wrong) if not c.ok)
    assert "ontbreekt D8" in detail and "D5, D6" in detail


def test_a_positive_advice_on_route_c_verdicts_fails(good):
    wrong = copy.deepcopy(good)
    for row in wrong.part_b[0].rows[:5]:
        row.verdict = "not_met"
    tally = collections.Counter(r.verdict for part in wrong.part_b for r in part.rows)
    wrong.counts = {v: tally[v] for v in wrong.counts}
    wrong.field("rubric_V").value = "\n".join(
        [f"Niet: {r.code}: x" for r in wrong.part_b[0].rows[:5]]
        + [f"Deels: {r.code}: x" for r in wrong.part_b[0].rows if r.verdict == "partly"]
    )
    assert failing(wrong) == ["Het advies volgt uit de beslisregels"]


def test_an_expiry_date_that_does_not_fit_the_kind_fails(good):
    wrong = copy.deepcopy(good)
    wrong.audit.kind = Audit.Kind.INITIAL
    assert "De vervaldatum van het laatste certificaat klopt" in failing(wrong)


def test_dates_out_of_order_fail(good):
    wrong = copy.deepcopy(good)
    wrong.dates["signed"] = wrong.dates["last_day"] - datetime.timedelta(days=1)
    assert failing(wrong) == ["De datums staan in de goede volgorde"]


# --- SWN's check: return, repair, confirm -------------------------------------------------


def test_swn_returns_part_a_the_body_repairs_and_swn_confirms(world, client, mailoutbox):
    audit = approved(world)
    Report.objects.filter(audit=audit).update(sketch="")
    workflow_plan.send_summary(audit, world.users["auditor"])
    secretariat = world.users["swn_secretariat"]
    with pytest.raises(Refused) as refused:
        summary.accept(audit, secretariat)  # the check fails: the sketch is empty
    assert any("Schets organisatie" in r for r in refused.value.reasons)
    client.force_login(secretariat)
    url = reverse("reports:check", args=[audit.pk])
    assert "nog niet in orde" in client.get(url).content.decode()
    assert client.post(url, {"action": "return", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "return", "reason": "Schets ontbreekt."}).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "summary_returned"
    assert (
        "Schets ontbreekt." in mailoutbox[-1].body
        and world.users["auditor"].email in mailoutbox[-1].to
    )
    # The body has a week to repair (Bijlage 6 stap 14b).
    from kwaliteitslabel.audits import deadlines

    ((step, due),) = deadlines.for_audit(audit)
    assert (step.key, due) == (
        "summary_repaired",
        timezone.localdate() + datetime.timedelta(days=7),
    )
    Report.objects.filter(audit=audit).update(sketch="Een brede welzijnsorganisatie.")
    workflow_plan.send_summary(audit, world.users["auditor"])
    client.force_login(world.users["swn_adviser"])
    assert client.post(url, {"action": "accept"}).status_code == 403  # the secretariat checks
    client.force_login(secretariat)
    assert client.post(url, {"action": "accept"}).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "summary_accepted"


# --- Consistency warnings for the lead ----------------------------------------------------


def test_warnings_for_text_and_verdict_that_disagree(world, client):
    audit = final(world, EXAMPLE)
    Finding.objects.filter(audit=audit, norm__rubric__code="D", norm__number=5).update(
        text="Het evalueren behoeft verbetering.", verdict="met"
    )
    Finding.objects.filter(audit=audit, norm__rubric__code="V", norm__number=5).update(
        text="Goed geregeld.", improvement_points=""
    )
    report = content.build(audit)
    texts = [w.text for w in checks.consistency_warnings(report)]
    assert "D5: de tekst noemt ‘behoeft verbetering’, maar het oordeel is voldoet." in texts
    assert "V5: het oordeel is +/- deels, maar de tekst noemt geen verbeterpunt." in texts
    client.force_login(world.users["auditor"])
    page = client.get(reverse("reports:part_b", args=[audit.pk])).content.decode()
    assert "behoeft verbetering" in page and "Kijk nog eens" in page
    client.force_login(world.users["body_admin"])
    assert (
        "Kijk nog eens"
        not in client.get(reverse("reports:part_b", args=[audit.pk])).content.decode()
    )


def test_the_part_a_page_queries_do_not_grow_with_the_plan(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for verdicts in (ROUTE_B, ROUTE_C):
        audit = final(world, verdicts)
        client.force_login(world.users["auditor"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:part_a", args=[audit.pk])).status_code == 200
        counts.append(len(queries))
        Audit.objects.filter(pk=audit.pk).update(status="advice_negative")
    assert counts[0] == counts[1]


def test_the_lead_sees_the_warnings_before_the_concept_goes_out(world, client):
    from kwaliteitslabel.audits import findings as audit_findings
    from kwaliteitslabel.audits.models import TeamMember
    from tests.audits.helpers import make_audit

    audit = make_audit(world, status="findings_closed")
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    audit_findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met", text="Gezien.")
    Finding.objects.filter(audit=audit, norm__rubric__code="D", norm__number=6).update(
        text="Klanten evalueren ontbreekt nog."
    )
    client.force_login(world.users["auditor"])
    page = client.get(reverse("audits:report_send", args=[audit.pk])).content.decode()
    assert "D6: de tekst noemt ‘ontbreekt’, maar het oordeel is voldoet." in page
    assert "rust op minder dan twee bronnen" in page  # no sources recorded in this test
