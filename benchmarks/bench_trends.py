"""Times the trend views over 10,000 generated audits of 49 verdicts each (issue 10), on
PostgreSQL when it answers at DATABASE_URL_TEST (a scratch database is made and dropped),
else on SQLite; prints the time per view (their query counts are pinned in tests/trends).

Run with `make bench` or `.venv/bin/python benchmarks/bench_trends.py [--audits N]`.
"""

import argparse
import sys
import time

from common import Skipped, drop, scratch_postgres, start_django, timed

AUDITS = 10_000


def scratch() -> tuple[str, str] | None:
    """A new empty PostgreSQL database, or None (SQLite instead) when none answers."""
    try:
        return scratch_postgres("bench_trends")
    except Skipped as why:
        print(f"{why}; SQLite instead")
        return None


def main(audits: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kwaliteitslabel.accounts.models import Role, RoleAssignment, User
    from kwaliteitslabel.trends import generator

    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    start = time.perf_counter()
    generator.generate(audits, seed=11)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(
        f"{connection.vendor}: generated {audits} audits x 49 verdicts in {time.perf_counter() - start:.1f} s"
    )
    user = User.objects.create_user(email="bench@example.nl", password="x", name="Bench")
    RoleAssignment.objects.create(user=user, role=Role.GOVERNANCE)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for title, url in (
        ("trends page, all years", "/trends/?normenkader=2019"),
        ("trends page, 2023-2024", "/trends/?normenkader=2019&van=2023&tot=2024"),
        ("trends page, 11-20 fte", "/trends/?normenkader=2019&omvang=11-20+fte"),
        ("trends CSV", "/trends/normen.csv?normenkader=2019"),
        ("trends Excel, 3 tabs", "/trends/normen.xlsx?normenkader=2019"),
        ("summary PDF", "/trends/samenvatting.pdf?normenkader=2019"),
        ("durations page", "/trends/doorlooptijden/?normenkader=2019"),
        ("self-check page", "/trends/zelfevaluatie/?normenkader=2019"),
        ("self-check CSV", "/trends/zelfevaluatie.csv?normenkader=2019"),
        ("points page", "/trends/punten/?normenkader=2019"),
        ("points page, search", "/trends/punten/?normenkader=2019&q=klachtenregeling"),
        ("points CSV", "/trends/punten.csv?normenkader=2019"),
    ):
        client.get(url)  # warm
        median, best, response = timed(lambda url=url: client.get(url), repeat=5)
        assert response.status_code == 200, (url, response.status_code)
        print(f"{title:26s} median {median * 1000:7.1f} ms, best {best * 1000:7.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=AUDITS)
    args = parser.parse_args()
    made = scratch()
    start_django(made[0] if made else None)
    try:
        main(args.audits)
    finally:
        if made:
            from django.db import connections

            connections.close_all()
            drop(made[1])
    sys.exit(0)
