"""Verdict shares per norm over many audits (issue 10 items 1, 2, 5, 6, 7)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kwaliteitslabel.audits.findings import ensure_findings
from kwaliteitslabel.audits.models import Audit, AuditDay, Finding, ScopeLine
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.members.models import WorkType
from kwaliteitslabel.reports.models_historic import HistoricReport, HistoricVerdict
from kwaliteitslabel.trends import generator, generator_part_a
from kwaliteitslabel.trends.shares import Filters, trend
from tests.audits.helpers import make_audit

D = datetime.date


def historic(world, day, overrides=None, member=None):
    """A historic report with every norm met except `overrides` {code: verdict}."""
    fw = Framework.objects.get(version="2019")
    report = HistoricReport.objects.create(
        member=member or world.member_a,
        body_name="CIIO",
        framework=fw,
        audit_date=day,
        advice="positive",
    )
    overrides = overrides or {}
    HistoricVerdict.objects.bulk_create(
        HistoricVerdict(report=report, norm=n, verdict=overrides.get(n.code, "met"))
        for n in fw.norms.select_related("rubric")
    )
    return report


def five(world, year=2024):
    """V1 judged +, +, +, +/-, - over five audits; V2 once n.v.t."""
    signs = ["met", "met", "met", "partly", "not_met"]
    for i, sign in enumerate(signs):
        extra = {"V2": "not_applicable"} if i == 0 else {}
        historic(world, D(year, 1, i + 1), {"V1": sign, **extra})


def row(found, code):
    return next(r for r in found.rows if r.norm.code == code)


def test_shares_per_norm_on_a_hand_made_set(world):
    five(world)
    found = trend(Filters())
    assert found.audits == 5 and found.shown
    v1 = row(found, "V1")
    assert (v1.share("met"), v1.share("partly"), v1.share("not_met")) == (60.0, 20.0, 20.0)
    assert row(found, "V2").share("not_applicable") == 20.0
    assert found.struggles(1)[0].norm.code == "V1" and v1.short_of == 40.0


def test_final_audits_on_the_platform_count_and_running_ones_do_not(world):
    five(world)
    final = make_audit(world, status="advice_positive")
    ensure_findings(final)
    Finding.objects.filter(audit=final).update(verdict="met")
    Finding.objects.filter(audit=final, norm__rubric__code="V", norm__number=1).update(
        verdict="not_met"
    )
    AuditDay.objects.create(audit=final, date=D(2024, 6, 1))
    running = make_audit(world, status="started")
    ensure_findings(running)
    Finding.objects.filter(audit=running).update(verdict="not_met")
    found = trend(Filters())
    assert found.audits == 6
    assert row(found, "V1").counts == {"met": 3, "partly": 1, "not_met": 2}
    # Variant: only the platform's audits know theirs; historic reports drop out.
    assert trend(Filters(variant="body")).audits == 1


def test_fewer_than_five_audits_are_not_shown(world, client):
    for i in range(4):
        historic(world, D(2024, 1, i + 1), {"V1": "not_met"})
    assert not trend(Filters()).shown
    client.force_login(world.users["governance"])
    page = client.get(reverse("trends:norms")).content.decode()
    assert "Te weinig toetsingen" in page and "V1</th>" not in page
    rows = list(csv.reader(io.StringIO(client.get(reverse("trends:norms_csv")).content.decode())))
    assert len(rows) == 1  # the header only


def test_the_period_filters(world):
    five(world, 2022)
    five(world, 2025)
    assert trend(Filters(year_from=2023)).audits == 5
    assert trend(Filters(year_from=2022, year_to=2022)).audits == 5
    assert trend(Filters(year_to=2021)).audits == 0


def test_size_band_and_work_type_filter_live_audits_and_historic_reports_that_give_them(world):
    """The size bands are the audit-days table's (handbook 2.5): 1-10 fte, 11-20 fte, ..."""
    youth, elderly = (
        WorkType.objects.get(name="jeugd- en jongerenwerk"),
        WorkType.objects.get(name="ouderenwerk"),
    )
    # Live: 8 FTE employed of social work plus 4 volunteers not counted (Bijlage 2) -> 1-10.
    small = make_audit(world, status="advice_positive")
    small.scope.lines.update(other_volunteers=4)
    # Live: 12 employed + 2.5 management of youth work -> 14.5, in 11-20.
    larger = make_audit(world, status="advice_positive").scope
    larger.lines.all().delete()
    ScopeLine.objects.create(
        scope=larger,
        work_type=youth,
        employed=Decimal(12),
        management_support=Decimal("2.5"),
    )
    for audit in Audit.objects.all():
        AuditDay.objects.create(audit=audit, date=D(2024, 5, 1))
    five(world)  # historic, without part A's FTE or work types
    given = historic(world, D(2023, 3, 1))
    given.fte = Decimal("10.4")  # a fraction belongs to the band above (DOMAIN.md): 11-20
    given.save()
    given.work_types.add(elderly)
    assert trend(Filters()).audits == 8
    assert trend(Filters(size_band="1-10 fte")).audits == 1
    assert trend(Filters(size_band="11-20 fte")).audits == 2
    assert trend(Filters(size_band="meer dan 300 fte")).audits == 0
    assert trend(Filters(work_type=youth.pk)).audits == 1
    assert trend(Filters(work_type=elderly.pk)).audits == 1
    assert trend(Filters(size_band="11-20 fte", work_type=elderly.pk)).audits == 1


def test_the_form_offers_the_bands_and_names_a_wrong_one(world, client):
    client.force_login(world.users["swn_adviser"])
    page = client.get(reverse("trends:norms")).content.decode()
    assert ">1-10 fte</option>" in page and ">meer dan 300 fte</option>" in page
    assert ">ouderenwerk</option>" in page
    response = client.get(reverse("trends:norms"), {"normenkader": "2019", "omvang": "groot"})
    assert response.status_code == 400 and "Omvang: kies een omvang" in response.content.decode()
    response = client.get(reverse("trends:norms_csv"), {"normenkader": "2019", "werksoort": "x"})
    assert response.status_code == 400 and "Werksoort: kies" in response.content.decode()


def test_the_export_holds_the_numbers_of_the_page(world, client):
    five(world)
    client.force_login(world.users["swn_adviser"])
    page = client.get(reverse("trends:norms"), {"normenkader": "2019"}).content.decode()
    assert "60,0%" in page and "20,0%" in page  # V1 on the page, Dutch decimals
    data = client.get(reverse("trends:norms_csv"), {"normenkader": "2019"}).content
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    v1 = next(r for r in rows if r[0] == "V1")
    assert v1[2:7] == ["5", "3", "1", "1", "0"] and v1[7:10] == ["60,0", "20,0", "20,0"]
    assert len(rows) == 1 + 49
    book = load_workbook(
        io.BytesIO(client.get(reverse("trends:norms_xlsx"), {"normenkader": "2019"}).content)
    )
    excel = next(r for r in book.active.iter_rows(values_only=True) if r[0] == "V1")
    assert list(excel[2:10]) == [5, 3, 1, 1, 0, 60.0, 20.0, 20.0]


def test_every_table_of_the_page_exports_with_its_numbers(world, client):
    five(world, 2022)
    for i in range(5):
        historic(world, D(2024, 2, i + 1), {"V1": "partly"} if i == 0 else {})
    client.force_login(world.users["governance"])
    page = client.get(reverse("trends:norms")).content.decode()
    assert "40,0%" in page and "routes" in page  # V1 in 2022: 2 of 5 short
    years = client.get(reverse("trends:norms_csv"), {"tabel": "jaren"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(years)))
    assert rows[0][1:] == ["2022 (% deels of niet)", "2024 (% deels of niet)"]
    assert rows[1] == ["toetsingen", "5", "5"] and ["V1", "40,0", "20,0"] in rows
    routes = client.get(reverse("trends:norms_csv"), {"tabel": "routes"}).content.decode()
    route_rows = list(csv.reader(io.StringIO(routes.lstrip("\ufeff"))))
    assert route_rows[1][:2] == ["a: aan alle normen voldaan", "7"]  # 3 of 10 are route b
    assert route_rows[2][1] == "te weinig"
    book = load_workbook(io.BytesIO(client.get(reverse("trends:norms_xlsx")).content))
    assert book.sheetnames == ["Oordelen per norm", "Deels of niet per jaar", "Routes"]
    assert ["V1", 40.0, 20.0] in [list(r) for r in book["Deels of niet per jaar"].values]
    response = client.get(reverse("trends:norms_csv"), {"tabel": "alles"})
    assert response.status_code == 400 and "Tabel: kies normen, jaren, routes" in response.text


def test_bad_filters_are_refused_naming_the_field(world, client):
    client.force_login(world.users["governance"])
    response = client.get(reverse("trends:norms"), {"normenkader": "2019", "van": "twintig"})
    assert (
        response.status_code == 400 and "Van jaar: vul een jaartal in" in response.content.decode()
    )
    response = client.get(
        reverse("trends:norms"), {"normenkader": "2019", "van": 2025, "tot": 2020}
    )
    assert response.status_code == 400 and "Tot en met jaar" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 10])
def test_the_page_takes_the_same_queries_for_more_audits(
    world, client, django_assert_num_queries, extra
):
    five(world)
    for i in range(extra):
        historic(world, D(2023, 2, i + 1))
    client.force_login(world.users["swn_secretariat"])
    # 5 for the shares, 4 for the years, 4 for the routes, 6 for the page itself (the work
    # types of the filter among them)
    with django_assert_num_queries(19):
        assert client.get(reverse("trends:norms")).status_code == 200


def test_the_generator_makes_marked_plausible_audits(world):
    made = generator.generate(60, seed=3)
    assert len(made) == 60
    assert all(r.source_filename == generator.GENERATED for r in made)
    assert all(r.member.name.startswith("[gegenereerd]") for r in made)
    found = trend(Filters())
    shorts = sorted(r.short_of for r in found.rows)
    assert shorts[0] < 10 and shorts[-1] > 20  # most norms easy, some hard
    # Part A: every report has its member's size and work types; its improvement points come
    # from the demo's sentences of norms it partly or did not meet.
    sample = HistoricReport.objects.prefetch_related("work_types", "verdicts__norm").first()
    assert sample.fte > 0 and 1 <= len(sample.work_types.all()) <= 3
    missed = {v.norm.code for v in sample.verdicts.all() if v.verdict in ("partly", "not_met")}
    said = generator_part_a.sentences()
    for point in sample.improvement_points.splitlines():
        assert any(point in said.get(code, {}).get("improvements", []) for code in missed)


def test_the_command_generates_once(world):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("generate_trend_data", "--audits", "12", "--once", stdout=out)
    call_command("generate_trend_data", "--audits", "12", "--once", stdout=out)
    assert HistoricReport.objects.count() == 12 and "niets gedaan" in out.getvalue()
    with pytest.raises(Exception, match="--audits"):
        call_command("generate_trend_data", "--audits", "0")


def test_a_norm_year_on_year_with_small_years_left_out(world, client):
    from kwaliteitslabel.trends.shares import by_year

    five(world, 2022)  # V1: 2 of 5 short
    for i in range(5):
        historic(world, D(2024, 2, i + 1), {"V1": "partly"} if i == 0 else {})  # 1 of 5
    historic(world, D(2025, 3, 1), {"V1": "not_met"})  # one audit only: not shown
    v1 = next(r.norm for r in trend(Filters()).rows if r.norm.code == "V1")
    years, audits, (line,) = by_year(Filters(), [v1])
    assert years == [2022, 2024, 2025] and audits == {2022: 5, 2024: 5, 2025: 1}
    assert line.points == [(2022, 40.0), (2024, 20.0), (2025, None)]
    client.force_login(world.users["governance"])
    page = client.get(reverse("trends:norms")).content.decode()
    assert "Deels of niet, per jaar" in page and "te weinig" in page and "<polyline" in page


def test_routes_and_how_they_ended(world, client):
    from kwaliteitslabel.audits.models import ImprovementPlan
    from kwaliteitslabel.trends.routes import routes

    five(world)  # V1 has one - and one +/- in two of them: route b twice, a three times
    for i in range(3):
        audit = make_audit(world, status="certified" if i else "advice_negative", route="b")
        AuditDay.objects.create(audit=audit, date=D(2024, 5, i + 1))
        ImprovementPlan.objects.create(audit=audit, round=1 + i // 2)
    found = {r.route: r for r in routes(Filters())}
    assert (found["a"].audits, found["a"].positive) == (3, 3)
    b = found["b"]
    assert (b.audits, b.positive, b.negative, b.first_round, b.amended) == (5, 4, 1, 1, 1)
    assert b.shown and not found["a"].shown and found["c"].audits == 0
    client.force_login(world.users["governance"])
    page = client.get(reverse("trends:norms")).content.decode()
    assert "Routes en hoe ze afliepen" in page and "niet getoond" in page
