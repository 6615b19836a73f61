"""The Parquet shard layout: one folder per partition, one Parquet file per table.

Owns: where shards live (``DB.shards/<partition key>/`` next to the database), writing a
partition's tables atomically (into a hidden temporary folder, renamed into place when every
file and the manifest are written, so a folder that exists is complete), and reading them back
with the tables' Arrow types. The layout is documented in docs/schema.md: it is also the
interchange format for Spark, polars or DuckDB users. Must not: analyse or open the database.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from communique.store.schema import COLUMNS, arrow_schema

# Every table of the database, each one Parquet file per partition (empty ones too, so every
# shard folder reads the same).
SHARD_TABLES = tuple(COLUMNS)
MANIFEST = "manifest.json"
# Bumped when the layout changes, so shards of another layout are analysed again, not misread.
LAYOUT_VERSION = 1


def shard_root(db_path: str | Path) -> Path:
    """The folder of a database's shards: ``news.duckdb`` -> ``news.duckdb.shards``."""
    return Path(f"{db_path}.shards")


def shard_dir(root: Path, key: str) -> Path:
    return root / key


def is_complete(root: Path, key: str) -> bool:
    """Whether a partition's shards are written (the folder appears only when complete)."""
    return (shard_dir(root, key) / MANIFEST).is_file()


def write_shards(root: Path, key: str, tables: dict[str, pa.Table], manifest: dict[str, Any]) -> None:
    """Write one partition's tables and manifest, then rename the folder into place.

    When the folder is already there (the same partition finished twice: a worker thought lost
    came back), the first one stays and this copy is dropped: both hold the same rows.
    """
    root.mkdir(parents=True, exist_ok=True)
    temporary = root / f".tmp-{key}-{uuid.uuid4().hex}"
    temporary.mkdir()
    try:
        for table in SHARD_TABLES:
            pq.write_table(tables[table], temporary / f"{table}.parquet")
        (temporary / MANIFEST).write_text(json.dumps({"layout": LAYOUT_VERSION, **manifest}, indent=1), encoding="utf-8")
        try:
            os.rename(temporary, shard_dir(root, key))
        except OSError:
            if not is_complete(root, key):
                raise
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def read_manifest(root: Path, key: str) -> dict[str, Any]:
    return json.loads((shard_dir(root, key) / MANIFEST).read_text(encoding="utf-8"))


def read_shards(root: Path, key: str) -> dict[str, pa.Table]:
    """A partition's tables, with exactly the database's Arrow types."""
    folder = shard_dir(root, key)
    return {
        table: pq.read_table(folder / f"{table}.parquet").cast(arrow_schema(table)) for table in SHARD_TABLES
    }
