"""The record's search index and claim counts (``record/search_index.py``, ``record/counts.py``):
filled as the record is updated, and caught up after a migration or a rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from communique.corpus import Corpus
from communique.record import clear_record, update_record
from communique.record.text import terms
from communique.store import Database

FIXTURE = Path(__file__).parent / "fixtures" / "articles.jsonl"


@pytest.fixture(scope="module")
def record_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("search") / "news.duckdb"
    with Corpus(db) as corpus:
        assert corpus.ingest(FIXTURE).ok
    return db


def _index(conn) -> tuple[list, list, list]:
    return (conn.execute("SELECT * FROM search_postings ORDER BY ALL").fetchall(),
            conn.execute("SELECT * FROM search_docs ORDER BY ALL").fetchall(),
            conn.execute("SELECT * FROM claim_counts ORDER BY ALL").fetchall())


def test_every_title_and_statement_is_indexed_with_its_terms(record_db):
    with Database(record_db, read_only=True) as db:
        conn = db.connection
        documents = conn.execute("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM statements)").fetchall()
        assert conn.execute("SELECT count(*) FROM search_docs").fetchall() == documents
        article_id, title = conn.execute("SELECT id, title FROM articles WHERE title IS NOT NULL LIMIT 1").fetchall()[0]
        indexed = conn.execute("SELECT term, tf FROM search_postings WHERE article_id = ? AND statement = -1",
                               [article_id]).fetchall()
        expected = terms(title)
        assert {t: expected.count(t) for t in expected} == dict(indexed)


def test_a_statement_is_indexed_with_its_resolved_speaker(record_db):
    # a search for a name finds what that person said, also where the article says "he"
    with Database(record_db, read_only=True) as db:
        conn = db.connection
        article_id, index, speaker, content = conn.execute(
            'SELECT article_id, "index", speaker_name, content_text FROM statements '
            "WHERE speaker_name IS NOT NULL AND content_text IS NOT NULL ORDER BY ALL LIMIT 1").fetchall()[0]
        indexed = dict(conn.execute("SELECT term, tf FROM search_postings WHERE article_id = ? AND statement = ?",
                                    [article_id, index]).fetchall())
    expected = terms(f"{speaker} {content}")
    assert indexed == {t: expected.count(t) for t in expected}


def test_claim_counts_match_the_reports(record_db):
    with Database(record_db, read_only=True) as db:
        mismatched = db.connection.execute(
            "SELECT c.id FROM claims c LEFT JOIN claim_counts n ON n.claim_id = c.id "
            "LEFT JOIN (SELECT claim_id, count(*) AS reports FROM claim_reports GROUP BY 1) r ON r.claim_id = c.id "
            "WHERE n.reports IS DISTINCT FROM r.reports").fetchall()
    assert mismatched == []


def test_an_older_database_is_caught_up_by_the_next_update(record_db, tmp_path):
    copy = tmp_path / "old.duckdb"
    shutil.copyfile(record_db, copy)
    with Database(copy) as db:
        before = _index(db.connection)
        for table in ("search_postings", "search_docs", "claim_counts"):  # as a version 2 database has them
            db.connection.execute(f"DELETE FROM {table}")
        update_record(db)
        assert _index(db.connection) == before
        clear_record(db)  # a rebuild refills them too
        update_record(db)
        assert _index(db.connection) == before
