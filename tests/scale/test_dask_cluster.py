"""``--scheduler`` on a cluster started the way users start one (``dask scheduler`` and two
``dask worker`` processes), and a worker killed mid-partition: the same rows as one process.

Skipped when the ``dask`` extra is not installed (``pip install -e ".[dask]"``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from scale_samples import INPUTS, all_rows

from communique.settings import Settings

distributed = pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.slow

START_TIMEOUT_S = 120


def _dask_command() -> list[str]:
    """The ``dask`` command of this environment (next to its python)."""
    beside = Path(sys.executable).with_name("dask")
    return [str(beside)] if beside.exists() else [shutil.which("dask") or "dask"]


@pytest.fixture()
def cluster(tmp_path):
    """A scheduler and two single-threaded workers (each with its nanny), as separate processes
    started by the ``dask`` command; yields the scheduler's address."""
    scheduler_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen(
            [*_dask_command(), "scheduler", "--scheduler-file", str(scheduler_file), "--port", "0",
             "--no-dashboard"], **quiet,
        )
    ]
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not scheduler_file.exists():
            assert time.monotonic() < deadline, "dask scheduler did not start"
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give the writer its close
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(
                subprocess.Popen(
                    [*_dask_command(), "worker", address, "--nthreads", "1", "--no-dashboard"], **quiet
                )
            )
        with distributed.Client(address, timeout=START_TIMEOUT_S) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
        yield address
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_an_external_scheduler_with_two_dask_workers_stores_the_same_rows(tmp_path, cluster, one_process_rows):
    from communique.scale import ingest_dask

    db_path = tmp_path / "external.duckdb"
    summary = ingest_dask(INPUTS, db_path, Settings(workers=2, partition_items=3), scheduler=cluster)
    assert summary.partitions == summary.analysed >= 4
    assert not [f for f in summary.failed if f.code == "E123"]
    rows = all_rows(db_path)
    for table, expected in one_process_rows.items():
        assert rows[table] == expected, table


def test_a_worker_killed_mid_partition_has_its_partition_run_again(tmp_path, cluster, one_process_rows):
    """SIGKILL the worker process that is running a partition; its nanny starts a new one and
    the scheduler runs the partition again: nothing lost, nothing doubled, no E123."""
    from communique.scale import ingest_dask

    db_path = tmp_path / "worker-killed.duckdb"
    outcome: dict[str, object] = {}

    def ingest() -> None:
        try:
            outcome["summary"] = ingest_dask(INPUTS, db_path, Settings(workers=2, partition_items=3), scheduler=cluster)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            outcome["error"] = exc

    runner = threading.Thread(target=ingest)
    killed = None
    with distributed.Client(cluster, timeout=START_TIMEOUT_S) as client:
        runner.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while killed is None and runner.is_alive():
            assert time.monotonic() < deadline, "no partition ever ran on a worker"
            running = {
                worker: tasks
                for worker, tasks in client.processing().items()
                if any(str(task).startswith("communique-") for task in tasks)
            }
            if running:
                worker = sorted(running)[0]
                pid = client.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)
                killed = worker
            else:
                time.sleep(0.05)
    runner.join(timeout=600)
    assert not runner.is_alive()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    assert killed is not None, "the ingest ended before a worker could be killed"
    summary = outcome["summary"]
    assert summary.partitions == summary.analysed >= 4  # type: ignore[attr-defined]
    assert not [f for f in summary.failed if f.code == "E123"]  # type: ignore[attr-defined]
    rows = all_rows(db_path)
    for table, expected in one_process_rows.items():
        assert rows[table] == expected, table
