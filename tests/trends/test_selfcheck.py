"""Self-assessment against audit (issue 10 item 4): the sector's counts per norm for SWN, and
each member's own comparison for its own admins only."""

import csv
import datetime
import io

import pytest
from django.db.models import DateField, Value
from django.urls import reverse
from openpyxl import load_workbook

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits.findings import ensure_findings
from kwaliteitslabel.audits.models import AuditDay, Finding
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports.models_historic import HistoricReport, HistoricVerdict
from kwaliteitslabel.selfassessment.models import Consolidation, SelfAssessment
from kwaliteitslabel.trends import generator
from kwaliteitslabel.trends.pairing import MonthsBefore
from kwaliteitslabel.trends.selfcheck import selfcheck
from kwaliteitslabel.trends.shares import Filters
from tests.audits.helpers import make_audit
from tests.world import make_member, make_user

D = datetime.date
PAGE = reverse("trends:selfcheck")
MINE = reverse("trends:my_selfcheck")


def own(world, member, closed_on, overrides=None, version="2019"):
    """A closed self-assessment: every norm "voldoet" except `overrides` {code: verdict}."""
    fw = Framework.objects.get(version=version)
    sa = SelfAssessment.objects.create(
        member=member,
        framework=fw,
        title=f"Zelfevaluatie {closed_on}",
        started_by=world.users["member_admin"],
        closed_on=closed_on,
    )
    overrides = overrides or {}
    Consolidation.objects.bulk_create(
        Consolidation(
            self_assessment=sa,
            norm=n,
            verdict=overrides.get(n.code, "met"),
            updated_by=world.users["member_admin"],
        )
        for n in fw.norms.select_related("rubric")
    )
    return sa


def historic(member, day, overrides=None):
    fw = Framework.objects.get(version="2019")
    report = HistoricReport.objects.create(
        member=member, body_name="CIIO", framework=fw, audit_date=day, advice="positive"
    )
    overrides = overrides or {}
    HistoricVerdict.objects.bulk_create(
        HistoricVerdict(report=report, norm=n, verdict=overrides.get(n.code, "met"))
        for n in fw.norms.select_related("rubric")
    )
    return report


def live(world, sa, day, overrides=None, member=None, status="certified"):
    """A final audit on the platform linked to `sa`; every norm met except `overrides`."""
    audit = make_audit(world, member=member or sa.member, status=status, self_assessment=sa)
    ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met")
    for code, verdict in (overrides or {}).items():
        Finding.objects.filter(
            audit=audit, norm__rubric__code=code[0], norm__number=int(code[1:])
        ).update(verdict=verdict, not_applicable_reason="geen buurtinitiatieven")
    AuditDay.objects.create(audit=audit, date=day)
    return audit


def row(found, code):
    return next(r for r in found.rows if r.norm.code == code)


def counts(found, code):
    r = row(found, code)
    return r.counts["over"], r.counts["under"], r.counts["agreed"]


def test_counts_on_a_hand_made_set(world):
    a, b = world.member_a, world.member_b
    # Historic, paired with A's latest self-assessment closed within 12 months before it
    # (2024-01-10), not with the older one (2023-09-01) nor with one of framework 2016.
    own(world, a, D(2023, 9, 1), {"V1": "partly", "V2": "met"})
    own(world, a, D(2024, 1, 10), {"V1": "met", "V2": "partly", "V3": "not_applicable"})
    own(world, a, D(2024, 3, 1), {"V1": "not_met"}, version="2016")
    historic(a, D(2024, 6, 1), {"V1": "partly", "V2": "met", "V4": "not_met"})
    # B closed its self-assessment more than 12 months before its audit: not paired.
    own(world, b, D(2023, 5, 31), {"V1": "met"})
    historic(b, D(2024, 6, 1), {"V1": "not_met"})
    # Live: linked by the audit; V1 met against not met (over), V2 n.v.t. (not compared).
    sa = own(world, a, D(2025, 1, 5), {"V2": "not_applicable", "V4": "partly"})
    live(world, sa, D(2025, 3, 1), {"V1": "not_met", "V4": "not_met"})
    # A running audit has no final report yet: it does not count.
    live(world, own(world, a, D(2025, 2, 1), {"V1": "met"}), D(2025, 4, 1), {"V1": "partly"},
         status="started")  # fmt: skip

    found = selfcheck(Filters())
    assert found.audits == 2
    assert counts(found, "V1") == (2, 0, 0)
    assert counts(found, "V2") == (0, 1, 0)  # the historic one; live has n.v.t.
    assert counts(found, "V3") == (0, 0, 1)  # historic: n.v.t. itself; live: both met
    assert counts(found, "V4") == (1, 0, 1)  # met/not met, then partly/not met: agreed
    assert counts(found, "V5") == (0, 0, 2) and row(found, "V5").compared == 2


def test_the_12_months_of_bijlage_5_b3(world):
    """A historic report is paired with the latest self-assessment closed in the 12 months
    up to its audit date; each case over-rates its own norm, so V<n> shows whether it was."""
    cases = [  # (closed on, audit date, paired?)
        (D(2023, 6, 15), D(2024, 6, 15), True),  # 12 months exactly
        (D(2023, 6, 14), D(2024, 6, 15), False),  # a day more
        (D(2024, 6, 16), D(2024, 6, 15), False),  # after the audit
        (D(2024, 6, 15), D(2024, 6, 15), True),  # on the day of the audit itself
        (D(2023, 2, 28), D(2024, 2, 29), True),  # 29 Feb - 12 months = 28 Feb (add_months)
        (D(2023, 2, 27), D(2024, 2, 29), False),
        (D(2023, 3, 1), D(2024, 2, 29), True),
    ]
    for n, (closed_on, day, _) in enumerate(cases, start=1):
        member = make_member(f"Lid {n}", f"20{n:02d}", f"{30000000 + n}")
        own(world, member, closed_on)
        historic(member, day, {f"V{n}": "partly"})
    found = selfcheck(Filters())
    assert found.audits == sum(paired for *_, paired in cases)
    for n, (*_, paired) in enumerate(cases, start=1):
        assert counts(found, f"V{n}")[0] == int(paired), cases[n - 1]


def test_the_latest_self_assessment_in_the_window_is_the_one_compared(world):
    a = world.member_a
    own(world, a, D(2023, 8, 1), {"V1": "partly"})
    latest = own(world, a, D(2024, 6, 15), {"V2": "partly"})
    historic(a, D(2024, 6, 15))
    assert counts(selfcheck(Filters()), "V2") == (0, 1, 0)  # not V1: the older one's
    # Two closed on the same day: the one made last.
    own(world, a, latest.closed_on, {"V3": "partly"})
    found = selfcheck(Filters())
    assert found.audits == 1 and counts(found, "V3") == (0, 1, 0)
    assert counts(found, "V2") == (0, 0, 1)


@pytest.mark.parametrize("months", [1, 12, 24])
def test_months_before_counts_as_add_months_does(world, months):
    """The database's "12 months before" is the calendar's of common.dates, month ends too."""
    days = [D(2024, 2, 29), D(2024, 3, 31), D(2023, 3, 31), D(2024, 12, 31), D(2024, 1, 31)]
    days += [D(2024, 5, 31), D(2025, 3, 29), D(2024, 6, 15), D(2024, 1, 1)]
    asked = {f"d{i}": MonthsBefore(Value(day, DateField()), months) for i, day in enumerate(days)}
    found = Framework.objects.annotate(**asked).values(*asked)[0]
    assert [found[f"d{i}"] for i in range(len(days))] == [add_months(d, -months) for d in days]


def five(world, year=2024, extra=0):
    """5 + `extra` members whose self-assessment says V1 met; the audit finds V1 partly in
    two of them (over-rated) and met in the rest; V2 is n.v.t. in three self-assessments."""
    for i in range(5 + extra):
        member = make_member(f"Lid {i}", f"20{i:02d}", f"{30000000 + i}")
        own(world, member, D(year - 1, 11, 1), {"V2": "not_applicable"} if i < 3 else {})
        historic(member, D(year, 2, 1), {"V1": "partly"} if i < 2 else {})


def test_fewer_than_five_audits_are_not_shown(world, client):
    for i in range(4):
        member = make_member(f"Lid {i}", f"20{i:02d}", f"{30000000 + i}")
        own(world, member, D(2023, 11, 1))
        historic(member, D(2024, 2, 1), {"V1": "partly"})
    assert selfcheck(Filters()).audits == 4 and not selfcheck(Filters()).shown
    client.force_login(world.users["governance"])
    page = client.get(PAGE).content.decode()
    assert "Te weinig toetsingen met een zelfevaluatie" in page and "V1</th>" not in page
    data = client.get(reverse("trends:selfcheck_csv")).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(data)))) == 1  # the header only


def test_a_norm_with_fewer_than_five_compared_is_not_shown(world, client):
    five(world)
    found = selfcheck(Filters())
    assert found.shown and row(found, "V1").shown and not row(found, "V2").shown
    client.force_login(world.users["swn_adviser"])
    page = client.get(PAGE).content.decode()
    assert "minder dan 5 toetsingen vergeleken: niet getoond" in page
    assert "<svg" in page and "<title" in page and "<desc" in page


def test_the_exports_hold_the_numbers_of_the_page(world, client):
    five(world)
    client.force_login(world.users["swn_secretariat"])
    page = client.get(PAGE, {"normenkader": "2019"}).content.decode()
    assert "<strong>V1</strong> · Vakmanschap 1: 40,0% zelf hoger (2 van 5 toetsingen)" in page
    assert "40,0% <span" in page and "60,0% <span" in page  # V1 in its table
    data = client.get(reverse("trends:selfcheck_csv"), {"normenkader": "2019"}).content
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + 49
    v1 = next(r for r in rows if r[0] == "V1")
    assert v1[2:9] == ["5", "2", "0", "3", "40,0", "0,0", "60,0"]
    v2 = next(r for r in rows if r[0] == "V2")
    assert v2[2:9] == [""] * 7 and "niet getoond" in v2[9]
    response = client.get(reverse("trends:selfcheck_xlsx"), {"normenkader": "2019"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    excel = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "V1")
    assert list(excel[2:9]) == [5, 2, 0, 3, 40.0, 0.0, 60.0]


def test_bad_filters_are_refused_naming_the_field(world, client):
    client.force_login(world.users["governance"])
    response = client.get(PAGE, {"normenkader": "2019", "van": "twintig"})
    assert (
        response.status_code == 400 and "Van jaar: vul een jaartal in" in response.content.decode()
    )
    response = client.get(reverse("trends:selfcheck_csv"), {"normenkader": "2019", "tot": "x"})
    assert response.status_code == 400 and "Tot en met jaar" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 10])
def test_the_sector_page_takes_the_same_queries_for_more_audits(
    world, client, django_assert_num_queries, extra
):
    five(world, extra=extra)
    sa = own(world, world.member_a, D(2024, 1, 1))
    live(world, sa, D(2024, 3, 1), {"V1": "partly"})
    client.force_login(world.users["swn_secretariat"])
    # 5 for the comparison; session, user, roles and the MFA check; the filter form's
    # frameworks and work types.
    with django_assert_num_queries(11):
        assert client.get(PAGE).status_code == 200


def member_b_admin(world):
    return make_user("beheer-b@example.nl", "Beheer B", Role.MEMBER_ADMIN, member=world.member_b)


def test_the_member_sees_its_own_comparison_and_no_one_else_does(world, client):
    sa = own(world, world.member_a, D(2024, 1, 10), {"V2": "partly", "V3": "not_applicable"})
    live(world, sa, D(2024, 6, 1), {"V1": "not_met"})
    client.force_login(world.users["member_admin"])
    page = client.get(MINE).content.decode()
    assert "Zelfevaluatie 2024-01-10" in page and "door Certificatie-instelling X" in page
    assert 'site-diff--over">▲ zelf hoger</strong>' in page  # V1
    assert 'site-diff--under">▼ zelf lager</strong>' in page  # V2
    assert "<strong>1</strong> ▲ zelf hoger" in page and "<strong>46</strong> = eens" in page
    # Another member's admin sees only its own (nothing yet), and not A's by changing the id.
    client.force_login(member_b_admin(world))
    page = client.get(MINE).content.decode()
    assert "nog geen toetsing" in page and "Zelfevaluatie 2024-01-10" not in page
    for url in (MINE, reverse("trends:my_selfcheck_csv")):
        assert client.get(url, {"lid": world.member_a.pk}).status_code == 404
    response = client.get(MINE, {"lid": "abc"})
    assert response.status_code == 400 and "Lidorganisatie" in response.content.decode()
    # A's professional reads neither the report nor the consolidated answers: refused.
    client.force_login(world.users["professional"])
    assert client.get(MINE).status_code == 403


def test_the_members_export_holds_its_page(world, client):
    sa = own(world, world.member_a, D(2024, 1, 10), {"V2": "partly"})
    live(world, sa, D(2024, 6, 1), {"V1": "not_met"})
    client.force_login(world.users["member_admin"])
    data = client.get(reverse("trends:my_selfcheck_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) == 1 + 49
    v1 = next(r for r in rows if r[3] == "V1")
    assert v1[0] == "2024-06-01" and v1[5:7] == ["+ voldoet", "- voldoet niet"]
    assert v1[7].startswith("▲ zelf hoger")
    response = client.get(reverse("trends:my_selfcheck_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(r for r in sheet.iter_rows(values_only=True) if r[3] == "V2")[7].startswith("▼")


@pytest.mark.parametrize("audits", [1, 4])
def test_the_member_page_takes_the_same_queries_for_more_audits(
    world, client, django_assert_num_queries, audits
):
    for i in range(audits):
        sa = own(world, world.member_a, D(2020 + i, 1, 10), {"V1": "partly"})
        live(world, sa, D(2020 + i, 6, 1))
    client.force_login(world.users["member_admin"])
    # Session, user, roles; audits, norms, consolidations, findings.
    with django_assert_num_queries(7):
        page = client.get(MINE).content.decode()
    assert page.count("<section") == audits


def test_the_dashboard_links_it_once_there_is_a_comparison(world, client):
    client.force_login(world.users["member_admin"])
    assert MINE not in client.get(reverse("accounts:dashboard")).content.decode()
    sa = own(world, world.member_a, D(2024, 1, 10))
    live(world, sa, D(2024, 6, 1), status="started")
    assert MINE not in client.get(reverse("accounts:dashboard")).content.decode()
    live(world, sa, D(2024, 6, 1))
    assert (
        f"{MINE}?lid={world.member_a.pk}"
        in client.get(reverse("accounts:dashboard")).content.decode()
    )


def test_the_generator_adds_marked_self_assessments_that_rate_themselves_higher(world):
    made = generator.generate(60, seed=3)
    generated = SelfAssessment.objects.filter(title__startswith="[gegenereerd]")
    assert 25 <= generated.count() <= 50  # about 60 % of the reports
    assert all(sa.closed_on for sa in generated)
    found = selfcheck(Filters())
    assert found.audits == generated.count() and found.audits < len(made)
    over = sum(r.counts["over"] for r in found.rows)
    under = sum(r.counts["under"] for r in found.rows)
    assert over > under > 0
