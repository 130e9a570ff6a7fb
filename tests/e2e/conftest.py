"""Browser journeys in Debian's Chromium, driven by Playwright (never a downloaded browser)."""

import contextlib
import os
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls here are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page on the live server. At the end the test fails if the browser
    refused anything because of the Content-Security-Policy or a script threw (`BrowserErrors`)."""
    # live_server empties the tables after each test; the shipped data comes back here.
    call_command("load_frameworks", verbosity=0)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    errors = BrowserErrors(context)
    page = context.new_page()
    page.base_url = live_server.url
    page.browser_errors = errors
    yield page
    errors.flush()
    context.close()
    errors.check()


# Runs in every document and frame before the page's own scripts; the DevTools protocol puts
# it there, so the page's CSP does not refuse it. The browser fires securitypolicyviolation
# for every refusal whatever it writes to the console, and the event says which directive.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
    window.__reportBrowserError(
        `CSP ${e.violatedDirective} refused ${e.blockedURI || "?"}`
        + ` (${e.sourceFile || document.location.href}:${e.lineNumber})`);
}, true);
"""


class BrowserErrors:
    """Everything that breaks a page for its user while the HTML looks right: what the browser
    refused under the Content-Security-Policy (its console error and the
    securitypolicyviolation event, two witnesses for one refusal) and uncaught script errors,
    from every page of the context, as "URL: message"."""

    def __init__(self, context):
        self.context = context
        self.found = []
        context.expose_binding("__reportBrowserError", self._reported)
        context.add_init_script(script=REPORT_VIOLATIONS)
        context.on("console", self._console)
        context.on("weberror", self._script_error)

    def _reported(self, source, message):
        self.found.append(f"{source['frame'].url}: {message}")

    def _console(self, message):
        if message.type == "error" and (
            "Content Security Policy" in message.text or "Refused to" in message.text
        ):
            url = message.location.get("url") or (message.page.url if message.page else "?")
            self.found.append(f"{url}: {message.text}")

    def _script_error(self, web_error):
        url = web_error.page.url if web_error.page else "?"
        self.found.append(f"{url}: uncaught script error: {web_error.error}")

    def flush(self):
        """Let reports still on their way arrive: an event the page queued runs before this
        round trip answers."""
        from playwright.sync_api import Error

        for page in self.context.pages:
            # Closing or navigating: a document that is gone reports nothing more.
            with contextlib.suppress(Error):
                page.evaluate("() => new Promise(done => setTimeout(done))")

    def take(self):
        """What was found so far, forgotten afterwards (for a test that causes it on purpose)."""
        found, self.found = self.found, []
        return found

    def check(self):
        assert not self.found, "the browser refused something or a script failed:\n" + "\n".join(
            f"- {line}" for line in self.found
        )


def screenshot(page, name):
    """Keep a picture of the page for people to look at (var/screenshots, not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def content(page):
    """The page's HTML once it has loaded: right after a click the new document can still be empty."""
    page.wait_for_load_state("load")
    return page.content()


def enter_code(page, secret):
    """Type the authenticator code and wait for the answer. A code holds for its 30-second
    period only, so never one about to end; and a goto right after would cut the log-in short."""
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.5)
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")


AXE_JS = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def checked_page(page):
    """The page, with axe-core run on every document it shows (`look`); at the end, every
    page the journey went to must have been looked at."""
    page.axe = Axe(page)
    page.set_default_timeout(10_000)  # a missing element fails in seconds, not half a minute
    yield page
    missed = page.axe.missed + [u for u in page.axe.pending if u not in page.axe.checked]
    assert not missed, f"pages not checked by axe: {missed}"


class Axe:
    """axe-core from npm (`make test` installs it in tests/e2e/node_modules). Its source goes
    in through page.evaluate, which the DevTools protocol runs outside the page's
    Content-Security-Policy, so the journeys keep the real CSP (no bypass_csp) and still
    find a page an inline script would break."""

    source = None

    def __init__(self, page):
        if Axe.source is None:
            assert AXE_JS.exists(), f"{AXE_JS} is missing: `make test` runs npm ci in tests/e2e"
            Axe.source = AXE_JS.read_text()
        self.page = page
        self.pending = []  # documents shown since the last check
        self.missed = []
        self.checked = set()
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.pending.append(frame.url.split("#")[0])

    def check(self):
        page = self.page
        page.wait_for_load_state("load")
        url = page.url.split("#")[0]
        self.missed += [u for u in self.pending[:-1] if u != url and u not in self.checked]
        self.pending.clear()
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(Axe.source)
        result = page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
            "v => ({id: v.id, impact: v.impact, help: v.help,"
            " targets: v.nodes.map(n => n.target.join(' '))})))"
        )
        self.checked.add(url)
        bad = [v for v in result if v["impact"] in BLOCKING]
        assert not bad, f"axe on {page.url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}; " + ", ".join(v["targets"][:5]) for v in bad
        )


def look(page):
    """What the person sees: the page's HTML once it has loaded, after axe-core found no
    serious or critical violation on it (for a page from `checked_page`)."""
    if hasattr(page, "axe") and (
        page.axe.pending or page.url.split("#")[0] not in page.axe.checked
    ):
        page.axe.check()
    return content(page)
