"""`make backup` / `make restore` (issue 11, item 7): the demo's database restored into an empty
one holds every certificate and report again; a database that is not empty is refused.

These run the commands as an operator would, in their own processes against scratch databases,
so the PostgreSQL one runs on both passes of the suite (the SQLite pass included).
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("DATABASE_URL", "")
if not SERVER.startswith("postgres"):
    SERVER = os.environ.get("DATABASE_URL_TEST", "postgres://postgres@127.0.0.1:5432/postgres")
# The server's maintenance database: the one named in the URL need not exist (pytest-django
# makes its test_ twin); the scratch databases are created from here.
SERVER = urlsplit(SERVER)._replace(path="/postgres").geturl()

# The commands' own settings, with the cheap password hasher the test suite uses too.
FAST_SETTINGS = """from kwaliteitslabel.settings import *  # noqa: F403
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = {media!r}
"""
LOAD_DEMO = (
    "import django; django.setup(); from django.core.management import call_command as c; "
    "c('migrate', verbosity=0); c('load_frameworks', verbosity=0); c('load_demo', verbosity=0)"
)

CERTIFICATES = """
    SELECT c.number, c.valid_from, c.valid_until, c.issued_at, m.name, b.name, f.version,
           array(SELECT w.worktype_id FROM certificates_certificate_work_types w
                 WHERE w.certificate_id = c.id ORDER BY 1)
    FROM certificates_certificate c JOIN members_member m ON m.id = c.member_id
    JOIN bodies_certificationbody b ON b.id = c.body_id
    JOIN frameworks_framework f ON f.id = c.framework_id ORDER BY c.number"""
REPORTS = """
    SELECT a.id, a.status, r.read_by, r.hours_on_site, r.hours_total, r.sketch, r.developments,
           r.course, r.previous_follow_up, r.strengths, r.improvement_points, r.next_audit,
           r.signed_place, r.signed_on
    FROM reports_report r JOIN audits_audit a ON a.id = r.audit_id ORDER BY a.id"""


def _server_answers() -> bool:
    try:
        psycopg.connect(SERVER, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


needs_postgres = pytest.mark.skipif(
    not _server_answers(), reason=f"PostgreSQL does not answer at {SERVER}"
)


def _url(name: str) -> str:
    return urlsplit(SERVER)._replace(path=f"/{name}").geturl()


@pytest.fixture
def scratch():
    """Two new databases, "a" and "b", dropped again whatever the test did."""
    names = {key: f"test_backup_{uuid.uuid4().hex[:10]}_{key}" for key in "ab"}
    with psycopg.connect(SERVER, autocommit=True) as admin:
        for name in names.values():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield names
        finally:
            for name in names.values():
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def _manage(tmp_path, database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "fast_settings",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "DEMO_PASSWORD": "demo-wachtwoord-backup",
    }
    command = [sys.executable, *(["-c", LOAD_DEMO] if args == ("demo",) else ["manage.py", *args])]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _read(url: str) -> dict:
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        counts = {
            t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()
            for (t,) in tables
        }
        # Sequences too: the next certificate or report after a restore gets a fresh id.
        sequences = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        return {
            "certificates": conn.execute(CERTIFICATES).fetchall(),
            "reports": conn.execute(REPORTS).fetchall(),
            "counts": counts,
            "sequences": sorted(sequences),
        }


@needs_postgres
def test_the_demo_restored_into_an_empty_database_has_every_certificate_and_report(
    scratch, tmp_path
):
    (tmp_path / "fast_settings.py").write_text(FAST_SETTINGS.format(media=""))
    a, b = _url(scratch["a"]), _url(scratch["b"])
    loaded = _manage(tmp_path, a, "demo")
    assert loaded.returncode == 0, loaded.stderr
    made = _manage(tmp_path, a, "backup", "--output", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    (backup,) = (tmp_path / "backups").iterdir()
    assert sorted(p.name for p in backup.iterdir()) == ["database.dump", "manifest.json"]

    restored = _manage(tmp_path, b, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    original, copy = _read(a), _read(b)
    assert len(original["certificates"]) == 5 and len(original["reports"]) == 2
    assert any(report[5] for report in original["reports"]), "a report with its texts"
    assert copy["certificates"] == original["certificates"]
    assert copy["reports"] == original["reports"]
    assert copy["counts"] == original["counts"] and copy["sequences"] == original["sequences"]

    # A second restore into the now full database is refused, and changes nothing.
    again = _manage(tmp_path, b, "restore", str(backup))
    assert again.returncode != 0
    assert "is niet leeg" in again.stderr and "--force" in again.stderr
    assert _read(b) == copy


def test_sqlite_and_uploads_are_backed_up_and_restored(tmp_path):
    """The demo's SQLite database and an uploads folder (MEDIA_ROOT) make one backup."""
    media = tmp_path / "media"
    (media / "bewijs").mkdir(parents=True)
    (media / "bewijs" / "verslag.pdf").write_bytes(b"%PDF-1.7 bewijsstuk")
    (tmp_path / "fast_settings.py").write_text(FAST_SETTINGS.format(media=str(media)))
    source = f"sqlite:///{tmp_path / 'bron.sqlite3'}"
    with sqlite3.connect(tmp_path / "bron.sqlite3") as db:
        db.execute("CREATE TABLE certificaat (nummer TEXT)")
        db.execute("INSERT INTO certificaat VALUES ('KSSW-2026-0007')")
    made = _manage(tmp_path, source, "backup", "--output", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    (backup,) = (tmp_path / "backups").iterdir()
    assert sorted(p.name for p in backup.iterdir()) == [
        "database.sqlite3",
        "manifest.json",
        "uploads.tar.gz",
    ]

    target = f"sqlite:///{tmp_path / 'doel.sqlite3'}"
    full = _manage(tmp_path, target, "restore", str(backup))
    assert full.returncode != 0 and "map voor uploads" in full.stderr
    (media / "bewijs" / "verslag.pdf").unlink()
    (media / "bewijs").rmdir()
    restored = _manage(tmp_path, target, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(tmp_path / "doel.sqlite3") as db:
        assert db.execute("SELECT nummer FROM certificaat").fetchall() == [("KSSW-2026-0007",)]
    assert (media / "bewijs" / "verslag.pdf").read_bytes() == b"%PDF-1.7 bewijsstuk"
