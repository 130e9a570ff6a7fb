"""The one-page PDF summary for a committee meeting (issue 10 item 6): the beheercommissie
maintains the norms and the Raad van Toezicht watches the trends (handbook 1.3)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports.models_historic import HistoricReport, HistoricVerdict
from kwaliteitslabel.trends import generator, summary, views_summary
from kwaliteitslabel.trends.shares import Filters, trend

D = datetime.date


def historic(world, day, overrides=None):
    """A historic report with every norm met except `overrides` {code: verdict}."""
    fw = Framework.objects.get(version="2019")
    report = HistoricReport.objects.create(
        member=world.member_a, body_name="CIIO", framework=fw, audit_date=day, advice="positive"
    )
    overrides = overrides or {}
    HistoricVerdict.objects.bulk_create(
        HistoricVerdict(report=report, norm=n, verdict=overrides.get(n.code, "met"))
        for n in fw.norms.select_related("rubric")
    )


def five(world, year=2024):
    """V1 judged +, +, +, +/-, - over five audits; V2 once n.v.t."""
    for i, sign in enumerate(["met", "met", "met", "partly", "not_met"]):
        extra = {"V2": "not_applicable"} if i == 0 else {}
        historic(world, D(year, 1, i + 1), {"V1": sign, **extra})


def get_pdf(client, world, **params) -> tuple[int, PdfReader | None, str]:
    client.force_login(world.users["governance"])
    response = client.get(reverse("trends:summary_pdf"), {"normenkader": "2019", **params})
    if response.status_code != 200:
        return response.status_code, None, response.content.decode()
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return 200, reader, "\n".join(p.extract_text() for p in reader.pages)


def percent(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def test_the_demo_size_data_fit_one_page(world, client):
    generator.generate(300)  # what `generate_trend_data` makes by default
    status, reader, text = get_pdf(client, world)
    assert status == 200 and len(reader.pages) == 1
    for heading in ("De 10 normen", "Oordelen per rubriek", "per jaar", "Routes en hoe"):
        assert heading in text
    assert "Vertrouwelijk" in text and "minstens 5 toetsingen" in text
    assert "/trends/?normenkader=2019" in text  # where the full tables are


def test_fifteen_audits_fit_one_page_and_agree_with_the_page(world, client):
    generator.generate(15, seed=5, first_year=2025)  # two years of 5 or more
    status, reader, text = get_pdf(client, world)
    assert status == 200 and len(reader.pages) == 1
    page = client.get(reverse("trends:norms"), {"normenkader": "2019"}).context
    assert "Toetsingen 15" in text
    found = summary.summary(Filters())
    hardest, rubrics, years, routes = (s.data for s in found.sections)
    # The ten hardest norms: the page's list, in its order, with its shares.
    assert [h.norm.code for h in hardest] == [r.norm.code for r in page["trend"].struggles()]
    assert [h.short_of for h in hardest] == [r.short_of for r in page["trend"].struggles()]
    for h in hardest:
        assert percent(h.short_of) in text
    # The year-on-year lines and the routes: the page's numbers.
    assert [line.points for line in years.lines] == [line.points for line in page["years"]["lines"]]
    shown = [v for line in years.lines for _, v in line.points if v is not None]
    assert shown and all(percent(v) in text for v in shown)
    assert [(r.route, r.audits, r.positive) for r in routes] == [
        (r.route, r.audits, r.positive) for r in page["years"]["routes"]
    ]
    assert len(rubrics) == 3 and all(percent(r.short_of) in text for r in rubrics)


def test_fifteen_audits_over_eight_years_draw_no_line(world, client):
    """Each year has fewer than 5 audits (Bijlage 9): the table says so, no line is drawn."""
    generator.generate(15, seed=5, first_year=2019)
    status, reader, text = get_pdf(client, world)
    assert status == 200 and len(reader.pages) == 1
    assert "geen jaar telt 5 toetsingen of meer" in text and "te weinig" in text


def test_a_long_selection_still_fits_one_page(world, client, settings):
    """Eleven years since the label began (2016) and a long address in the footer."""
    settings.SITE_URL = "https://kwaliteitslabel.sociaalwerknederland.example.nl"
    generator.generate(120, seed=11, first_year=2016)
    status, reader, text = get_pdf(client, world, van=2016, tot=2026)
    assert status == 200 and len(reader.pages) == 1
    assert "2016 tot en met 2026" in text and "van=2016&tot=2026" in text


def test_the_rubric_is_the_mean_of_its_norms(world):
    five(world)
    vakmanschap = summary.rubric_shares(trend(Filters()))[0]
    # 15 norms: V1 60/20/20/0, V2 80/0/0/20, thirteen 100% met.
    assert vakmanschap.name == "Vakmanschap" and vakmanschap.norms == 15
    assert [s for _, _, s in vakmanschap.shares] == [96.0, 1.3, 1.3, 1.3]
    assert vakmanschap.short_of == 2.6


def test_too_few_audits_give_one_page_that_says_so(world, client):
    """Bijlage 9: no group of fewer than 5 audits is shown."""
    for i in range(4):
        historic(world, D(2024, 1, i + 1), {"V1": "not_met"})
    status, reader, text = get_pdf(client, world)
    assert status == 200 and len(reader.pages) == 1
    assert "Te weinig toetsingen" in text and "telt er 4" in text
    assert "V1" not in text and "De 10 normen" not in text and "Routes" not in text


def test_bad_filters_are_refused_naming_the_field(world, client):
    status, _, text = get_pdf(client, world, van="twintig")
    assert status == 400 and "Van jaar: vul een jaartal in" in text
    status, _, text = get_pdf(client, world, van=2025, tot=2020)
    assert status == 400 and "Tot en met jaar" in text


def test_a_later_page_adds_its_section_by_appending_a_builder(world, monkeypatch):
    five(world)

    def extra(filters, found):
        return summary.Section("Doorlooptijden", "trends/summary_routes.html", [])

    monkeypatch.setattr(summary, "SECTIONS", [*summary.SECTIONS, extra])
    found = summary.summary(Filters())
    assert [s.title for s in found.sections][-1] == "Doorlooptijden"
    assert "<h2>Doorlooptijden</h2>" in views_summary.html(found)


def test_the_page_links_to_the_summary_with_its_filters(world, client):
    five(world)
    client.force_login(world.users["swn_adviser"])
    page = client.get(reverse("trends:norms"), {"normenkader": "2019", "van": 2024}).content
    link = f"{reverse('trends:summary_pdf')}?normenkader=2019&amp;van=2024"
    assert link in page.decode() and "Samenvatting als PDF (1 pagina)" in page.decode()


@pytest.mark.parametrize("extra", [0, 10])
def test_the_summary_takes_the_same_queries_for_more_audits(
    world, client, django_assert_num_queries, extra
):
    five(world)
    for i in range(extra):
        historic(world, D(2023, 2, i + 1), {"O16": "partly"})
    client.force_login(world.users["swn_secretariat"])
    # 4 for the session, the user, the roles and MFA, 1 for the form, 5 for the shares,
    # 4 for the years, 4 for the routes
    with django_assert_num_queries(18):
        assert client.get(reverse("trends:summary_pdf")).status_code == 200
