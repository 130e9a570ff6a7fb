"""A visitor finds a norm, reads its guidance and moves on by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_from_home_to_a_norm_and_on(page):
    page.goto(page.base_url + "/")
    screenshot(page, "home")
    page.get_by_role("link", name="Normen", exact=True).click()
    page.get_by_role("link", name="Normenkader 2019").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Normenkader 2019"))
    screenshot(page, "framework-2019")
    page.get_by_role("link", name="V12 · Vakmanschap 12").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("V12 · Vakmanschap 12")
    assert "portfolio" in page.locator("blockquote").inner_text()
    screenshot(page, "norm-2019-V12")
    page.get_by_role("link", name="V13 →").click()
    page.wait_for_url("**/normenkaders/2019/V13/")


def test_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto(page.base_url + "/normenkaders/2019/V1/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    screenshot(page, "norm-2019-V1")


def test_search_shows_highlighted_hits(page):
    page.goto(page.base_url + "/zoeken/")
    page.get_by_label("Zoekwoorden").fill("klachtenregeling")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("gevonden")
    assert page.locator("mark").count() > 0
    screenshot(page, "search")


def test_other_pages_for_the_record(page):
    for name, path in [
        ("crosswalk-2016", "/normenkaders/2016/vergelijking/iso-9001-2015/"),
        ("crosswalk-2019", "/normenkaders/2019/vergelijking/iso-9001-2015/"),
        ("norm-2016-D16", "/normenkaders/2016/D16/"),
        ("norm-2019-D10", "/normenkaders/2019/D10/"),
        ("terminology-2019", "/normenkaders/2019/terminologie/"),
        ("branch-code", "/branchecode/"),
        ("frameworks", "/normenkaders/"),
    ]:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        screenshot(page, name)
