"""The trends in the browser (issue 10): an SWN adviser reads which norms the branch
struggles with and whether that improved, and downloads the same numbers."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kwaliteitslabel.trends import generator

from .conftest import content, screenshot
from .test_accounts_journey import log_in
from .test_audit_journey import log_in_with_code
from .test_self_assessment_journey import PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swn_reads_the_trends_and_downloads_the_numbers(page, demo):  # noqa: F811
    generator.generate(300)
    log_in_with_code(page, "adviseur@demo.kwaliteitslabel.nl")
    page.get_by_role("link", name="Trends in de sector").click()
    html = content(page)
    assert "Waar de branche het moeilijkst mee heeft" in html
    assert "Deels of niet, per jaar" in html and "Routes en hoe ze afliepen" in html
    assert page.locator("svg[role=img]").count() >= 4  # year lines and one chart per rubric
    hardest = page.locator("ol.utrecht-ordered-list li").first.inner_text()
    screenshot(page, "trends")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    code = hardest.split(":")[0]
    row = next(r for r in rows if r[0] == code)
    short = float(row[8].replace(",", ".")) + float(row[9].replace(",", "."))
    assert f"{short:.1f}".replace(".", ",") in hardest  # the list and the export agree
    page.get_by_label("Van jaar").fill("2030")
    page.get_by_label("Tot en met jaar").fill("2020")
    page.get_by_role("button", name="Tonen").click()
    assert "Tot en met jaar: kies een jaar na het beginjaar" in content(page)


def test_swn_walks_every_section_of_the_trends(page, demo):  # noqa: F811
    """Each section from the trends' own navigation, as an adviser preparing a committee."""
    generator.generate(300)
    log_in_with_code(page, "adviseur@demo.kwaliteitslabel.nl")
    page.get_by_role("link", name="Trends in de sector").click()
    page.get_by_label("Omvang (fte in scope)").select_option("11-20 fte")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("status")).to_contain_text("11-20 fte")
    screenshot(page, "trends-size-band")
    # The summary opens in the browser's viewer; fetch it as the link says, with the filter.
    summary = page.get_by_role("link", name="Samenvatting als PDF (1 pagina)")
    assert "omvang=11-20" in summary.get_attribute("href")
    pdf = page.request.get(page.base_url + summary.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    nav = page.get_by_role("navigation", name="Onderdelen van de trends")
    nav.get_by_role("link", name="Doorlooptijden").click()
    html = content(page)
    assert "Waar het proces traag is" in html and "LRQA" in html
    screenshot(page, "trends-durations")

    nav.get_by_role("link", name="Zelfevaluatie en toetsing").click()
    html = content(page)
    assert "Waar leden zichzelf het vaakst hoger inschatten" in html and "▲ zelf hoger" in html
    screenshot(page, "trends-selfcheck")

    nav.get_by_role("link", name="Sterke punten en verbeterpunten").click()
    page.get_by_label("Zoeken in de punten").fill("klachtenregeling")
    page.get_by_role("button", name="Tonen").click()
    html = content(page)
    assert "O17" in html and "<mark" in html  # the complaints norm, the hit marked
    screenshot(page, "trends-points")
    page.get_by_role("link", name="Normen bevestigen").click()
    html = content(page)
    assert "Gekozen normen bevestigen" in html
    screenshot(page, "trends-points-confirm")


def test_a_member_sees_its_own_self_assessment_beside_its_audit_and_nothing_more(page, demo):  # noqa: F811
    log_in(page, "lid.rivierenland@demo.kwaliteitslabel.nl", PASSWORD)
    page.get_by_role("link", name="naast de toetsing").click()
    html = content(page)
    assert "Uw zelfevaluatie naast de toetsing" in html and "Welzijn Rivierenland" in html
    assert "4 ▲ zelf hoger" in page.inner_text("main")  # it said "voldoet" where CIIO did not
    screenshot(page, "trends-my-selfcheck")
    response = page.goto(f"{page.base_url}/trends/zelfevaluatie/")
    assert response.status == 403  # the sector's picture is SWN's and the governance's
