"""query stage: read the database back, filtered, as plain rows or as an export file.

Owns: :func:`query` (rows as dicts) and :func:`export` (JSON Lines, CSV or Parquet), over the
tables in :data:`TABLES`. What each filter means on each table is documented in ``sql.py``.
Must not: write to the database or print; the CLI renders what these functions return.

Rows come in a stable order: by the article's publication date (undated last), article id and
the row's index within the article (actors by name; failures by time recorded). Offsets in the
rows are Python indices into the article's ``text`` (``text[start:end]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from ..errors import Code, UsageError
from ..store import Database
from . import export as _export
from .export import FORMATS
from .sql import TABLES, TEXT_COLUMNS, build, parse_date

__all__ = ["FORMATS", "TABLES", "TEXT_COLUMNS", "export", "parse_date", "query"]


def query(
    db: Database,
    table: str,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    literal_only: bool = False,
) -> list[dict[str, Any]]:
    """Rows of ``table`` passing the filters, as JSON-ready dicts in a stable order.

    Raises :class:`~communique.errors.UsageError` for an unknown table (E302), a filter that
    does not apply to the table (E304), a bad date (E305) or a bad limit (E306).
    """
    sql, params = build(table, actor=actor, since=since, until=until, article=article, text=text, limit=limit,
                        literal_only=literal_only)
    cursor = db.connection.execute(sql, params)
    return list(_export.iter_rows(cursor))


def export(
    db: Database,
    out: Path | str | TextIO | None,
    fmt: str = "jsonl",
    table: str = "articles",
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    literal_only: bool = False,
) -> int:
    """Write ``table``'s rows (filtered like :func:`query`) to ``out`` in ``fmt``.

    ``out`` is a file path, an open text stream, or None for standard output (what the CLI
    passes when no output file is given). Parquet needs a path (E303). Returns the number of
    rows written. Unknown format: E301; unknown table: E302.
    """
    _export.check_format(fmt)
    if fmt == "plover" and table != "events":
        raise UsageError(Code.E807, table=table)
    sql, params = build(table, actor=actor, since=since, until=until, article=article, text=text, limit=limit,
                        literal_only=literal_only)
    if fmt == "parquet" and not isinstance(out, str | Path):
        raise UsageError(Code.E303)
    return _export.write(db.connection, sql, params, out, fmt)
