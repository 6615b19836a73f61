"""Opening waits for another process's lock for a bounded time, then gives a clear error.

DuckDB lets one process write a file or several read it, not both; these tests hold the file
in a real child process, as a running ingest or a query would.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from store_samples import build_article

from communique.errors import Code, StoreError
from communique.store import Database

HERE = Path(__file__).resolve().parent


class Holder:
    """A child process that opens the database and keeps it open until told to close it."""

    def __init__(self, db_path: Path, *, read_only: bool) -> None:
        code = textwrap.dedent(
            f"""
            import sys
            from communique.store import Database
            db = Database({str(db_path)!r}, read_only={read_only!r})
            print("open", flush=True)
            sys.stdin.readline()
            db.close()
            """
        )
        self.child = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.child.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "open", self.child.stderr.read()  # type: ignore[union-attr]

    def release(self) -> None:
        self.child.stdin.write("\n")  # type: ignore[union-attr]
        self.child.stdin.flush()  # type: ignore[union-attr]

    def __enter__(self) -> Holder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.child.poll() is None:
            self.release()
        self.child.communicate(timeout=60)


@pytest.fixture
def stored_db(db_path, article):
    with Database(db_path) as db:
        db.add(article)
    return db_path


def test_a_reader_waits_for_the_writer_then_sees_what_it_committed(stored_db, article):
    with Holder(stored_db, read_only=False) as writer:
        threading.Timer(0.5, writer.release).start()
        # Opened while the writer still holds the file: it waits (the bound is a minute) and gets in.
        with Database(stored_db, read_only=True) as db:
            assert db.get_article(article.id) == article.to_dict()


def test_a_writer_waits_for_a_reader_to_finish(stored_db):
    with Holder(stored_db, read_only=True) as reader:
        threading.Timer(0.5, reader.release).start()
        with Database(stored_db) as db:
            assert db.add(build_article(" Later.")) is True


def test_readers_share_the_file(stored_db, article):
    with Holder(stored_db, read_only=True):
        with Database(stored_db, read_only=True, wait=0) as db:
            assert db.contains(article.id)


@pytest.mark.parametrize("read_only", [True, False])
def test_a_lock_held_past_the_wait_is_a_clear_error(stored_db, read_only):
    with Holder(stored_db, read_only=False):
        with pytest.raises(StoreError) as info:
            Database(stored_db, read_only=read_only, wait=0.3)
    assert info.value.code is Code.E204
    assert str(stored_db) in info.value.reason and "0.3 s" in info.value.reason
    assert "Conflicting lock" in info.value.reason
