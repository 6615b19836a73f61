"""What a worker does with one partition: read, analyse, write its Parquet shards.

Owns: the per-process analyser (spaCy and every extractor loaded once per worker process, then
reused by every partition it gets), the per-article time limit (E122), and turning a
partition's results into rows exactly as the database would store them (``store.rows``), so
loading the shards gives the same rows as a one-process ingest. Must not: open the database
(the client alone writes it), or let one bad article end the partition.

Runs without Dask too: :func:`analyze_partition` is a plain function of plain arguments, which
is what Dask ships to a worker, and what the tests call directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
from spacy.tokens import Doc

from communique.errors import Code, ItemError, StoreError
from communique.model import Article, Failure
from communique.pipeline import Analyzer
from communique.scale.deadline import TimeLimit, deadline
from communique.scale.partitions import Partition, read_partition
from communique.scale.shards import SHARD_TABLES, is_complete, read_manifest, write_shards
from communique.settings import Settings
from communique.store import rows as rowconv
from communique.store.schema import arrow_schema

# What turning one article's rows into Arrow can raise (as Database.add_many catches them).
_CONVERT_ERRORS = (pa.ArrowException, ArithmeticError, TypeError, ValueError, AttributeError)


class TimedAnalyzer(Analyzer):
    """The pipeline's analyser with a time limit on each article's extractors: an article over
    ``settings.article_time_limit`` seconds becomes a failure (E122) and the stream goes on."""

    def extract(self, doc: Doc, article: Article) -> Article:
        try:
            with deadline(self.settings.article_time_limit):
                return super().extract(doc, article)
        except TimeLimit:
            raise ItemError(Code.E122, limit=f"{self.settings.article_time_limit:g}") from None


_ANALYZERS: dict[Settings, TimedAnalyzer] = {}


def get_timed_analyzer(settings: Settings) -> TimedAnalyzer:
    """One analyser per settings per worker process, loaded by the first partition it gets."""
    key = dataclasses.replace(settings, workers=1)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = TimedAnalyzer(key)
    return _ANALYZERS[key]


def analyze_partition(partition: Partition, settings: Settings, root: str) -> dict[str, Any]:
    """Analyse one partition and write its shards under ``root``; return its manifest.

    A partition whose shards are already written is not analysed again (a re-run, or Dask
    running a task twice after losing track of a worker).
    """
    folder = Path(root)
    if is_complete(folder, partition.key):
        return read_manifest(folder, partition.key)
    analyzer = get_timed_analyzer(settings)
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: dict[str, list[rowconv.Row]] = {table: [] for table in SHARD_TABLES}
    seen: set[str] = set()
    items = repeats = 0
    for result in analyzer.analyze_stream(read_partition(partition, settings)):
        items += 1
        if isinstance(result, Failure):
            rows["failures"].append(_failure_row(result, stamp))
        elif result.id in seen:
            repeats += 1  # the same text twice in one partition: stored once, as in add_many
        else:
            seen.add(result.id)
            _add_article(result, stamp, rows)
    rows["actors"] = rowconv.merge_actors(rows["actors"])  # global table: one row per actor id
    tables = {table: pa.Table.from_pylist(rows[table], schema=arrow_schema(table)) for table in SHARD_TABLES}
    manifest = {
        "partition": partition.key,
        "reads": partition.describe(),
        "items": items,
        "repeats": repeats,
        "rows": {table: tables[table].num_rows for table in SHARD_TABLES},
        "written_at": stamp.isoformat(),
    }
    write_shards(folder, partition.key, tables, manifest)
    return manifest


def _add_article(article: Article, stamp: dt.datetime, rows: dict[str, list[rowconv.Row]]) -> None:
    """Append an article's rows (and its warnings as failures rows), or its E202 failure row
    when its rows cannot be made, as ``Database.add_many`` would record it."""
    source = article.source or article.id
    try:
        converted = rowconv.article_rows(article, stamp)
        for table, table_rows in converted.items():  # Arrow refuses what the database would
            if table_rows:
                pa.Table.from_pylist(table_rows, schema=arrow_schema(table))
    except _CONVERT_ERRORS as exc:
        error = StoreError(Code.E202, detail=str(exc).splitlines()[0] if str(exc) else repr(exc))
        rows["failures"].append(_failure_row(Failure(source, error.reason, "E202"), stamp))
        return
    for table, table_rows in converted.items():
        rows[table].extend(table_rows)
    for warning in article.warnings:
        rows["failures"].append(_failure_row(Failure(source, warning.reason, warning.code, "warning"), stamp))


def _failure_row(failure: Failure, stamp: dt.datetime) -> rowconv.Row:
    return {
        "source": failure.source,
        "code": failure.code,
        "status": failure.status,
        "reason": failure.reason,
        "recorded_at": stamp,
    }
