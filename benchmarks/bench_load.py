"""Load test (issue 11 item 5): gunicorn with 2 sync workers on loopback, production
settings, a scratch PostgreSQL database with 10,000 members and 10,000 certificates, driven
by wrk; per target requests per second, p50/p95/p99 latency, errors and the ratio to a bare
Django view measured in the same run. Target: the register and the verification at least
half the bare view's rate, zero errors. Prints PASS/FAIL. Without PostgreSQL at
DATABASE_URL_TEST or without wrk it prints "skipped: <why>" and exits 0; it exits non-zero
when it fails (the server did not start, wrk gave no figures, a crash).

Run with `make bench` or `.venv/bin/python benchmarks/bench_load.py [--seconds 10]`.
"""

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import load_cache
from common import ROOT, Skipped, drop, run, scratch_postgres, start_django

HERE = Path(__file__).resolve().parent
MEMBERS = 10_000
# The secret both this process (which makes the session) and gunicorn use: a session names
# a hash of the user's password keyed with it.
SECRET = secrets.token_urlsafe(50)


class Failed(Exception):
    """The test could not be carried out although all it needs is here."""


def prepare(members: int) -> tuple[list[str], list[str], str, str]:
    """The data; returns the certificate numbers, the towns, the findings page and the
    session cookie of that audit's lead auditor."""
    import load_data
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client

    from kwaliteitslabel.audits.models import Audit, TeamMember

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)  # bodies, work types, audits with findings
    numbers = load_data.generate(members)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    audit = (
        Audit.objects.annotate(recorded=Count("findings", filter=~Q(findings__text="")))
        .filter(recorded__gt=0)
        .order_by("-recorded", "pk")
        .first()
    )
    lead = audit.team.get(role=TeamMember.Role.LEAD).user
    client = Client()
    client.force_login(lead)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    print(
        f"generated {len(numbers)} members and certificates in {time.perf_counter() - start:.0f} s;"
        f" findings page of audit {audit.pk} ({audit.recorded} findings) as {lead.email}"
    )
    connection.close()
    return numbers, sorted(load_data.TOWNS), f"/toetsingen/{audit.pk}/bevindingen/", cookie


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database_url: str, port: int, log, cache_url: str | None) -> subprocess.Popen:
    """gunicorn as the Dockerfile runs it (sync workers), with production settings."""
    env = {
        **({"REDIS_URL": cache_url} if cache_url else {}),
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "SECRET_KEY": SECRET,
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",  # as compose.yaml
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain http on loopback; no proxy in front
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "kwaliteitslabel.wsgi:application",
        *("--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"),
        *("--chdir", str(ROOT), "--pythonpath", str(HERE), "--log-level", "warning"),
    ]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.3)
    server.terminate()
    raise Failed("gunicorn did not start")


def wrk(port: int, paths: list[str], seconds: int, connections: int, cookie: str = "") -> dict:
    """One wrk run over `paths` drawn at random; the figures of load.lua's done()."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("\n".join(paths) + "\n")
        listing.flush()
        command = [
            "wrk",
            *("-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"),
            *("-s", str(HERE / "load.lua"), f"http://127.0.0.1:{port}", "--", listing.name),
            *([cookie] if cookie else []),
        ]
        out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    line = next((x for x in out.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise Failed(f"wrk gave no figures:\n{out}")
    figures = {k: int(v) for k, v in (pair.split("=") for pair in line.split()[1:])}
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("not_2xx", "connect", "read", "write", "timeout"))
    return figures


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def measure(port, targets, seconds: int, warmup: int, connections: int) -> dict[str, dict]:
    results = {}
    for title, paths, cookie in targets:
        wrk(port, paths, warmup, connections, cookie)  # warm: connections, caches, plans
        results[title] = wrk(port, paths, seconds, connections, cookie)
        r = results[title]
        print(
            f"  {title:34s} {r['rps']:8.1f}/s  p50 {r['p50_us'] / 1000:6.1f}  "
            f"p95 {r['p95_us'] / 1000:6.1f}  p99 {r['p99_us'] / 1000:6.1f} ms  "
            f"errors {r['errors']}  ({load()})",
            flush=True,
        )
    return results


def report(results: dict[str, dict], checked: tuple[str, ...]) -> None:
    # The bare view runs first and last; its mean rate is the yardstick for all targets.
    bare = (results["bare view (first)"]["rps"] + results["bare view (last)"]["rps"]) / 2
    print(
        f"\n{'target':34s} {'req/s':>8s} {'p50 ms':>7s} {'p95 ms':>7s} {'p99 ms':>7s}"
        f" {'errors':>6s} {'x bare':>7s}"
    )
    for title, r in results.items():
        print(
            f"{title:34s} {r['rps']:8.1f} {r['p50_us'] / 1000:7.1f} {r['p95_us'] / 1000:7.1f}"
            f" {r['p99_us'] / 1000:7.1f} {r['errors']:6d} {r['rps'] / bare:7.2f}"
        )
    print()
    for title, r in results.items():
        if title in checked:
            verdict = "PASS" if r["rps"] >= bare / 2 else "FAIL"
            print(
                f"{verdict} {title}: {r['rps'] / bare:.2f} x the bare view's rate (target >= 0.5)"
            )
        verdict = "PASS" if r["errors"] == 0 else "FAIL"
        print(f"{verdict} {title}: {r['errors']} errors (target 0; {r['not_2xx']} not 2xx)")


def main(args) -> None:
    if shutil.which("wrk") is None:
        raise Skipped("wrk is not installed (make bench installs it)")
    database_url, name = scratch_postgres("bench_load")
    os.environ["SECRET_KEY"] = SECRET
    start_django(database_url)
    with tempfile.TemporaryFile("w+") as log:
        try:
            measure_all(args, database_url, log)
        finally:
            from django.db import connections

            connections.close_all()
            drop(name)


def measure_all(args, database_url: str, log) -> None:
    numbers, towns, findings, cookie = prepare(args.members)
    port = free_port()
    server = serve(database_url, port, log, load_cache.shared_cache())
    try:
        register = [f"/register/?{urllib.parse.urlencode({'q': town})}" for town in towns]
        targets = [
            ("bare view (first)", ["/bench/bare/"], ""),
            ("register search /register/?q=<town>", register, ""),
            ("API verification", [f"/api/v1/certificates/{n}" for n in numbers], ""),
            ("verification page /c/<number>/", [f"/c/{n}/" for n in numbers], ""),
            ("findings page (lead auditor)", [findings], cookie),
            ("bare view (last)", ["/bench/bare/"], ""),
        ]
        print(
            f"gunicorn, 2 sync workers, production settings; wrk, 1 thread, "
            f"{args.connections} connections, {args.seconds} s per target after "
            f"{args.warmup} s warm-up; {os.cpu_count()} CPUs, {load()}"
        )
        asked = [p for t in targets if "verification" in t[0] for p in t[1]]
        rate, failed = load_cache.ask_each(port, asked)
        print(
            f"  each verification asked once first: {len(asked)} answers made at "
            f"{rate:.0f}/s (the cold answer's rate), {failed} failed"
        )
        results = measure(port, targets, args.seconds, args.warmup, args.connections)
        report(results, checked=tuple(t[0] for t in targets[1:4]))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        if problems := log.read().strip():
            print(f"gunicorn said:\n{problems[-3000:]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=MEMBERS)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    try:
        run(main, parser.parse_args())
    except Failed as problem:
        print(f"load test failed: {problem}")
        sys.exit(1)
