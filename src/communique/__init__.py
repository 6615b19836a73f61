"""communique: who said what, who did what to whom, when and where, from news.

The Python API mirrors the CLI; each function here is what one command calls:

    import communique
    article = communique.analyze(text, published="2024-08-18")   # communique analyze
    for statement in article.statements: ...
    summary = communique.ingest(["news/"], db="communique.duckdb")   # communique ingest
    with communique.open_db("communique.duckdb") as db:              # communique query / export
        rows = communique.query(db, "statements", actor="Lukashenko")

Heavy modules (spaCy, DuckDB) are imported on first use, so ``import communique`` is cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.model import Actor, Article, Event, Failure, Place, Role, Statement, TimeExpression
from communique.settings import Settings

if TYPE_CHECKING:
    from communique.pipeline import IngestSummary
    from communique.store import Database

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Event", "Failure", "Place", "Role", "Settings", "Statement", "TimeExpression",
    "analyze", "export", "ingest", "open_db", "query",
]


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyze one article's text and return the data model, fully annotated.

    Raises ``ItemError`` / ``SkippedItem`` (for example a non-English text) instead of returning
    a Failure: a single call has no batch to go on with.
    """
    from communique.ingest.article import build_article, parse_published
    from communique.pipeline import get_analyzer

    settings = settings or Settings()
    article = build_article(
        text,
        source="<api>",
        settings=settings,
        title=title,
        url=url,
        outlet=outlet,
        published=parse_published(published) if published else None,
        find_headline=title is None,
    )
    return get_analyzer(settings).analyze_article(article)


def ingest(
    paths: list[str | Path] | str | Path, *, db: str | Path = "communique.duckdb", settings: Settings | None = None
) -> IngestSummary:
    """Analyze files/directories/JSON Lines/HTML/WARC and store them in a DuckDB database."""
    from communique.pipeline import ingest_paths

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return ingest_paths(paths, Path(db), settings or Settings())


def open_db(path: str | Path = "communique.duckdb") -> Database:
    """A handle on a communique database, for ``query`` and ``export`` (use as a context manager)."""
    from communique.store import Database

    return Database(Path(path))


def query(db: Database, table: str = "statements", **filters: Any) -> list[dict[str, Any]]:
    """Rows of ``table`` matching filters: actor, since, until, article, text, limit."""
    from communique.query import query as run_query

    return run_query(db, table, **filters)


def export(db: Database, out: str | Path | None, fmt: str = "jsonl", table: str = "statements") -> Any:
    """Write ``table`` as jsonl, csv or parquet to ``out`` (None: return the data)."""
    from communique.query import export as run_export

    return run_export(db, Path(out) if out is not None else None, fmt, table)
