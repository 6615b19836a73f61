"""Ctrl-C during a DuckDB write stops the ingest even when DuckDB swallowed it.

DuckDB checks for signals inside a query and reports one inside an Arrow scan as an
``InvalidInputException`` (a ``duckdb.Error``); the store took it for a bad row, retried the
batch article by article, and the ingest ran on to the end: exit 0 after Ctrl-C (seen as the
flaky process test in tests/pipeline/test_processes.py). Here DuckDB's conversion is replayed
deterministically: a real SIGINT is raised inside the first write and comes out as that error.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import duckdb
import pytest
from store_samples import build_article

from communique.interrupts import noticing_ctrl_c, stop_if_pressed
from communique.store import Database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGINT")


@pytest.fixture
def swallowing_first_write(monkeypatch):
    """The first ``Database._write`` gets a real SIGINT and reports it as DuckDB does in a scan."""
    real_write = Database._write
    calls = []

    def write(self, converted, sources):
        calls.append(len(converted))
        if len(calls) == 1:
            try:
                signal.raise_signal(signal.SIGINT)
            except KeyboardInterrupt:
                raise duckdb.InvalidInputException("Invalid Input Error: reading the schema of the stream") from None
        return real_write(self, converted, sources)

    monkeypatch.setattr(Database, "_write", write)
    return calls


def test_a_swallowed_ctrl_c_in_a_batch_write_stops_instead_of_retrying(tmp_path, swallowing_first_write):
    articles = [build_article(f" Item {i}.") for i in range(3)]
    with Database(tmp_path / "news.duckdb") as db:
        with noticing_ctrl_c(), pytest.raises(KeyboardInterrupt):
            db.add_many(articles)
        assert swallowing_first_write == [3]  # no article-by-article retry
        assert db.counts()["articles"] == 0


def test_a_swallowed_ctrl_c_stops_the_ingest(tmp_path, swallowing_first_write):
    from communique.pipeline import ingest_paths
    from communique.settings import Settings

    texts = tmp_path / "texts"
    texts.mkdir()
    for i in range(4):
        (texts / f"{i}.txt").write_text(f"Officials said on Monday that talks number {i} would resume.", "utf-8")
    db_path = tmp_path / "news.duckdb"
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([texts], db_path, Settings(batch_size=2))
    with Database(db_path, read_only=True) as db:
        assert db.counts()["articles"] == 0 and db.counts()["failures"] == 0


def test_outside_the_block_nothing_is_remembered_and_the_handler_is_back():
    before = signal.getsignal(signal.SIGINT)
    with noticing_ctrl_c():
        assert signal.getsignal(signal.SIGINT) is not before
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            stop_if_pressed()  # remembered after the first KeyboardInterrupt was caught
    assert signal.getsignal(signal.SIGINT) is before
    stop_if_pressed()  # forgotten once the block is left
