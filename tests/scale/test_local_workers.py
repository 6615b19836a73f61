"""``--workers 2`` (local processes) stores exactly the rows one process stores.

The corpus is the scale tests' (texts, JSON Lines with a bad and a repeated line, a missing
path), cut into tasks of two articles and written two items a transaction, so results from
both workers and from several tasks meet in every batch the writer writes.
"""

from __future__ import annotations

import pytest
from scale_samples import INPUTS, assert_stored_like_one_process

from communique.pipeline import ingest_paths
from communique.settings import Settings

pytestmark = pytest.mark.slow


def test_two_worker_processes_store_the_same_rows_as_one_process(tmp_path, one_process_rows):
    db_path = tmp_path / "two.duckdb"
    summary = ingest_paths(INPUTS, db_path, Settings(workers=2, batch_size=2))
    assert_stored_like_one_process(summary, db_path, one_process_rows)
