"""The deployment files agree with the code (issue 11, item 7).

No Docker daemon runs where the suite runs, so the image is not built here: these tests read
`Dockerfile` and `compose.yaml` and check them against the settings, the Makefile and the
management commands, so a renamed command or a new setting without documentation fails.
"""

import re
import tomllib
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
OPERATIONS = (ROOT / "docs" / "operations.md").read_text()
# Read by gunicorn in the image, not by the settings.
GUNICORN_VARIABLES = {"PORT", "WEB_CONCURRENCY"}


def settings_variables() -> set[str]:
    source = (ROOT / "kwaliteitslabel" / "settings.py").read_text()
    return set(re.findall(r'(?:os\.environ\.get|env_bool)\(\s*"([A-Z_]+)"', source))


def test_every_variable_the_settings_read_is_documented():
    documented = set(re.findall(r"^\| `([A-Z_]+)`", OPERATIONS, flags=re.MULTILINE))
    assert settings_variables() - documented == set()
    assert documented - settings_variables() - GUNICORN_VARIABLES == set(), "documented, unread"


def test_compose_runs_app_workers_and_postgresql_with_a_healthcheck_and_a_volume():
    services = COMPOSE["services"]
    assert {"migrate", "app", "outbox", "lifecycle", "db", "redis"} <= set(services)
    db = services["db"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert db["volumes"] == ["pgdata:/var/lib/postgresql/data"] and "pgdata" in COMPOSE["volumes"]
    assert services["app"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert services["app"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    # The client in the image (Debian bookworm) must be able to dump this server.
    assert db["image"].startswith("postgres:15") and "postgresql-client-15" in DOCKERFILE


def test_the_workers_run_commands_that_exist():
    commands = get_commands()
    services = COMPOSE["services"]
    for name, command in [("outbox", "send_outbox"), ("lifecycle", "run_lifecycle")]:
        assert services[name]["command"] == ["python", "manage.py", command, "--loop"]
        assert command in commands
    migrate = services["migrate"]["command"][-1]
    assert all(f"manage.py {c}" in migrate for c in ("migrate", "load_frameworks"))


def test_compose_sets_only_variables_something_reads():
    environment = COMPOSE["services"]["app"]["environment"]
    assert set(environment) - settings_variables() - GUNICORN_VARIABLES == set()
    assert environment["DJANGO_ENV"] == "production"
    # Secrets are never in the file, only required from the environment.
    for secret in ("SECRET_KEY", "DATABASE_URL"):
        assert "${" in environment[secret]


def test_the_image_has_weasyprints_libraries_runs_gunicorn_and_not_as_root():
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, flags=re.MULTILINE)
    makefile = (ROOT / "Makefile").read_text()
    system_libs = re.search(r"APT_INSTALL,([^)]*)\)", makefile.split("system-libs:")[1])[1]
    assert all(package in DOCKERFILE for package in system_libs.split())
    users = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r'^CMD \["gunicorn", "kwaliteitslabel\.wsgi:application"', DOCKERFILE, re.M)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("gunicorn") for d in project["dependencies"])
