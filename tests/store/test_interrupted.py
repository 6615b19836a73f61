"""A writer killed with SIGKILL leaves a consistent database, and re-running completes it.

These tests run a real child process that writes articles and kill it mid-write, then reopen
the file (DuckDB replays its write-ahead log) and check that every stored article is complete
and no child row lost its article.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_samples import build_article

from communique.errors import StoreError
from communique.store import Database
from communique.store.schema import CHILD_TABLES

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def _articles(n: int):
    return [build_article(f" Item {i}.") for i in range(n)]


def _start(script: str, db_path: Path) -> subprocess.Popen:
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); DB = {str(db_path)!r}\n" + textwrap.dedent(script)
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(child: subprocess.Popen, line: str) -> None:
    for got in child.stdout:  # type: ignore[union-attr]
        if got.strip() == line:
            return
    child.wait()
    raise AssertionError(f"child ended before {line!r}: {child.stderr.read()}")  # type: ignore[union-attr]


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]


def _assert_consistent(db: Database, expected: dict[str, dict]) -> int:
    """Every stored article is one we wrote, complete; no orphan rows. Returns articles stored."""
    conn = db.connection
    for table in CHILD_TABLES:
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0, table
    ids = [row[0] for row in conn.execute("SELECT id FROM articles").fetchall()]
    for article_id in ids:
        assert db.get_article(article_id) == expected[article_id]
    return len(ids)


def test_kill_inside_a_transaction_loses_only_the_unfinished_batch(tmp_path):
    db_path = tmp_path / "killed.duckdb"
    child = _start(
        """
        import time
        from store_samples import build_article
        from communique.store import Database

        articles = [build_article(f" Item {i}.") for i in range(8)]
        db = Database(DB)
        db.add_many(articles[:3])
        real_insert = Database._insert

        def insert_then_hang(self, table, rows, upsert=None):
            real_insert(self, table, rows, upsert)
            if table == "events":  # articles, statements and events written, not committed
                print("inside", flush=True)
                time.sleep(120)

        Database._insert = insert_then_hang
        db.add_many(articles[3:])
        """,
        db_path,
    )
    try:
        _wait_for(child, "inside")
        # While the writer holds the file, a second writer gets a clear error, not a hang.
        with pytest.raises(StoreError, match=r"\[E204\].*killed\.duckdb"):
            Database(db_path, wait=0.2)
    finally:
        _kill(child)

    articles = _articles(8)
    expected = {a.id: a.to_dict() for a in articles}
    with Database(db_path) as db:
        assert _assert_consistent(db, expected) == 3
        assert db.add_many(articles) == [False] * 3 + [True] * 5
    with Database(db_path) as db:
        assert _assert_consistent(db, expected) == 8
        counts = db.counts()
    assert counts["articles"] == 8
    assert counts["statements"] == 16 and counts["events"] == 8 and counts["mentions"] == 16
    assert counts["actors"] == 2


def test_kill_during_a_stream_of_single_adds_then_rerun_completes(tmp_path):
    db_path = tmp_path / "stream.duckdb"
    total = 150
    child = _start(
        f"""
        from store_samples import build_article
        from communique.store import Database

        db = Database(DB)
        for i in range({total}):
            db.add(build_article(f" Item {{i}}."))
            print(i, flush=True)
        print("done", flush=True)
        """,
        db_path,
    )
    try:
        # Kill while it is busy writing: it adds articles back to back.
        _wait_for(child, "5")
    finally:
        _kill(child)

    articles = _articles(total)
    expected = {a.id: a.to_dict() for a in articles}
    with Database(db_path) as db:
        stored = _assert_consistent(db, expected)
        assert 6 <= stored < total
        results = db.add_many(articles)
        assert results.count(True) == total - stored and results.count(False) == stored
    with Database(db_path, read_only=True) as db:
        assert _assert_consistent(db, expected) == total
        assert db.counts()["statements"] == 2 * total
