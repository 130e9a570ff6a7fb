"""What every benchmark starts with: Django on a throw-away SQLite database, and a timer."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
