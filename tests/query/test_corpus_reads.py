"""Corpus reads hold the file only for the call, so an ingest in another process can write."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from communique.corpus import Corpus
from communique.store import Database

WRITE_ONE = textwrap.dedent(
    """
    import sys
    from communique.model import Article
    from communique.store import Database
    with Database(sys.argv[1], wait=0) as db:  # wait=0: fail at once if the file is held
        db.add(Article(text="Officials said talks would resume.", source="later.txt"))
    """
)


def _write_from_another_process(db_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRITE_ONE, str(db_path)], capture_output=True, text=True, timeout=120)


def test_corpus_reads_leave_the_file_free_for_a_writer(tmp_path, corpus):
    db_path = tmp_path / "corpus.duckdb"
    with Database(db_path) as db:
        db.add_many(corpus)
    with Corpus(db_path) as handle:
        assert len(handle.query("articles")) == 3
        first = handle.query("articles")[0]["id"]
        assert handle.article(first)["id"] == first
        assert handle.export(tmp_path / "a.jsonl", "jsonl", "articles") == 3
        written = _write_from_another_process(db_path)
        assert written.returncode == 0, written.stderr
        assert len(handle.query("articles")) == 4  # and the next read sees the new article


def test_a_corpus_on_a_new_path_reads_as_empty(tmp_path):
    with Corpus(tmp_path / "new.duckdb") as corpus:
        assert corpus.query("articles") == []
        assert corpus.article("0" * 20) is None
