"""The full-text search index of the record: which statement (or article title) holds which term.

Owns: filling ``search_postings`` / ``search_docs`` (``store/record_schema.py``) for stored articles
not indexed yet, one transaction per chunk. Must not: rank or answer searches (``communique.query
.browse.search`` does, with BM25 over these tables) or analyze text beyond the content terms of
``text.terms`` (the same Snowball stems the claims are compared by, so a search for "negotiations"
finds "negotiate").

Why an index of our own: DuckDB's ``fts`` extension is downloaded at first use, which an offline
install cannot do (and no wheel of it matches the pinned DuckDB), and a substring scan neither
ranks nor stems. A document is one statement's resolved speaker and content (``statement`` is its
index: a search for "Lukashenko" finds what he said, including where the article says "he") or one
article's title (``statement`` = -1); every indexed article has its title row, even an empty one,
so "not indexed yet" is exact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import islice

import duckdb
import pyarrow as pa

from .text import terms

TITLE = -1
CHUNK = 2000

_POSTINGS = pa.schema([("term", pa.string()), ("article_id", pa.string()), ("statement", pa.int32()),
                       ("tf", pa.int16()), ("length", pa.int32())])
_DOCS = pa.schema([("article_id", pa.string()), ("statement", pa.int32()), ("length", pa.int32())])


def unindexed(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Stored articles the search index does not cover yet."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM search_docs WHERE statement = -1) "
        "ORDER BY id").fetchall()]


def _documents(conn: duckdb.DuckDBPyConnection, chunk: list[str]) -> Iterator[tuple[str, int, str]]:
    yield from conn.execute(
        "SELECT id, -1, COALESCE(title, '') FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
        'UNION ALL SELECT article_id, "index", concat_ws(\' \', speaker_name, content_text) FROM statements '
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [chunk, chunk]).fetchall()


def _insert(conn: duckdb.DuckDBPyConnection, table: str, schema: pa.Schema, rows: dict[str, list]) -> None:
    if not rows[schema.names[0]]:
        return
    conn.register("_search_rows", pa.Table.from_pydict(rows, schema=schema))
    try:
        conn.execute(f"INSERT INTO {table} SELECT * FROM _search_rows")
    finally:
        conn.unregister("_search_rows")


def index_articles(conn: duckdb.DuckDBPyConnection, chunk: list[str]) -> int:
    """Add the titles and statement contents of these (unindexed) articles; returns documents added.
    Runs inside the caller's transaction."""
    postings: dict[str, list] = {name: [] for name in _POSTINGS.names}
    docs: dict[str, list] = {name: [] for name in _DOCS.names}
    for article_id, statement, text in _documents(conn, chunk):
        found = terms(text)
        docs["article_id"].append(article_id)
        docs["statement"].append(statement)
        docs["length"].append(len(found))
        for term, count in Counter(found).items():
            postings["term"].append(term[:64])
            postings["article_id"].append(article_id)
            postings["statement"].append(statement)
            postings["tf"].append(min(count, 32767))
            postings["length"].append(len(found))  # kept here too: ranking then needs no join
    _insert(conn, "search_docs", _DOCS, docs)
    _insert(conn, "search_postings", _POSTINGS, postings)
    return len(docs["article_id"])


def catch_up(conn: duckdb.DuckDBPyConnection) -> int:
    """Index every stored article not indexed yet (new ones, or all of them after a migration or
    a record rebuild), a chunk per transaction; returns the articles indexed."""
    pending = unindexed(conn)
    iterator = iter(pending)
    while chunk := list(islice(iterator, CHUNK)):
        conn.begin()
        try:
            index_articles(conn, chunk)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    return len(pending)
