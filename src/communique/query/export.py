"""Write query results as JSON Lines, CSV or Parquet, to a file or a text stream.

Owns: the three output formats and how values are rendered in each. Must not: build SQL
(``sql.py``) or decide what a filter means. Rows are streamed from DuckDB in batches, so an
export of a whole corpus runs in bounded memory.

``plover`` (events only) writes one PLOVER record per event (``plover.py``).

Rendering. JSON Lines rows are the same plain dicts :func:`communique.query.query` returns
(dates as ISO strings, spans as lists). CSV has one header row; a list value (spans,
boilerplate) is written as its JSON text and None as an empty field. Parquet keeps the native
types (DATE, TIMESTAMP, lists of ``[start, end]`` pairs) and needs a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow.parquet as pq

from ..errors import Code, UsageError
from . import plover

FORMATS = ("jsonl", "csv", "parquet", "plover")
_BATCH = 2048
_PARQUET_BATCH = 8192

# Columns DuckDB holds as JSON text that read back as lists.
_JSON_COLUMNS = frozenset({"boilerplate", "source_members", "target_members", "context"})


def plain(names: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    """One result row as a JSON-ready dict: dates and times as ISO strings, JSON as lists."""
    out: dict[str, Any] = {}
    for name, value in zip(names, row, strict=True):
        if isinstance(value, dt.date):  # datetime is a date too
            value = value.isoformat()
        elif name in _JSON_COLUMNS and isinstance(value, str):
            value = json.loads(value)
        out[name] = value
    return out


def iter_rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Stream an executed query's rows as plain dicts."""
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield plain(names, row)


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(Code.E301, value=fmt, choices=", ".join(FORMATS))


def write(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any], out: Path | str | TextIO | None, fmt: str
) -> int:
    """Write the rows of ``sql`` to ``out`` (a path, a text stream, or None for standard
    output) in ``fmt``; returns the number of rows written."""
    check_format(fmt)
    if fmt == "plover":
        return _write_records(plover.stored_records(conn, sql, params), out)
    if fmt == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise UsageError(Code.E303)
        return _write_parquet(conn.sql(sql, params=params), Path(out))
    cursor = conn.execute(sql, params)
    return _to_stream(out, lambda stream: _write_text(cursor, stream, fmt))


def _to_stream(out: Path | str | TextIO | None, write_to: Callable[[TextIO], int]) -> int:
    """Run ``write_to`` on ``out``: a path (opened here, E307 when it cannot be), a text stream,
    or None for standard output."""
    if isinstance(out, str | Path):
        try:
            stream = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _unwritable(out, exc) from exc
        with stream:
            return write_to(stream)
    if out is None:
        import sys  # standard output, only because the caller asked for it with out=None

        return write_to(sys.stdout)
    return write_to(out)


def _write_records(records: Iterator[dict[str, Any]], out: Path | str | TextIO | None) -> int:
    """PLOVER records as JSON Lines to a path, a stream or standard output."""

    def write_to(stream: TextIO) -> int:
        count = 0
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count

    return _to_stream(out, write_to)


def _unwritable(path: Path | str, exc: OSError) -> UsageError:
    """E307 for an output path that cannot be opened (no such folder, a directory, no
    permission): the caller's ``out`` to fix."""
    return UsageError(Code.E307, path=str(path), detail=exc.strerror or str(exc))


def _write_text(cursor: duckdb.DuckDBPyConnection, stream: TextIO, fmt: str) -> int:
    count = 0
    if fmt == "jsonl":
        for row in iter_rows(cursor):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([d[0] for d in cursor.description])
    for row in iter_rows(cursor):
        writer.writerow([_csv_cell(v) for v in row.values()])
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_parquet(relation: duckdb.DuckDBPyRelation, path: Path) -> int:
    # A relation (not an executed cursor) streams Arrow batches without an extra copy.
    reader = relation.to_arrow_reader(_PARQUET_BATCH)
    count = 0
    try:
        writer = pq.ParquetWriter(path, reader.schema)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    with writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count
