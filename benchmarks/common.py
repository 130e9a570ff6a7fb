"""What every benchmark starts with: Django on a throw-away SQLite database, and a timer;
a scratch PostgreSQL database for those that want one, and how a benchmark that cannot run
here says so without failing `make bench`."""

import os
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("DATABASE_URL_TEST", "postgres://postgres@127.0.0.1:5432/postgres")


class Skipped(Exception):
    """What the benchmark needs is not here (no PostgreSQL, no wrk): not a failure."""


def run(main, *args) -> None:
    """`main(*args)`; a `Skipped` is said on one line and exits 0, so `make bench` goes on.
    Anything else (a crash, a server that did not start) still exits non-zero."""
    try:
        main(*args)
    except Skipped as why:
        print(f"skipped: {why}")
    sys.exit(0)


def scratch_postgres(prefix: str) -> tuple[str, str]:
    """(url, name) of a new empty database on the server at DATABASE_URL_TEST; `Skipped` when
    no server answers there. A server that answers but refuses the database is a failure."""
    import psycopg

    place = urllib.parse.urlsplit(SERVER)
    where = f"{place.hostname}:{place.port or 5432}"  # the URL may hold a password
    try:
        conn = psycopg.connect(SERVER, connect_timeout=3, autocommit=True)
    except psycopg.OperationalError as problem:
        reason = (str(problem).strip().splitlines() or [problem.__class__.__name__])[0]
        raise Skipped(f"PostgreSQL does not answer at {where} ({reason.strip()})") from problem
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return SERVER.rsplit("/", 1)[0] + f"/{name}", name


def drop(name: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_django(database_url: str | None = None) -> None:
    """Django on `database_url`, or on a throw-away SQLite database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DEMO_PASSWORD", "bench-password-1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitslabel.settings")
    import django

    django.setup()


def timed(fn, repeat=5):
    """(median seconds, fastest seconds, the last result) over `repeat` runs."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def timed_ms(fn, repeat=20):
    """(median, fastest) in milliseconds."""
    median, fastest, _ = timed(fn, repeat)
    return median * 1000, fastest * 1000
