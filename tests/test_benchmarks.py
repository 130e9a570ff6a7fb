"""`make bench` runs every benchmark: one that cannot run here (no wrk, no PostgreSQL) says
why on one line and exits 0, a failure still exits non-zero (benchmarks/common.py `run`)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on leaving: nothing listens there


def bench(args: list[str], path: str, database: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path}
    env["DATABASE_URL_TEST"] = database or f"postgres://u:hush@127.0.0.1:{closed_port()}/x"
    return subprocess.run(
        [sys.executable, *args], cwd=BENCHMARKS, env=env, capture_output=True, text=True
    )


def test_the_load_test_without_wrk_is_skipped(tmp_path):
    done = bench(["bench_load.py"], str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "skipped: wrk is not installed (make bench installs it)\n"


def test_the_load_test_without_postgresql_is_skipped_without_the_password(tmp_path):
    wrk = tmp_path / "wrk"
    wrk.write_text("#!/bin/sh\nexit 0\n")
    wrk.chmod(0o755)
    port = closed_port()
    done = bench(["bench_load.py"], str(tmp_path), f"postgres://u:hush@127.0.0.1:{port}/x")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"skipped: PostgreSQL does not answer at 127.0.0.1:{port} (")
    assert done.stdout.count("\n") == 1 and "hush" not in done.stdout


@pytest.mark.parametrize(
    ("main", "code", "said"),
    [
        ("raise common.Skipped('no wrk')", 0, "skipped: no wrk\n"),
        ("print('measured')", 0, "measured\n"),
        ("raise RuntimeError('the server did not start')", 1, ""),
    ],
)
def test_only_a_skip_or_a_run_exits_zero(tmp_path, main, code, said):
    program = f"import common\ndef main():\n    {main}\ncommon.run(main)\n"
    done = bench(["-c", program], str(tmp_path))
    assert (done.returncode, done.stdout) == (code, said), done.stderr
