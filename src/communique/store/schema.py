"""The database schema: every table, its columns, their DuckDB and Arrow types, in one place.

Owns: the table definitions (DDL), the Arrow schemas used for batched inserts, and the schema
version. Must not: open connections, convert articles to rows (``rows.py``) or answer queries.

Offsets. Every ``start``/``end`` column (and every ``[start, end]`` pair in a ``*_spans`` list)
is a *Python* string index into ``articles.text``, so in Python ``text[start:end]`` gives the
annotated words. DuckDB's ``substring`` is 1-based and takes a length, and like Python it counts
Unicode code points (not bytes, not grapheme clusters), so in SQL the same words are
``substring(text, start + 1, "end" - start)``; the ``span_text(text, start, end)`` macro created
here does exactly that. ``end`` and ``index`` are SQL keywords: quote them in hand-written SQL.
Times are UTC (``ingested_at``, ``failures.recorded_at``).

Layout. ``articles`` holds one row per article (primary key ``id``). Every child table carries
``article_id`` (a foreign key to ``articles.id``) and ``index`` (its position in the article's
list, so ``parent``, ``responds_to``, ``statement``, ``place`` and ``time_index`` refer to it).
A role (speaker, cue, content, source, target, trigger) is flattened into ``<role>_text``,
``<role>_spans`` (a list of ``[start, end]``), ``<role>_start``/``<role>_end`` (first start, last
end) and, for roles that denote an actor, ``<role>_name`` and ``<role>_actor``. ``actors`` is
global (one row per actor id across the corpus); ``article_actors`` keeps each article's own
actor list as extracted, so an article reads back exactly as it was stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from .record_schema import record_ddl

# Bumped whenever a table changes shape. A database of an older version is migrated when it is
# opened for writing (``MIGRATIONS``); one of a newer version, or an older one opened read-only,
# is refused (E203) rather than misread.
SCHEMA_VERSION = 5
# version -> what it adds over the one before, done by ``ddl()`` (every statement there is
# idempotent), so migrating is: run ddl(), then record the new version.
MIGRATIONS = {
    2: "the corpus record tables and views (store/record_schema.py)",
    3: "the search index (search_postings, search_docs) and claim_counts, filled by the next record update",
    4: "places.role and places.actor (metonymic and demonym mentions are listed too; ADDED_COLUMNS)",
    5: "events: source_members, target_members, context (JSON) and cameo (ADDED_COLUMNS)",
}

SPANS_ARROW = pa.list_(pa.list_(pa.int32()))


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    arrow: pa.DataType


def _c(name: str, sql: str) -> Column:
    arrow = {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "INTEGER[][]": SPANS_ARROW,
    }[sql]
    return Column(name, sql, arrow)


def role_columns(role: str, identity: bool) -> list[Column]:
    """The flattened columns of one role; ``identity`` adds ``<role>_name``/``<role>_actor``."""
    columns = [_c(f"{role}_name", "VARCHAR"), _c(f"{role}_actor", "VARCHAR")] if identity else []
    return columns + [
        _c(f"{role}_text", "VARCHAR"),
        _c(f"{role}_spans", "INTEGER[][]"),
        _c(f"{role}_start", "INTEGER"),
        _c(f"{role}_end", "INTEGER"),
    ]


_CHILD_KEY = [_c("article_id", "VARCHAR"), _c("index", "INTEGER")]
_TIME_REF = [_c("time_value", "VARCHAR"), _c("time_basis", "VARCHAR"), _c("time_index", "INTEGER")]

# Table name -> columns, in insertion order (articles first: children reference it).
COLUMNS: dict[str, list[Column]] = {
    "articles": [
        _c("id", "VARCHAR"),
        _c("title", "VARCHAR"),
        _c("url", "VARCHAR"),
        _c("outlet", "VARCHAR"),
        _c("published", "DATE"),
        _c("published_basis", "VARCHAR"),
        _c("language", "VARCHAR"),
        _c("source", "VARCHAR"),
        _c("text", "VARCHAR"),
        _c("boilerplate", "JSON"),
        _c("ingested_at", "TIMESTAMP"),
    ],
    "statements": _CHILD_KEY
    + role_columns("speaker", identity=True)
    + role_columns("cue", identity=False)
    + role_columns("content", identity=False)
    + [
        _c("kind", "VARCHAR"),
        _c("stance", "VARCHAR"),
        _c("certainty", "VARCHAR"),
        _c("parent", "INTEGER"),
        _c("responds_to", "INTEGER"),
    ]
    + _TIME_REF
    + [_c("confidence", "DOUBLE")],
    "events": _CHILD_KEY
    + [_c("type", "VARCHAR"), _c("mode", "VARCHAR")]
    + role_columns("source", identity=True)
    + role_columns("target", identity=True)
    + role_columns("trigger", identity=False)
    + _TIME_REF
    + [_c("place", "INTEGER"), _c("statement", "INTEGER"), _c("certainty", "VARCHAR")]
    + [_c("source_members", "JSON"), _c("target_members", "JSON"), _c("context", "JSON"), _c("cameo", "VARCHAR")],
    "times": _CHILD_KEY
    + [
        _c("text", "VARCHAR"),
        _c("start", "INTEGER"),
        _c("end", "INTEGER"),
        _c("type", "VARCHAR"),
        _c("value", "VARCHAR"),
        _c("anchor", "VARCHAR"),
    ],
    "places": _CHILD_KEY
    + [
        _c("text", "VARCHAR"),
        _c("start", "INTEGER"),
        _c("end", "INTEGER"),
        _c("name", "VARCHAR"),
        _c("geonameid", "BIGINT"),
        _c("lat", "DOUBLE"),
        _c("lon", "DOUBLE"),
        _c("country", "VARCHAR"),
        _c("feature", "VARCHAR"),
        _c("role", "VARCHAR"),
        _c("actor", "VARCHAR"),
    ],
    "article_actors": _CHILD_KEY
    + [
        _c("actor_id", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("type", "VARCHAR"),
        _c("country", "VARCHAR"),
        _c("wikidata", "VARCHAR"),
        _c("sector", "VARCHAR"),
    ],
    "mentions": _CHILD_KEY
    + [
        _c("actor_id", "VARCHAR"),
        _c("start", "INTEGER"),
        _c("end", "INTEGER"),
        _c("text", "VARCHAR"),
    ],
    "actors": [
        _c("id", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("type", "VARCHAR"),
        _c("country", "VARCHAR"),
        _c("wikidata", "VARCHAR"),
        _c("sector", "VARCHAR"),
    ],
    "failures": [
        _c("source", "VARCHAR"),
        _c("code", "VARCHAR"),
        _c("status", "VARCHAR"),
        _c("reason", "VARCHAR"),
        _c("recorded_at", "TIMESTAMP"),
    ],
}

# Tables written per article, in the order they are inserted (parents before children).
# table -> columns added after the table was first shipped (see MIGRATIONS)
# They sit last in the table's COLUMNS, where ``ALTER TABLE ... ADD COLUMN`` puts them in an older
# database, so an old and a new database have their columns in the same order.
ADDED_COLUMNS = {
    "places": ("role", "actor"),
    "events": ("source_members", "target_members", "context", "cameo"),
}

CHILD_TABLES = ("statements", "events", "times", "places", "article_actors", "mentions")

_CONSTRAINTS: dict[str, list[str]] = {
    "articles": ["PRIMARY KEY (id)"],
    "actors": ["PRIMARY KEY (id)"],
    "failures": ["PRIMARY KEY (source, code)"],
    **{
        table: ['PRIMARY KEY (article_id, "index")', "FOREIGN KEY (article_id) REFERENCES articles (id)"]
        for table in CHILD_TABLES
    },
}


def quote(name: str) -> str:
    """A column name quoted for SQL (``end`` and ``index`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema matching ``table``'s columns, for batched inserts."""
    return pa.schema([(c.name, c.arrow) for c in COLUMNS[table]])


def ddl() -> list[str]:
    """The statements that create every missing table (idempotent)."""
    statements = [
        "CREATE TABLE IF NOT EXISTS communique_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    ]
    for table, columns in COLUMNS.items():
        parts = [f"{quote(c.name)} {c.sql}" for c in columns] + _CONSTRAINTS[table]
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    # columns a later version added to a table an older database already has (the migration)
    for table, names in ADDED_COLUMNS.items():
        for column in (c for c in COLUMNS[table] if c.name in names):
            statements.append(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {quote(column.name)} {column.sql}")
    # Python slicing in SQL: text[start:end] == span_text(text, start, end).
    statements.append(
        "CREATE MACRO IF NOT EXISTS span_text(t, s, e) AS substring(t, s + 1, e - s)"
    )
    return statements + record_ddl()
