"""The README's pictures: the main screens with the demo data, in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py          # writes docs/screenshots/*.png

Not part of `make test`: it loads the demo into a throwaway SQLite database, serves it on a
free loopback port, logs in as the demo people and keeps the top 1280 x 900 pixels of each
page, reduced to 256 colours. Run it again after a visible change and look at every picture.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PASSWORD = "schermafdrukken-demo"


def environment(workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VAR_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "DEMO_PASSWORD": PASSWORD,
        "DJANGO_SETTINGS_MODULE": "kwaliteitslabel.settings",
    }


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/gezond/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server at {url} did not start")


def ids(env) -> dict[str, str]:
    """The demo's objects the pictures show: an audit being done (and its lead auditor), one
    with a report, a certificate."""
    script = (
        "from kwaliteitslabel.audits.models import Audit, TeamMember;"
        "from kwaliteitslabel.reports.models import Report;"
        "from kwaliteitslabel.certificates.models import Certificate;"
        "a = Audit.objects.filter(status='started', findings__text__gt='').first();"
        "lead = TeamMember.objects.get(audit=a, role='lead').user.email;"
        "r = Report.objects.exclude(sketch='').order_by('audit__pk').first();"
        "c = Certificate.objects.filter(member__name='Welzijn Noorderlicht').first();"
        "print(a.pk, lead, r.audit_id, c.number)"
    )
    output = manage(env, "shell", "-v0", "-c", script)
    findings, lead, report, certificate = output.splitlines()[-1].split()
    return {"findings": findings, "lead": lead, "report": report, "certificate": certificate}


def log_in(page, url, email, env):
    page.context.clear_cookies()
    page.goto(f"{url}/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if page.locator("input[name=code]").count():
        # A fresh code, not one about to run out (they hold for 30 seconds).
        time.sleep(max(0, 3 - (30 - time.time() % 30)) + 0.1)
        page.fill("input[name=code]", manage(env, "totp_code", email).split()[-1])
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")


def shoot(page, url, path, name):
    page.goto(f"{url}{path}")
    page.wait_for_load_state("networkidle")
    target = OUT / f"{name}.png"
    page.screenshot(path=str(target))
    from PIL import Image

    with Image.open(target) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)
    print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} kB")


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp))
        for command in (
            ["migrate", "-v0"],
            ["load_frameworks", "-v0"],
            ["load_demo"],
            ["generate_trend_data", "--once"],
        ):
            manage(env, *command)
        objects = ids(env)
        url = f"http://127.0.0.1:{free_port()}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", url.rsplit("/", 1)[1], "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(url)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
                shoot(page, url, "/", "home")
                shoot(page, url, "/register/", "register")
                shoot(page, url, f"/c/{objects['certificate']}/", "certificate")
                log_in(page, url, "lid@demo.kwaliteitslabel.nl", env)
                shoot(page, url, "/mijn/", "member-dashboard")
                log_in(page, url, objects["lead"], env)
                shoot(page, url, f"/toetsingen/{objects['findings']}/bevindingen/V1/", "findings")
                log_in(page, url, "secretariaat@demo.kwaliteitslabel.nl", env)
                shoot(page, url, f"/toetsingen/{objects['report']}/rapport/deel-a/", "part-a")
                shoot(page, url, "/trends/", "trends")
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
