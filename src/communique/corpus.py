"""A handle on a communique database: the Python twin of ``ingest``, ``query`` and ``export``.

Owns: nothing but delegation; each method calls the one pipeline/query function its CLI command
calls. Must not: hold analysis or SQL of its own, or keep the database file open between calls
(each read opens it read-only for that call, so an ingest in another process can go on).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from communique.pipeline import IngestSummary, ingest_paths, update_corpus_record
from communique.query import export as export_table
from communique.query import query as query_table
from communique.query import record as record_query
from communique.query.positions import positions as topic_positions
from communique.query.positions import topic_claims
from communique.query.record import RecordFilters
from communique.record import RecordSummary, clear_record
from communique.record.vectors import encoder_for
from communique.settings import Settings
from communique.store import Database


class Corpus:
    """A DuckDB-backed corpus of analyzed articles.

        with communique.Corpus("news.duckdb") as corpus:
            corpus.ingest(["articles/"])
            rows = corpus.query("statements", actor="Lukashenko", since="2024-08")
            corpus.export("statements.parquet", "parquet", "statements")
    """

    def __init__(self, path: str | Path = "communique.duckdb", settings: Settings | None = None) -> None:
        self.path = Path(path)
        self.settings = settings or Settings()
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """A read-write handle kept open until :meth:`close` (for hand-written SQL).

        While it is open no other process can read or write the file; the methods below do not
        use it unless it is already open, and :meth:`ingest` closes it.
        """
        if self._db is None:
            self._db = Database(self.path)
        return self._db

    @contextmanager
    def _reading(self) -> Iterator[Database]:
        """A handle for one read: the open :attr:`db` if there is one, else a read-only open
        for this call only, so a concurrent ingest in another process is kept out briefly."""
        if self._db is not None:
            yield self._db
            return
        if not self.path.exists():
            Database(self.path).close()  # an empty corpus, as before any ingest
        with Database(self.path, read_only=True) as db:
            yield db

    def ingest(self, paths: Iterable[str | Path] | str | Path) -> IngestSummary:
        """Analyze and store every input item under ``paths`` (``communique ingest``)."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.close()  # the ingest opens the file itself, a batch at a time
        return ingest_paths(paths, self.path, self.settings)

    def query(self, table: str = "statements", **filters: Any) -> list[dict[str, Any]]:
        """Rows of ``table`` filtered by actor, since, until, article, text, limit (``communique query``)."""
        with self._reading() as db:
            return query_table(db, table, **filters)

    def export(self, out: str | Path | None, fmt: str = "jsonl", table: str = "statements", **filters: Any) -> int:
        """Write ``table`` as jsonl, csv or parquet to ``out`` (None: standard output) (``communique export``)."""
        with self._reading() as db:
            return export_table(db, Path(out) if out is not None else None, fmt, table, **filters)

    # ---- the corpus record (``communique claims``, ``timeline``, ``positions``, ``network``,
    # ``outlets``); each takes the filters actor, since, until, outlet, limit ----

    def update_record(self, *, rebuild: bool = False) -> RecordSummary:
        """Bring the corpus record up to date (ingest does this itself), or rebuild it from
        scratch, oldest publication first (``communique record [--rebuild]``)."""
        if self._db is not None:
            return self._update_record(self._db, rebuild)
        with Database(self.path) as db:
            return self._update_record(db, rebuild)

    def _update_record(self, db: Database, rebuild: bool) -> RecordSummary:
        if rebuild:
            clear_record(db)
        return update_corpus_record(db, self.settings)

    def claims(self, *, text: str | None = None, claim: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Claim lines, in the order said (``communique claims``)."""
        with self._reading() as db:
            return record_query.claims(db, RecordFilters(**filters), text=text, claim_id=claim)

    def timeline(self, actor: str, **filters: Any) -> list[dict[str, Any]]:
        """One actor's claims in the order said (``communique timeline ACTOR``)."""
        with self._reading() as db:
            return record_query.timeline(db, actor, RecordFilters(**filters))

    def positions(self, topic: str, **filters: Any) -> list[dict[str, Any]]:
        """Each actor's position on ``topic``, claim by claim (``communique positions --topic``)."""
        with self._reading() as db:
            return topic_positions(db, topic, RecordFilters(**filters), encoder=encoder_for(self.settings))

    def network(self, *, relation: str | None = None, kind: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Directed, weighted actor edges from claims and events (``communique network``)."""
        with self._reading() as db:
            return record_query.network(db, RecordFilters(**filters), relation=relation, kind=kind)

    def outlets(self, *, topic: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Which outlets report whose claims, and how often (``communique outlets``)."""
        chosen = RecordFilters(**filters)
        with self._reading() as db:
            matched = list(topic_claims(db, topic, chosen, encoder_for(self.settings))) if topic else None
            return record_query.outlets(db, chosen, matched)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article exactly as ``analyze --format json`` gives it, or None."""
        with self._reading() as db:
            return db.get_article(article_id)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
