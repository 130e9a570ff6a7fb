"""The trends in the browser (issue 10): an SWN adviser reads which norms the branch
struggles with and whether that improved, and downloads the same numbers."""

import csv
import io
from pathlib import Path

import pytest

from kwaliteitslabel.trends import generator

from .conftest import content, screenshot
from .test_audit_journey import log_in_with_code
from .test_self_assessment_journey import demo  # noqa: F401 (fixture)

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
        page.get_by_role("link", name="CSV").click()
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
