"""Loading one partition's Parquet shards into the database, idempotently.

Owns: the client side of the shard interchange: inserting the articles of a shard that the
database does not hold yet, with their child rows, their actors (the same first-seen-wins
upsert as ``Database.add_many``), the partition's failures and the warnings of the articles
it stores, and clearing earlier ``failed`` rows of its articles' sources, all in one
transaction, so a kill at any point leaves the partition loaded whole or not at all and loading
it again adds nothing. Must not: analyse, or hold the database open longer than one partition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from communique.model import Failure
from communique.store import Database
from communique.store import rows as rowconv
from communique.store.schema import CHILD_TABLES, COLUMNS, arrow_schema, quote

_ACTOR_FIELDS = ("name", "type", "country", "wikidata", "sector")
_ACTOR_UPSERT = ", ".join(f"{c} = COALESCE(actors.{c}, excluded.{c})" for c in _ACTOR_FIELDS)
_FAILURE_UPSERT = (
    "INSERT INTO failures VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, code) DO UPDATE "
    "SET status = excluded.status, reason = excluded.reason, recorded_at = excluded.recorded_at"
)
_CLEAR_FAILURES = "DELETE FROM failures WHERE status = 'failed' AND source IN (SELECT unnest(?::VARCHAR[]))"


@dataclass
class Loaded:
    """What loading one partition did: the sources of the articles stored now, how many were
    already stored (or repeated), and the partition's failed or skipped items."""

    stored: list[str] = field(default_factory=list)
    present: int = 0
    failures: list[Failure] = field(default_factory=list)


def load_partition(db: Database, tables: dict[str, pa.Table], repeats: int = 0) -> Loaded:
    """Insert one partition's shards into ``db`` in one transaction (see the module docstring).
    ``repeats`` are the articles the partition held twice (counted as already present)."""
    articles = tables["articles"]
    ids = articles.column("id").to_pylist()
    sources = [source or article_id for source, article_id in zip(articles.column("source").to_pylist(), ids, strict=True)]
    present = db.present(ids)
    new = [article_id for article_id in ids if article_id not in present]
    new_sources = {source for article_id, source in zip(ids, sources, strict=True) if article_id not in present}
    rows = tables["failures"].to_pylist()
    # a stored article's warnings are rows of their own, written only with the article
    kept = [row for row in rows if row["status"] != "warning" or row["source"] in new_sources]
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    conn = db.connection
    conn.begin()
    try:
        if new:
            wanted = pa.array(new, pa.string())
            _insert(db, "articles", articles.filter(pc.is_in(articles.column("id"), value_set=wanted)))
            for table in CHILD_TABLES:
                child = tables[table]
                _insert(db, table, child.filter(pc.is_in(child.column("article_id"), value_set=wanted)))
            _insert(db, "actors", _actors(tables["article_actors"], set(new)), upsert=_ACTOR_UPSERT)
        if sources:
            conn.execute(_CLEAR_FAILURES, [sources])
        if kept:
            conn.executemany(
                _FAILURE_UPSERT, [[r["source"], r["code"], r["status"], r["reason"], stamp] for r in kept]
            )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return Loaded(
        stored=[source for article_id, source in zip(ids, sources, strict=True) if article_id not in present],
        present=len(ids) - len(new) + repeats,
        failures=[Failure(r["source"], r["reason"], r["code"], r["status"]) for r in rows if r["status"] != "warning"],
    )


def _actors(article_actors: pa.Table, new: set[str]) -> pa.Table:
    """The actors of the new articles, one row per id, the first occurrence winning (in the
    order the articles were read), as ``Database.add_many`` merges them."""
    rows = [
        {"id": row["actor_id"], **{name: row[name] for name in _ACTOR_FIELDS}}
        for row in article_actors.to_pylist()
        if row["article_id"] in new
    ]
    return pa.Table.from_pylist(rowconv.merge_actors(rows), schema=arrow_schema("actors"))


def _insert(db: Database, table: str, data: pa.Table, upsert: str | None = None) -> None:
    if data.num_rows == 0:
        return
    columns = ", ".join(quote(c.name) for c in COLUMNS[table])
    sql = f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _communique_shard"
    if upsert:
        sql += f" ON CONFLICT (id) DO UPDATE SET {upsert}"
    conn = db.connection
    conn.register("_communique_shard", data)
    try:
        conn.execute(sql)
    finally:
        conn.unregister("_communique_shard")
