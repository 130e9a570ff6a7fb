"""The browser tests notice what a person's browser refuses under the site's
Content-Security-Policy, and scripts that throw (`BrowserErrors` in conftest.py).

The pages here come from page.route under a made-up address with the site's real CSP header:
the app itself has no page with an inline script, and gets no test-only URL for one."""

import pytest

from kwaliteitslabel.common.security import CONTENT_SECURITY_POLICY

from .conftest import look

SITE = "http://kwaliteitslabel.test"


def serve(page, html, scripts=None):
    """Answer every request of the page from here: the HTML, the named script files, a 404
    for anything else, all under the site's CSP (nothing leaves the machine)."""
    scripts = scripts or {}

    def answer(route):
        path = route.request.url.removeprefix(SITE)
        headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
        if path == "/":
            route.fulfill(body=html, content_type="text/html", headers=headers)
        elif path in scripts:
            route.fulfill(body=scripts[path], content_type="text/javascript", headers=headers)
        else:
            route.fulfill(status=404, body="", headers=headers)

    page.route("**/*", answer)
    page.goto(SITE + "/")
    page.browser_errors.flush()


PAGE = """<!doctype html><html lang="nl"><head><title>Proef</title></head>
<body><main><h1>Proef</h1>{}</main></body></html>"""


def test_an_inline_script_is_caught_by_both_witnesses(page):
    serve(page, PAGE.format("<script>document.title = 'gelopen';</script>"))
    assert page.title() == "Proef"  # the CSP did refuse it
    found = page.browser_errors.take()
    assert any("Content Security Policy" in f and "inline script" in f for f in found), found
    assert any("CSP script-src-elem refused inline" in f for f in found), found
    assert all(f.startswith(SITE + "/") for f in found), found


def test_the_teardown_check_fails_and_names_page_and_refusal(page):
    serve(page, PAGE.format('<img alt="logo" src="https://elders.example/logo.png">'))
    with pytest.raises(AssertionError) as failed:
        page.browser_errors.check()
    assert f"{SITE}/: CSP img-src refused https://elders.example/logo.png" in str(failed.value)
    page.browser_errors.take()


def test_an_inline_event_handler_is_caught_before_anyone_clicks(page):
    serve(page, PAGE.format('<button type="button" onclick="kies()">Kies</button>'))
    found = page.browser_errors.take()
    assert any("Content Security Policy" in f and "inline event handler" in f for f in found)
    assert any("CSP script-src-attr refused inline" in f for f in found), found


def test_a_script_that_throws_is_caught(page):
    serve(page, PAGE.format('<script src="/app.js"></script>'), {"/app.js": "null.kies();"})
    found = page.browser_errors.take()
    assert len(found) == 1 and "uncaught script error" in found[0] and "null" in found[0], found


def test_a_page_within_the_csp_with_axe_injected_reports_nothing(checked_page):
    """Script files and inline styles are allowed, and axe-core's injection is not refused:
    the journeys can keep the real CSP."""
    page = checked_page
    serve(
        page,
        PAGE.format('<p style="width: 40%">Breed</p><script src="/app.js"></script>'),
        {"/app.js": "document.querySelector('h1').textContent = 'Gelopen';"},
    )
    assert "Gelopen" in look(page)
    page.browser_errors.flush()
    assert page.browser_errors.found == []
