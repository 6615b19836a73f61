"""What ingest_paths writes: failures named once, failures cleared once the item is stored.

The reading and the analysis are replaced by canned items, so no spaCy is needed: these tests
are about the write path of the ingest loop.
"""

from __future__ import annotations

import pytest

from communique import pipeline
from communique.model import Article, Failure
from communique.settings import Settings
from communique.store import Database


@pytest.fixture
def feed(monkeypatch):
    """``feed(items)`` makes the next ingest read exactly ``items`` and analyze nothing."""
    queue: list[list[Article | Failure]] = []
    monkeypatch.setattr(pipeline, "read_items", lambda paths, settings: iter(queue.pop(0)))
    monkeypatch.setattr(pipeline, "analyze_items", lambda items, settings: iter(items))
    return queue.append


def _failures(db_path):
    with Database(db_path, read_only=True) as db:
        return db.connection.execute("SELECT source, code, status, reason FROM failures ORDER BY source").fetchall()


def test_a_store_failure_reason_does_not_repeat_the_source(tmp_path, feed):
    db_path = tmp_path / "news.duckdb"
    good = Article(text="The minister said talks would resume.", source="good.txt", published="2024-08-18")
    bad = Article(text="The minister said talks had failed.", source="dir/bad.txt", published="last Tuesday")
    feed([good, bad])
    summary = pipeline.ingest_paths(["in"], db_path, Settings())
    assert summary.ingested == 1 and [f.source for f in summary.failed] == ["dir/bad.txt"]
    [(source, code, status, reason)] = _failures(db_path)
    assert (source, code, status) == ("dir/bad.txt", "E202", "failed")
    assert reason.startswith("[E202] ") and "last Tuesday" in reason
    assert "bad.txt" not in reason  # the source column names the item


def test_a_failure_is_cleared_when_the_item_is_later_ingested(tmp_path, feed):
    db_path = tmp_path / "news.duckdb"
    article = Article(text="The minister said talks would resume.", source="a.txt", published="2024-08-18")
    feed([Failure("a.txt", "[E102] analysis failed (boom)", "E102"), Failure("b.txt", "[E002] file is empty", "E002")])
    assert len(pipeline.ingest_paths(["in"], db_path, Settings()).failed) == 2
    assert [row[0] for row in _failures(db_path)] == ["a.txt", "b.txt"]

    feed([article])  # the same item, fixed
    assert pipeline.ingest_paths(["in"], db_path, Settings()).ingested == 1
    assert [row[0] for row in _failures(db_path)] == ["b.txt"]


def test_a_stale_failure_of_an_already_stored_item_is_cleared(tmp_path, feed):
    db_path = tmp_path / "news.duckdb"
    article = Article(text="The minister said talks would resume.", source="a.txt", published="2024-08-18")
    feed([article])
    pipeline.ingest_paths(["in"], db_path, Settings())
    with Database(db_path) as db:  # recorded by some earlier run, say before a fix
        db.add_failure(Failure("a.txt", "[E102] analysis failed (boom)", "E102"))
    feed([article])
    summary = pipeline.ingest_paths(["in"], db_path, Settings())
    assert summary.already_present == 1 and summary.ingested == 0
    assert _failures(db_path) == []


def test_every_item_is_stored_once_across_many_batches(tmp_path, feed):
    db_path = tmp_path / "news.duckdb"
    articles = [Article(text=f"Officials said talks number {n} would resume.", source=f"{n}.txt") for n in range(23)]
    failures = [Failure(f"bad{n}.txt", "[E002] file is empty", "E002") for n in range(4)]
    feed(articles[:10] + failures + articles[5:])  # a repeat of five articles within one run
    outcomes: list[str] = []
    summary = pipeline.ingest_paths(
        ["in"], db_path, Settings(batch_size=4), on_item=lambda item, outcome: outcomes.append(outcome)
    )
    assert summary.ingested == 23 and summary.already_present == 5 and len(summary.failed) == 4
    assert sorted(outcomes) == sorted(["ingested"] * 23 + ["present"] * 5 + ["failed"] * 4)
    with Database(db_path, read_only=True) as db:
        assert db.counts()["articles"] == 23 and db.counts()["failures"] == 4
