"""Backup and restore of the database and the uploads (`manage.py backup` / `restore`).

A backup is one directory named after the moment it was made, holding:
  database.dump     PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore`)
  database.sqlite3  SQLite: a consistent copy made with SQLite's online backup
  uploads.tar.gz    MEDIA_ROOT, only when the settings name one and it exists
  manifest.json     what is in it, for `restore` to check before it changes anything
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
UPLOADS = "uploads.tar.gz"


def engine() -> str:
    """ "postgresql" or "sqlite": the two databases the platform runs on."""
    name = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if name not in {"postgresql", "sqlite3"}:
        raise CommandError(f"Back-up en herstel kennen de database ‘{name}’ niet.")
    return "sqlite" if name == "sqlite3" else "postgresql"


def libpq_env() -> dict[str, str]:
    """The connection from DATABASE_URL as libpq variables: no password on a command line."""
    db = settings.DATABASES["default"]
    pairs = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{k: str(v) for k, v in pairs.items() if v}}


def run(args: list[str]) -> str:
    """Runs a PostgreSQL client program; its own error message when it fails."""
    if shutil.which(args[0]) is None:
        raise CommandError(
            f"{args[0]} ontbreekt: installeer Debian's postgresql-client (zelfde hoofdversie "
            "als de server)."
        )
    done = subprocess.run(args, env=libpq_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandError(f"{args[0]} is mislukt:\n{done.stderr.strip()}")
    return done.stdout


def uploads_root() -> Path | None:
    """MEDIA_ROOT when the settings name one (Django's default is "": no uploads kept)."""
    root = getattr(settings, "MEDIA_ROOT", "")
    return Path(root) if root else None


def make_backup(parent: Path) -> Path:
    target = parent / f"kwaliteitslabel-{timezone.localtime():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True, exist_ok=False)
    # Password hashes and TOTP secrets are in the dump: only the owner may read it.
    target.chmod(0o700)
    kind = engine()
    if kind == "postgresql":
        run(["pg_dump", "--format=custom", f"--file={target / POSTGRES_DUMP}"])
        files = [POSTGRES_DUMP]
    else:
        name = settings.DATABASES["default"]["NAME"]
        with sqlite3.connect(name) as source, sqlite3.connect(target / SQLITE_COPY) as copy:
            source.backup(copy)
        files = [SQLITE_COPY]
    root = uploads_root()
    if root is not None and root.is_dir():
        with tarfile.open(target / UPLOADS, "w:gz") as archive:
            archive.add(root, arcname=".")
        files.append(UPLOADS)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "engine": kind,
        "database": str(settings.DATABASES["default"]["NAME"]),
        "tables": len(connection.introspection.table_names()),
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def read_manifest(backup: Path) -> dict:
    try:
        manifest = json.loads((backup / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"{backup} is geen back-up van `manage.py backup`: {error}") from None
    missing = [name for name in manifest["files"] if not (backup / name).is_file()]
    if missing:
        raise CommandError(f"De back-up {backup} is onvolledig: {', '.join(missing)} ontbreekt.")
    return manifest


def restore_backup(backup: Path, force: bool) -> list[str]:
    """Restores into the configured database; refuses, changing nothing, a non-empty one."""
    manifest = read_manifest(backup)
    kind = engine()
    if manifest["engine"] != kind:
        raise CommandError(
            f"De back-up is van een {manifest['engine']}-database; DATABASE_URL wijst naar "
            f"{kind}. Zet hem terug in hetzelfde soort database."
        )
    root = uploads_root()
    has_uploads = UPLOADS in manifest["files"]
    if has_uploads and root is None:
        raise CommandError("De back-up bevat uploads, maar MEDIA_ROOT is niet ingesteld.")
    tables = connection.introspection.table_names()
    name = settings.DATABASES["default"]["NAME"]
    if tables and not force:
        raise CommandError(
            f"De database ‘{name}’ is niet leeg ({len(tables)} tabellen). Zet de back-up terug "
            "in een lege database, of geef --force om alles daarin te vervangen."
        )
    if has_uploads and root.is_dir() and any(root.iterdir()) and not force:
        raise CommandError(
            f"De map voor uploads ({root}) is niet leeg. Geef --force om hem te vervangen."
        )
    connection.close()
    if kind == "postgresql":
        clean = ["--clean", "--if-exists"] if tables else []
        # One transaction: a failed restore leaves the database as it was.
        run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            + ["--single-transaction", *clean, f"--dbname={name}", str(backup / POSTGRES_DUMP)]
        )
    else:
        with sqlite3.connect(backup / SQLITE_COPY) as source, sqlite3.connect(name) as target:
            source.backup(target)
    restored = [f"database ‘{name}’"]
    if has_uploads:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        with tarfile.open(backup / UPLOADS) as archive:
            # "data": no absolute paths, links or paths outside MEDIA_ROOT from the archive.
            archive.extractall(root, filter="data")
        restored.append(f"uploads in {root}")
    return restored
