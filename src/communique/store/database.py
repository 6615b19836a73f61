"""The DuckDB database handle: open, write articles and failures, read an article back.

Owns: the connection, the schema check, and the write path. Each call to :meth:`Database.add`
or :meth:`Database.add_many` writes whole articles (the article row and every child row) in one
transaction, so a process killed mid-write leaves either the complete article or nothing, and
re-running the same ingest completes it; an article already present is skipped (its id is the
hash of its text), so re-ingesting is a no-op. Must not: analyze text, build query filters
(``communique.query`` does) or print.

Concurrency. DuckDB lets one process open a file read-write, or several processes open it
read-only, never both at once. So a handle is meant to be short-lived: the ingest opens its
writer once per batch and readers open one per query. Opening waits (up to ``wait`` seconds,
retrying) while another process holds a conflicting lock, and then gives up with E204.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import Code, StoreError
from ..interrupts import stop_if_pressed
from ..model import Article, Failure
from . import rows as rowconv
from .schema import CHILD_TABLES, COLUMNS, SCHEMA_VERSION, arrow_schema, ddl, quote

_WRITE_ORDER = ("articles", *CHILD_TABLES)

# How long opening waits for another process's lock by default. An ingest holds the write lock
# for one batch (well under a second); a reader for one query or export. A minute covers both
# with room to spare, yet a process that holds the file for good still gets a clear error.
LOCK_WAIT_S = 60.0
# DuckDB's message when another process holds a conflicting lock on the file.
_LOCK_CONFLICT = "Could not set lock on file"
_CLEAR_FAILURES = "DELETE FROM failures WHERE status = 'failed' AND source IN (SELECT unnest(?::VARCHAR[]))"
# What a write of well-typed-looking rows can still raise: DuckDB, or Arrow refusing a value
# (a number too large for its column, a string where a number belongs).
_WRITE_ERRORS = (duckdb.Error, pa.ArrowException, ArithmeticError, TypeError, ValueError)

# Actors are global: a later article never overwrites what an earlier one said about an actor,
# it only fills fields that were still unknown (a country, a Wikidata id).
_ACTOR_UPSERT = ", ".join(
    f"{c} = COALESCE(actors.{c}, excluded.{c})" for c in ("name", "type", "country", "wikidata", "sector")
)


def _now() -> dt.datetime:
    """Current UTC time without a zone (the TIMESTAMP columns hold UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def fetch_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """All rows of an executed query as dicts keyed by column name.

    Always fetch to the end: DuckDB 2 refuses other work (``register``) on a connection whose
    last result is unfinished, so this module never leaves one behind (no ``fetchone``).
    """
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Database:
    """A communique database in one DuckDB file (or ``":memory:"``).

    Opening creates the file and any missing tables; ``read_only=True`` opens an existing file
    for queries only (several readers may share it, but DuckDB allows one writing process, and
    no reader while it writes). While another process holds a conflicting lock, opening retries
    for up to ``wait`` seconds, then raises E204. Usable as a context manager, which closes it;
    close it as soon as the work is done, since an open handle keeps other processes out.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, wait: float = LOCK_WAIT_S) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError(Code.E201, path=self.path, detail="no such file")
        self._conn = self._connect(wait)
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    def _connect(self, wait: float) -> duckdb.DuckDBPyConnection:
        """Connect, retrying with a growing pause while another process holds the lock."""
        deadline = time.monotonic() + wait
        pause = 0.02
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.Error as exc:
                detail = str(exc).splitlines()[0]
                if _LOCK_CONFLICT not in detail:
                    raise StoreError(Code.E201, path=self.path, detail=detail) from exc
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreError(Code.E204, path=self.path, wait=f"{wait:g}", detail=detail) from exc
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.5)

    def _prepare(self) -> None:
        """Create missing tables (writers) and refuse a database of another schema version."""
        conn = self._conn
        try:
            if not self.read_only:
                conn.begin()
                for statement in ddl():
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO communique_meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                    [str(SCHEMA_VERSION)],
                )
                conn.commit()
            versions = conn.execute(
                "SELECT value FROM communique_meta WHERE key = 'schema_version'"
            ).fetchall()
        except duckdb.Error as exc:
            raise StoreError(Code.E201, path=self.path, detail=str(exc).splitlines()[0]) from exc
        found = versions[0][0] if versions else "none"
        if found.isdigit() and int(found) < SCHEMA_VERSION and not self.read_only:
            # ddl() above already created what the newer versions add; record that it is done.
            conn.execute(
                "UPDATE communique_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
            )
            found = str(SCHEMA_VERSION)
        if found.isdigit() and int(found) < SCHEMA_VERSION:
            raise StoreError(Code.E210, path=self.path, found=found, expected=SCHEMA_VERSION)
        if found != str(SCHEMA_VERSION):
            raise StoreError(Code.E203, path=self.path, found=found, expected=SCHEMA_VERSION)

    # ---- lifecycle -----------------------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (for ``communique.query`` and for hand-written SQL)."""
        return self._conn

    def close(self) -> None:
        """Close the connection; committed work is durable. Closing twice is harmless."""
        self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- reading -------------------------------------------------------------------------

    def contains(self, article_id: str) -> bool:
        """Whether an article with this id is stored (complete, children included)."""
        return bool(self._conn.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchall())

    def present(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored: one query for a whole batch."""
        if not article_ids:
            return set()
        found = self._conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)]
        ).fetchall()
        return {row[0] for row in found}

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as :meth:`Article.to_dict` returned it when stored, or None."""
        conn = self._conn
        found = fetch_dicts(conn.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not found:
            return None
        children = {
            table: fetch_dicts(
                conn.execute(f'SELECT * FROM {table} WHERE article_id = ? ORDER BY "index"', [article_id])
            )
            for table in CHILD_TABLES
        }
        # the article's warnings are failures rows with status 'warning' (pipeline.ingest_paths)
        children["warnings"] = fetch_dicts(conn.execute(
            "SELECT code, reason FROM failures WHERE source = ? AND status = 'warning' ORDER BY code",
            [found[0]["source"] or article_id],
        ))
        return rowconv.article_dict(found[0], children)

    def counts(self) -> dict[str, int]:
        """Number of rows in each table (for summaries and checks)."""
        return {
            table: self._conn.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            for table in COLUMNS
        }

    # ---- writing -------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Store one article with all its children in one transaction.

        Returns False (and writes nothing) when the article is already stored. Raises
        :class:`StoreError` (E202) when it cannot be stored; nothing of it is then written.
        """
        result = self.add_many([article])[0]
        if isinstance(result, StoreError):
            raise result
        return result

    def add_many(self, articles: Iterable[Article]) -> list[bool | StoreError]:
        """Store a batch of articles, each complete or not at all, in as few statements as possible.

        The whole batch is written in one transaction (one insert per table), which is far
        cheaper than one transaction per article; a kill mid-batch loses the batch, never part
        of an article. The same transaction removes the ``failed`` rows of each stored
        article's source: the item that once failed is now in. Returns, per article in order:
        True (stored), False (already stored, or a repeat within the batch) or the
        :class:`StoreError` explaining why it could not be stored (the error is returned, not
        raised, so the rest of the batch is still stored); its reason does not name the article.
        """
        batch = list(articles)
        results: list[bool | StoreError | None] = [None] * len(batch)
        present = self.present([a.id for a in batch])
        pending: list[tuple[int, dict[str, list[rowconv.Row]]]] = []
        stamp = _now()
        for i, article in enumerate(batch):
            if article.id in present:
                results[i] = False
                continue
            try:
                converted = rowconv.article_rows(article, stamp)
            except (TypeError, ValueError, AttributeError) as exc:
                results[i] = _store_error(exc)
                continue
            present.add(article.id)
            pending.append((i, converted))
        if pending:
            try:
                self._write([converted for _, converted in pending], [_source(batch[i]) for i, _ in pending])
                for i, _ in pending:
                    results[i] = True
            except _WRITE_ERRORS as exc:
                stop_if_pressed()  # DuckDB reports a Ctrl-C in an Arrow scan as a write error
                if len(pending) == 1:
                    results[pending[0][0]] = _store_error(exc)
                else:
                    # Find the culprit: store the articles one by one so the good ones survive.
                    for i, converted in pending:
                        try:
                            self._write([converted], [_source(batch[i])])
                            results[i] = True
                        except _WRITE_ERRORS as one_exc:
                            stop_if_pressed()
                            results[i] = _store_error(one_exc)
        return [r if r is not None else False for r in results]

    def add_failure(self, failure: Failure) -> None:
        """Record an item that failed or was skipped; the same source and code is kept once
        (the latest reason and time win)."""
        self.add_failures([failure])

    def add_failures(self, failures: Sequence[Failure]) -> None:
        """Record several failed or skipped items in one transaction (see :meth:`add_failure`)."""
        if not failures:
            return
        stamp = _now()
        conn = self._conn
        try:
            conn.begin()
            try:
                conn.executemany(
                    "INSERT INTO failures VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, code) DO UPDATE "
                    "SET status = excluded.status, reason = excluded.reason, recorded_at = excluded.recorded_at",
                    [[f.source, f.code, f.status, f.reason, stamp] for f in failures],
                )
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except duckdb.Error as exc:
            sources = ", ".join(sorted({f.source for f in failures}))
            raise StoreError(Code.E202, detail=f"failure record for {sources}: {exc}") from exc

    def clear_failures(self, sources: Sequence[str]) -> None:
        """Remove the ``failed`` rows of these sources (their items are stored now).

        Skipped rows stay: they say why an item was left out on purpose, not that it broke.
        """
        if sources:
            self._conn.execute(_CLEAR_FAILURES, [list(sources)])

    def _write(self, converted: list[dict[str, list[rowconv.Row]]], sources: list[str]) -> None:
        """Insert the rows of several articles in one transaction (rolled back on any error),
        and in the same transaction clear the failed rows of their ``sources``."""
        conn = self._conn
        conn.begin()
        try:
            for table in _WRITE_ORDER:
                self._insert(table, [row for rows in converted for row in rows[table]])
            actors = rowconv.merge_actors([row for rows in converted for row in rows["actors"]])
            self._insert("actors", actors, upsert=_ACTOR_UPSERT)
            conn.execute(_CLEAR_FAILURES, [sources])
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    def _insert(self, table: str, rows: list[rowconv.Row], upsert: str | None = None) -> None:
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        columns = ", ".join(quote(c.name) for c in COLUMNS[table])
        sql = f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _communique_rows"
        if upsert:
            sql += f" ON CONFLICT (id) DO UPDATE SET {upsert}"
        self._conn.register("_communique_rows", data)
        try:
            self._conn.execute(sql)
        finally:
            self._conn.unregister("_communique_rows")


def _source(article: Article) -> str:
    """The name a failure of this article is recorded under (as the pipeline records it)."""
    return article.source or article.id


def _store_error(exc: BaseException) -> StoreError:
    # The reason says what went wrong, not which item: the caller knows the article, and a
    # failures row or a summary line names its source next to the reason.
    error = StoreError(Code.E202, detail=str(exc).splitlines()[0] if str(exc) else repr(exc))
    error.__cause__ = exc
    return error
