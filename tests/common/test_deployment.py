"""The deployment files agree with the code and with each other.

`make image-test` builds the image and runs it (docker/journey.py), but only where Docker
runs; these read `Dockerfile`, `compose.yaml`, `docker/start` and `.dockerignore` and check
them against the settings, the Makefile and the management commands, in every `make test`,
so a renamed command or a new setting without documentation fails here first.
"""

import fnmatch
import re
import tomllib
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
START = (ROOT / "docker" / "start").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()
OPERATIONS = (ROOT / "docs" / "operations.md").read_text()
# Read by docker/start (gunicorn's port and workers), not by the settings.
GUNICORN_VARIABLES = {"PORT", "WEB_CONCURRENCY"}
PLATFORM = {"migrate": "migrate", "app": "web", "outbox": "outbox", "lifecycle": "lifecycle"}


def settings_variables() -> set[str]:
    source = (ROOT / "kwaliteitslabel" / "settings.py").read_text()
    return set(re.findall(r'(?:os\.environ\.get|env_bool)\(\s*"([A-Z_]+)"', source))


def sub_commands() -> dict[str, str]:
    """docker/start's `case` branches: sub-command -> its shell lines."""
    return dict(re.findall(r"^  ([a-z]+)\)\n(.*?)\n    ;;", START, flags=re.MULTILINE | re.DOTALL))


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


def test_compose_and_the_image_start_through_the_one_start_script():
    services = COMPOSE["services"]
    for service, sub_command in PLATFORM.items():
        assert services[service]["command"] == [sub_command]
        assert "entrypoint" not in services[service]
    assert set(PLATFORM.values()) <= set(sub_commands())
    copied = re.search(r"^COPY docker/start (\S+)$", DOCKERFILE, flags=re.MULTILINE)
    assert copied, "the image has docker/start"
    # tini first: it hands docker stop's SIGTERM on, also before Django has loaded.
    entrypoint = rf'^ENTRYPOINT \["/usr/bin/tini", "-e", "143", "--", "{re.escape(copied[1])}"\]$'
    assert re.search(entrypoint, DOCKERFILE, re.M)
    assert re.search(r'^CMD \["web"\]$', DOCKERFILE, flags=re.MULTILINE)
    assert (ROOT / "docker" / "start").stat().st_mode & 0o111, "executable"


def test_each_sub_command_execs_what_exists():
    commands = get_commands()
    branches = sub_commands()
    # exec: the process itself gets docker stop's SIGTERM, and its exit code is the container's.
    for sub_command, command in [("outbox", "send_outbox"), ("lifecycle", "run_lifecycle")]:
        assert f"exec python manage.py {command} --loop" in branches[sub_command]
        assert command in commands
    migrate = branches["migrate"]
    assert "python manage.py migrate --noinput" in migrate
    assert "exec python manage.py load_frameworks" in migrate
    assert "load_frameworks" in commands
    web = " ".join(branches["web"].split())
    assert "exec gunicorn kwaliteitslabel.wsgi:application" in web
    assert '--bind "0.0.0.0:${PORT:-8000}"' in web
    assert '--workers "${WEB_CONCURRENCY:-2}"' in web
    assert "--access-logfile -" in web
    assert (ROOT / "kwaliteitslabel" / "wsgi.py").exists()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("gunicorn") for d in project["dependencies"])


def test_compose_sets_only_variables_something_reads():
    environment = COMPOSE["services"]["app"]["environment"]
    assert set(environment) - settings_variables() - GUNICORN_VARIABLES == set()
    assert environment["DJANGO_ENV"] == "production"
    # Secrets are never in the file, only required from the environment.
    for secret in ("SECRET_KEY", "DATABASE_URL"):
        assert "${" in environment[secret]


def test_the_image_is_debian_with_weasyprints_libraries_and_not_root():
    assert re.search(r"^ARG BASE=debian:bookworm-slim$", DOCKERFILE, flags=re.MULTILINE)
    assert re.search(r"^FROM \$\{BASE\}", DOCKERFILE, flags=re.MULTILINE)
    # Every stage grows from the base: no other image is needed to build it.
    for image in re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.MULTILINE):
        assert image == "${BASE}" or image in re.findall(r" AS (\S+)$", DOCKERFILE, re.M)
    packages = " ".join(re.findall(r"apt-get install[^&]*", DOCKERFILE))
    system_libs = re.search(r"APT_INSTALL,([^)]*)\)", MAKEFILE.split("system-libs:")[1])[1]
    for package in [*system_libs.split(), "python3", "python3-venv", "ca-certificates", "tini"]:
        assert re.search(rf"(?<![\w-]){re.escape(package)}(?![\w-])", packages), package
    assert "python3 -m venv /opt/venv" in DOCKERFILE
    users = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"useradd .*--uid 1000 ", DOCKERFILE.replace("\\\n", " "))
    assert "/gezond/" in re.search(r"^HEALTHCHECK .*?\n.*$", DOCKERFILE, flags=re.M)[0]
    # Only the throwaway key of collectstatic: the running container's comes from outside.
    assert re.findall(r"SECRET_KEY=(\S+)", DOCKERFILE) == ["collectstatic-only-not-secret"]


def test_the_build_context_has_what_the_image_copies_and_not_the_rest():
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def is_ignored(path: str) -> bool:
        parts = Path(path).parts
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        return any(
            fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
            or fnmatch.fnmatch(Path(prefix).name, pattern.removeprefix("**/"))
            for prefix in prefixes
            for pattern in ignored
        )

    sources = [
        source
        for line in re.findall(r"^COPY (?!--from)(.+)$", DOCKERFILE, flags=re.MULTILINE)
        for source in line.split()[:-1]
    ]
    assert sources and not [s for s in sources if is_ignored(s)]
    for kept_out in (".git", ".venv", "var", "node_modules", "tests/e2e/node_modules", ".env"):
        assert is_ignored(kept_out), kept_out


def test_make_image_test_runs_the_journey_outside_pytests_collection():
    assert re.search(r"^\.PHONY:.*\bimage-test\b", MAKEFILE, flags=re.MULTILINE)
    recipe = MAKEFILE.split("\nimage-test:")[1]
    assert "docker/journey.py" in recipe and "--network host" in recipe
    assert (ROOT / "docker" / "journey.py").exists()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make image-test" in ci
