"""A real ``communique ingest`` in a child process: readers get in during it, and its worker
processes never outlive it (SIGKILL of the parent, Ctrl-C to the process group).

These start the CLI as a user would, on short texts written to tmp_path. Waits are bounded
polls (a minute at most), never assertions about how long something took.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli.main import app
from communique.errors import StoreError
from communique.store import Database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc"),
]

BOUND_S = 60.0
TEXT = (
    "Talks number {n} to resume\n\n"
    "The foreign minister said on Monday that talks number {n} would resume in Geneva next week. "
    "Officials in Kyiv denied it, a spokesman told reporters.\n"
)


def _texts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:04d}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    return folder


def _start_ingest(texts: Path, db_path: Path, stderr: Path, *extra: str, **popen) -> subprocess.Popen:
    script = Path(sys.executable).with_name("communique")
    from_module = [sys.executable, "-c", "from communique.cli.main import main; main()"]
    command = [str(script)] if script.exists() else from_module
    command += ["ingest", str(texts), "--db", str(db_path), "--published", "2024-08-18", *extra]
    with open(stderr, "w", encoding="utf-8") as err:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, **popen)


def _poll(condition: Callable[[], object], what: str) -> object:
    deadline = time.monotonic() + BOUND_S
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up after {BOUND_S:g} s waiting for {what}")


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a live process, or None when it is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return (int(fields[1]), fields[0]) if fields[0] != "Z" else None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _helpers(parent: int) -> dict[int, str]:
    """The multiprocessing children of ``parent`` (workers and the resource tracker)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[0] == parent:
            if "multiprocessing" in (cmdline := _cmdline(int(entry.name))):
                found[int(entry.name)] = cmdline
    return found


def _alive(helpers: dict[int, str]) -> list[int]:
    # A pid counts while it is alive and still runs the same command (pids can be reused).
    return [pid for pid, cmdline in helpers.items() if _stat(pid) and _cmdline(pid) == cmdline]


def _articles_committed(db_path: Path) -> int:
    try:
        with Database(db_path, read_only=True, wait=0) as db:
            return db.counts()["articles"]
    except StoreError:
        return 0


def _workers_up(child: subprocess.Popen, db_path: Path, *, busy: bool) -> dict[int, str]:
    """Wait until two workers exist (and, if ``busy``, a batch they analyzed is committed);
    returns the multiprocessing helpers of the ingest: the workers and the resource tracker."""

    def ready() -> dict[int, str] | None:
        assert child.poll() is None, "the ingest ended before its workers were seen"
        helpers = _helpers(child.pid)
        workers = [pid for pid, cmdline in helpers.items() if "spawn_main" in cmdline]
        return helpers if len(workers) == 2 and (not busy or _articles_committed(db_path)) else None

    return _poll(ready, "two workers")  # type: ignore[return-value]


def test_queries_succeed_during_an_ingest_and_see_what_is_committed(tmp_path):
    total = 300
    db_path = tmp_path / "news.duckdb"
    child = _start_ingest(_texts(tmp_path / "texts", total), db_path, tmp_path / "ingest.err")
    runner = CliRunner()
    counts: list[int] = []
    during = 0
    try:
        # The file exists once the ingest has created its tables (it holds the lock until then).
        _poll(lambda: db_path.exists() or child.poll() is not None, "the database file")
        while child.poll() is None:
            result = runner.invoke(
                app, ["query", "articles", "--db", str(db_path), "--format", "json", "--limit", "100000"]
            )
            assert result.exit_code == 0, result.stderr
            ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()]
            assert len(ids) == len(set(ids))
            counts.append(len(ids))
            during += child.poll() is None
            time.sleep(0.2)
        assert child.wait() == 0, (tmp_path / "ingest.err").read_text()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # Readers were let in while the ingest ran, each saw a committed state, never going back.
    assert during >= 1
    assert counts == sorted(counts)
    with Database(db_path, read_only=True) as db:
        counted = db.connection.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT source) FROM articles")
        assert counted.fetchone() == (total, total, total)
        assert db.counts()["failures"] == 0


def test_workers_exit_when_the_ingest_is_killed(tmp_path):
    db_path = tmp_path / "news.duckdb"
    child = _start_ingest(_texts(tmp_path / "texts", 600), db_path, tmp_path / "ingest.err", "--workers", "2")
    try:
        helpers = _workers_up(child, db_path, busy=True)
        assert any("resource_tracker" in cmdline for cmdline in helpers.values())
    finally:
        child.kill()  # SIGKILL: the parent gets no chance to clean up
        child.wait()
    assert child.returncode == -signal.SIGKILL
    _poll(lambda: not _alive(helpers), "the workers and the resource tracker to exit")


@pytest.mark.parametrize("busy", [False, True], ids=["starting", "analyzing"])
def test_ctrl_c_stops_the_workers_without_their_tracebacks(tmp_path, busy):
    db_path = tmp_path / "news.duckdb"
    stderr = tmp_path / "ingest.err"
    # A session of its own: Ctrl-C in a terminal signals the whole foreground process group.
    # enough texts that the ingest cannot be over before the signal, however slow the poll on a busy machine
    child = _start_ingest(_texts(tmp_path / "texts", 3000), db_path, stderr, "--workers", "2", start_new_session=True)
    try:
        # Starting: the workers are still importing spaCy; analyzing: a batch is committed.
        helpers = _workers_up(child, db_path, busy=busy)
        os.killpg(child.pid, signal.SIGINT)
        child.wait(timeout=BOUND_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    message = stderr.read_text(encoding="utf-8")
    assert child.returncode not in (0, -signal.SIGKILL), (child.returncode, message[-2000:])
    assert "Traceback" not in message and "KeyboardInterrupt" not in message, message
    _poll(lambda: not _alive(helpers), "the workers and the resource tracker to exit")
    # What was committed before the interrupt is intact (a re-run completes it).
    with Database(db_path, read_only=True) as db:
        assert db.counts()["articles"] < 3000
