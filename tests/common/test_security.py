"""Security (issue 11, item 4): the production settings pass `check --deploy`, every response
carries the security headers, no template holds inline script, the cookies are hardened in
production, and every page refuses a POST without its CSRF token. Uploads: test_uploads.py."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.access.test_matrix import ACCESS, FOREIGN, _names
from tests.certificates.helpers import make_certificate
from tests.world import ANONYMOUS, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "kwaliteitslabel"


def _production_env(tmp_path, **extra) -> dict:
    # Not the browser tests' async switch either (tests/e2e/conftest.py sets it in the same
    # process); production never has it, and check --deploy rightly refuses it.
    left_out = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in left_out}
    env |= {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),  # a dummy of this test run only
        "ALLOWED_HOSTS": "kwaliteitslabel.example.nl",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kwaliteitslabel.settings",
    }
    return {k: v for k, v in (env | extra).items() if v is not None}


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_notices_what_production_mode_turns_on(tmp_path):
    """The check above is not empty: the same settings outside production are warned about."""
    result = _manage(_production_env(tmp_path, DJANGO_ENV=None), "check", "--deploy")
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"SECRET_KEY": None}, "DJANGO_ENV=production needs SECRET_KEY in the environment"),
        ({"DEBUG": "1"}, "DEBUG must be off when DJANGO_ENV=production."),
    ],
)
def test_production_refuses_to_start_misconfigured(tmp_path, extra, message):
    result = _manage(_production_env(tmp_path, **extra), "check")
    assert result.returncode != 0 and message in result.stderr
    assert not (tmp_path / "secret_key").exists()


COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
]


def test_cookies_are_secure_and_httponly_in_production(tmp_path, client, world, settings):
    code = f"print(json.dumps({{n: getattr(s, n) for n in {COOKIE_SETTINGS!r}}}))"
    script = f"import json; from django.conf import settings as s; {code}"
    production = json.loads(
        _manage(_production_env(tmp_path), "shell", "--no-imports", "-c", script).stdout
    )
    assert production["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    # What a browser receives with those settings: the log-in form, then logging in.
    for name, value in production.items():
        setattr(settings, name, value)
    csrf = client.get(reverse("account_login"), secure=True).cookies["csrftoken"]
    data = {"login": "member_admin@example.nl", "password": PASSWORD}
    response = client.post(reverse("account_login"), data, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    for cookie in (session, csrf):
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    # The session cookie goes with the browser; the server forgets the session in 8 hours.
    assert not session["max-age"] and not session["expires"]
    assert 0 < client.session.get_expiry_age() <= 8 * 60 * 60


# --- headers ---------------------------------------------------------------------------

HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def _assert_secure_headers(response):
    for name, value in HEADERS.items():
        assert response[name] == value, name
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert csp["img-src"] == ["'self'", "data:"]
    permissions = dict(p.strip().split("=") for p in response["Permissions-Policy"].split(","))
    assert permissions["camera"] == permissions["geolocation"] == "()"


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_security_headers(client_as, world):
    certificate = make_certificate(world, timezone.localdate())
    client = client_as("member_admin")
    responses = {
        "html": client.get(reverse("home")),
        "json": client.get("/api/v1/frameworks"),
        "pdf": client.get(reverse("certificates:pdf", kwargs={"number": certificate.number})),
        "404": client.get("/bestaat-niet/"),
        "static": client.get("/static/js/finding.js"),
    }
    assert [r.status_code for r in responses.values()] == [200, 200, 200, 404, 200]
    assert responses["pdf"]["Content-Type"] == "application/pdf"
    assert responses["json"]["Content-Type"].startswith("application/json")
    for response in responses.values():
        _assert_secure_headers(response)


def test_api_docs_are_served_from_here_without_inline_script(client):
    """Swagger UI's files come with django-ninja (/static/ninja/); its settings are a JSON
    block, which the CSP does not run."""
    page = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all('src="/static/ninja/' in s or "application/json" in s for s in scripts)
    assert "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# --- inline script in templates --------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
TEMPLATE_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


def inline_script(html: str) -> list[str]:
    html = TEMPLATE_TAGS.sub("", html)
    return INLINE_SCRIPT.findall(html) + HANDLER.findall(html)


def test_the_scan_finds_inline_script():
    assert inline_script('<p>x</p><script>alert(1)</script><script src="/a.js"></script>')
    assert inline_script('<button type="button"\n onclick="go()">Ga</button>')
    assert not inline_script("<script src=\"{% static 'a.js' %}\" defer></script>")
    assert not inline_script("{% with onderwerp=x %}<p>ontvangen</p>{% endwith %}")


def test_no_template_holds_inline_script_or_event_handlers():
    found = {
        str(path.relative_to(ROOT)): hits
        for path in TEMPLATES.rglob("templates/**/*.html")
        if (hits := inline_script(path.read_text()))
    }
    assert not found, f"move these into a file under static/js: {found}"


# --- CSRF ------------------------------------------------------------------------------


def _refused_for_csrf(response) -> bool:
    return response.status_code == 403 and "Formulier niet verwerkt" in response.content.decode()


@pytest.mark.django_db
def test_every_page_refuses_a_post_without_its_csrf_token(world):
    """Each named URL of the role matrix (the API aside: tokens, no cookies), posted to by a
    person the page is for, without the token: refused with the CSRF page, nothing done."""
    client = Client(enforce_csrf_checks=True)
    accepted, walked = [], set()
    for name, kwargs, allowed, *_ in ACCESS:
        if name.startswith("api-v1:"):
            continue
        walked.add(name)
        role = min(allowed - {ANONYMOUS}, default=ANONYMOUS)
        client.logout()
        if role != ANONYMOUS:
            client.force_login(world.users[role])
        # Each row's objects are undone after it, as if each row had its own test.
        with transaction.atomic():
            url = reverse(name, kwargs=kwargs(world))
            if not _refused_for_csrf(client.post(url, {"action": "submit"})):
                accepted.append(f"{name} ({role})")
            transaction.set_rollback(True)
    assert not accepted, f"POST without CSRF token not refused: {accepted}"
    pages = {n for n in _names() if not n.startswith((*FOREIGN, "api-v1:"))}
    assert pages and walked == pages


@pytest.mark.django_db
def test_allauth_pages_refuse_a_post_without_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    for name in ["account_login", "account_logout", "account_reset_password", "mfa_index"]:
        data = {"login": "lid@example.nl", "password": "wachtwoord-lang"}
        assert _refused_for_csrf(client.post(reverse(name), data)), name
    # With the token the same log-in gets through the check (and fails on the password).
    client.get(reverse("account_login"))
    token = client.cookies["csrftoken"].value
    data = {"login": "lid@example.nl", "password": "x", "csrfmiddlewaretoken": token}
    assert client.post(reverse("account_login"), data).status_code == 200
