"""The load test's shared cache and its warm-up (issue 11 item 5).

Production runs several app processes with one Redis (docs/operations.md), so the public
answers kept by `certificates.public_cache` are shared; the load test does the same, on a
Redis database of its own that it empties first. A verification's answer is kept for the
day once asked; `ask_each` asks every number once before the measurement, so the figures
are the steady state of a day on which each certificate was checked before — the cold
answer's cost is printed beside them."""

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

REDIS = "redis://127.0.0.1:6379/15"


def shared_cache() -> str | None:
    """The emptied Redis database for the test, or None when Redis does not answer."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
        client.flushdb()
    except Exception as problem:  # noqa: BLE001 - any failure means: no shared cache
        print(
            f"Redis does not answer at {REDIS} ({problem.__class__.__name__}); each worker "
            "keeps its own answers"
        )
        return None
    return REDIS


def ask_each(port: int, paths: list[str], workers: int = 4) -> tuple[float, int]:
    """Every path once, `workers` at a time; (requests per second, failures)."""

    def ask(path: str) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
                return 200 <= r.status < 300
        except OSError:
            return False

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        answers = list(pool.map(ask, paths))
    return len(paths) / (time.perf_counter() - start), answers.count(False)
