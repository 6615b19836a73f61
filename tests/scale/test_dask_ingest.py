"""``--engine dask`` on a real LocalCluster: the same rows as one process, resumable, nothing doubled.

Skipped when the ``dask`` extra is not installed (``pip install -e ".[dask]"``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from scale_samples import INPUTS, all_rows, assert_stored_like_one_process

from communique.scale.shards import MANIFEST, shard_root
from communique.settings import Settings

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.slow

# three JSON Lines lines to a partition, so the corpus makes several partitions
SMALL_PARTITIONS = Settings(workers=2, partition_items=3)


def test_two_workers_store_the_same_rows_as_one_process_and_a_rerun_adds_nothing(tmp_path, one_process_rows):
    from communique.scale import ingest_dask

    db_path = tmp_path / "dask.duckdb"
    summary = ingest_dask(INPUTS, db_path, SMALL_PARTITIONS)
    assert summary.partitions == summary.analysed >= 4
    rows = assert_stored_like_one_process(summary, db_path, one_process_rows)

    again = ingest_dask(INPUTS, db_path, SMALL_PARTITIONS)
    assert again.analysed == 0 and again.ingested == 0 and again.already_present == 10
    assert all_rows(db_path) == rows


def test_a_client_killed_mid_run_then_rerun_loses_nothing_and_doubles_nothing(tmp_path, one_process_rows):
    db_path = tmp_path / "killed.duckdb"
    # The child loads the first partition, says so, and then hangs in its second load: killed
    # there, with partitions loaded, others analysed but not loaded, maybe some not analysed.
    script = f"""
        import time
        from communique.scale import dask_runner
        from communique.settings import Settings

        real = dask_runner.load_partition
        loads = []

        def load_then_hang(*args, **kwargs):
            if loads:
                print("LOADED", flush=True)
                time.sleep(600)
            loads.append(1)
            return real(*args, **kwargs)

        if __name__ == "__main__":
            dask_runner.load_partition = load_then_hang
            dask_runner.ingest_dask({INPUTS!r}, {str(db_path)!r}, Settings(workers=1, partition_items=3))
    """
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = child.stdout.readline()  # type: ignore[union-attr]
    if line.strip() != "LOADED":
        child.kill()
        raise AssertionError(f"child ended before loading: {child.communicate()[1]}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]
    root = shard_root(db_path)
    written = {path.parent.name: path.stat().st_mtime_ns for path in root.glob(f"*/{MANIFEST}")}
    assert written  # the kill came mid-run: some partitions were done

    from communique.scale import ingest_dask

    time.sleep(0.01)  # a rewritten manifest would have a later modification time
    summary = ingest_dask(INPUTS, db_path, Settings(workers=1, partition_items=3))
    assert summary.analysed == summary.partitions - len(written)
    assert {name: (root / name / MANIFEST).stat().st_mtime_ns for name in written} == written
    rows = all_rows(db_path)
    for table, expected in one_process_rows.items():
        assert rows[table] == expected, table
