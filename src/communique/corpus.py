"""A handle on a communique database: the Python twin of ``ingest``, ``query`` and ``export``.

Owns: nothing but delegation; each method calls the one pipeline/query function its CLI command
calls. Must not: hold analysis or SQL of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from communique.pipeline import IngestSummary, ingest_paths
from communique.query import export as export_table
from communique.query import query as query_table
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
        """The open database (opened on first use; ingest closes it while it writes)."""
        if self._db is None:
            self._db = Database(self.path)
        return self._db

    def ingest(self, paths: Iterable[str | Path] | str | Path) -> IngestSummary:
        """Analyze and store every input item under ``paths`` (``communique ingest``)."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.close()  # the ingest loop opens its own connection as the single writer
        return ingest_paths(paths, self.path, self.settings)

    def query(self, table: str = "statements", **filters: Any) -> list[dict[str, Any]]:
        """Rows of ``table`` filtered by actor, since, until, article, text, limit (``communique query``)."""
        return query_table(self.db, table, **filters)

    def export(self, out: str | Path | None, fmt: str = "jsonl", table: str = "statements", **filters: Any) -> int:
        """Write ``table`` as jsonl, csv or parquet to ``out`` (None: standard output) (``communique export``)."""
        return export_table(self.db, Path(out) if out is not None else None, fmt, table, **filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article exactly as ``analyze --format json`` gives it, or None."""
        return self.db.get_article(article_id)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
