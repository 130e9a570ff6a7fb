"""send_outbox and run_lifecycle killed in the middle and run again: nothing is lost and
nothing happens twice (issue 11 item 6; docs/decisions.md "Outbox delivery").

Each command runs as its own process (`manage.py`), as the worker does, against this test's
database, and is killed with SIGKILL: no clean-up code runs.
"""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend

from kwaliteitslabel.audits.models import AuditDay, DeadlineNotice, TeamMember
from kwaliteitslabel.certificates.models import Certificate, CertificateEvent
from kwaliteitslabel.common.models import OutboxMessage
from kwaliteitslabel.frameworks.models import Framework
from tests.audits.helpers import make_audit

ROOT = Path(__file__).resolve().parents[2]
# Each test's process needs committed rows; afterwards the tables are emptied and what the
# migrations seeded (the work types) comes back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class SharedDatabase:
    """This test's database as other processes and threads reach it.

    PostgreSQL: the test database itself. SQLite: pytest's test database lives in memory,
    which another process cannot open and where a second writer is refused at once ("table
    is locked") instead of waiting as on a file, so a file copy (WAL, BEGIN IMMEDIATE as in
    settings), copied back into memory at the end for the assertions."""

    def __init__(self, folder: Path):
        self.settings = dict(connection.settings_dict)
        self.path = folder / "shared.sqlite3" if connection.vendor == "sqlite" else None
        if self.path is None:
            s = self.settings
            login = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
            self.url = f"postgres://{login}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
        else:
            self.url = f"sqlite:///{self.path}"
            self.settings["NAME"] = str(self.path)

    def __enter__(self):
        if self.path is not None:
            connection.ensure_connection()
            with closing(sqlite3.connect(self.path)) as file:
                connection.connection.backup(file)
        return self

    def __exit__(self, *exc):
        if self.path is not None:
            with closing(sqlite3.connect(self.path)) as file:
                file.backup(connection.connection)

    def use_in_this_thread(self) -> None:
        """Point the calling thread's database connection here (a new one, its own)."""
        if self.path is not None:
            wrapper = load_backend(self.settings["ENGINE"]).DatabaseWrapper(self.settings)
            connections["default"] = wrapper

    def count(self, model, **filters) -> int:
        """Committed rows, read while another process writes."""
        if self.path is None:
            return model.objects.filter(**filters).count()
        where = " AND ".join(f"{k} IS ?" for k in filters) or "1"  # IS: also NULL
        with closing(sqlite3.connect(self.path)) as db:
            sql = f"SELECT COUNT(*) FROM {model._meta.db_table} WHERE {where}"  # noqa: S608
            return db.execute(sql, list(filters.values())).fetchone()[0]


def manage(database: SharedDatabase, *args, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database.url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out


def kill_when(process: subprocess.Popen, ready, timeout=30) -> None:
    """SIGKILL the process as soon as `ready()` holds; it must still be running then."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"ended before the kill: {process.communicate()}"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


# --- send_outbox ---------------------------------------------------------------------------


class RecordingBackend(BaseEmailBackend):
    """A mail server in a file: one line per message it accepted. With RELIABILITY_PAUSE_AT=n
    it hangs before accepting the n-th, as a slow server does, so the test can kill the run
    while that message is in flight (after the earlier ones were accepted and marked sent)."""

    def send_messages(self, email_messages):
        log = Path(os.environ["RELIABILITY_MAIL_LOG"])
        pause_at = int(os.environ.get("RELIABILITY_PAUSE_AT", "0"))
        for message in email_messages:
            accepted = len(log.read_text().splitlines()) if log.exists() else 0
            if accepted + 1 == pause_at:
                log.with_suffix(".paused").touch()
                time.sleep(60)
            with log.open("a") as f:
                f.write(message.subject + "\n")
        return len(email_messages)


def queued(count: int, tmp_path) -> tuple[list[str], Path, dict]:
    """`count` waiting messages, the log the recording backend writes, and its environment."""
    subjects = [f"Bericht {n:02d}" for n in range(count)]
    OutboxMessage.objects.bulk_create(
        OutboxMessage(sender="van@example.nl", to="aan@example.nl", subject=s, body="Tekst")
        for s in subjects
    )
    log = tmp_path / "accepted.log"
    env = {
        "OUTBOX_DELIVERY_BACKEND": f"{__name__}.RecordingBackend",
        "RELIABILITY_MAIL_LOG": str(log),
    }
    return subjects, log, env


def test_send_outbox_killed_in_the_middle_sends_every_message_exactly_once(tmp_path):
    subjects, log, env = queued(30, tmp_path)
    with SharedDatabase(tmp_path) as database:
        first = manage(database, "send_outbox", RELIABILITY_PAUSE_AT="11", **env)
        kill_when(first, log.with_suffix(".paused").exists)
        assert len(log.read_text().splitlines()) == 10
        # The ten accepted are marked; the one in flight waits again, its lock gone with the
        # process (PostgreSQL rolls back a dead client's transaction; SQLite its journal).
        assert database.count(OutboxMessage, sent_at=None) == 20
        out = finish(manage(database, "send_outbox", **env))
    assert "verstuurd: 20, mislukt: 0" in out
    assert sorted(log.read_text().splitlines()) == subjects
    assert not OutboxMessage.objects.filter(sent_at=None).exists()


def test_two_send_outbox_runs_at_once_send_each_message_once(tmp_path):
    subjects, log, env = queued(40, tmp_path)
    with SharedDatabase(tmp_path) as database:
        twins = [manage(database, "send_outbox", **env) for _ in range(2)]
        outs = [finish(twin) for twin in twins]
    assert sorted(log.read_text().splitlines()) == subjects
    sent = [int(out.split("verstuurd: ")[1].split(",")[0]) for out in outs]
    assert sum(sent) == 40


@pytest.mark.parametrize("command", ["send_outbox", "run_lifecycle"])
def test_a_worker_stops_on_sigterm_between_rounds_and_says_so(tmp_path, command):
    """docker stop sends SIGTERM: the loop ends at once, exit 0, and its log says why."""
    with SharedDatabase(tmp_path) as database:
        worker = manage(database, command, "--loop", "--interval", "600")
        first = worker.stdout.readline()  # the first round is done
        assert first.startswith(("verstuurd:", "termijnberichten:")), worker.stderr.read()
        worker.send_signal(signal.SIGTERM)
        out = finish(worker)
    assert out.splitlines()[-1] == "gestopt (SIGTERM)"


# --- run_lifecycle -------------------------------------------------------------------------

DAY = datetime.date(2026, 12, 15)
CERTIFICATES = 80


@pytest.fixture
def due_today(world):
    """On DAY: 80 certificates (2025-03-01 to 2027-03-01) due a re-audit reminder, and five
    audits whose concept report is overdue (last day 2026-11-02; Bijlage 6 stap 6)."""
    call_command("load_frameworks", verbosity=0)  # an earlier transactional test emptied it
    framework = Framework.objects.get(version="2019")
    Certificate.objects.bulk_create(
        Certificate(
            number=f"KSSW-2025-{n:04d}",
            member=world.member_a,
            body=world.body_x,
            framework=framework,
            valid_from=datetime.date(2025, 3, 1),
            valid_until=datetime.date(2027, 3, 1),
        )
        for n in range(1, CERTIFICATES + 1)
    )
    for _ in range(5):
        audit = make_audit(world, status="findings_closed")
        AuditDay.objects.create(audit=audit, date=datetime.date(2026, 11, 2))
        TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")


def test_run_lifecycle_killed_in_the_middle_does_every_event_once(tmp_path, due_today):
    with SharedDatabase(tmp_path) as database:
        first = manage(database, "run_lifecycle", "--date", DAY.isoformat())
        kill_when(first, lambda: database.count(CertificateEvent) >= 10)
        done = database.count(CertificateEvent)
        assert done < CERTIFICATES, "the kill came after the round had finished"
        # Each event was written with its e-mail, in one transaction: none without the other.
        assert database.count(OutboxMessage) == 5 + done
        out = finish(manage(database, "run_lifecycle", "--date", DAY.isoformat()))
    # The restart does what was left: the audits' notices had all gone before the kill.
    assert (
        "termijnberichten: 0" in out and f"certificaatgebeurtenissen: {CERTIFICATES - done}" in out
    )
    assert DeadlineNotice.objects.filter(kind="overdue").count() == 5
    events = CertificateEvent.objects.all()
    assert sorted(e.certificate.number for e in events) == sorted(
        Certificate.objects.values_list("number", flat=True)
    )
    assert {(e.kind, e.step) for e in events} == {("reminded", "3")}
    assert OutboxMessage.objects.count() == 5 + CERTIFICATES
    reminders = OutboxMessage.objects.filter(subject__startswith="Herinnering: plan")
    assert reminders.values("subject").distinct().count() == CERTIFICATES
