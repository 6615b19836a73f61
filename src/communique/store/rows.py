"""Conversion between the data model and table rows, both ways.

Owns: flattening an :class:`~communique.model.Article` into one list of row dicts per table,
and rebuilding :meth:`Article.to_dict` from those rows, so an article reads back exactly as it
was stored. Must not: touch a connection (``database.py`` does) or decide what to store.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..model import Article, Role, TimeRef

Row = dict[str, Any]


def _role(prefix: str, role: Role, identity: bool) -> Row:
    row: Row = {
        f"{prefix}_text": role.text,
        f"{prefix}_spans": [[int(s), int(e)] for s, e in role.spans],
        f"{prefix}_start": role.start,
        f"{prefix}_end": role.end,
    }
    if identity:
        row[f"{prefix}_name"] = role.name
        row[f"{prefix}_actor"] = role.actor
    return row


def _time_ref(time: TimeRef | None) -> Row:
    # A missing TimeRef is stored as a NULL basis (a present one always has a basis).
    if time is None:
        return {"time_value": None, "time_basis": None, "time_index": None}
    return {"time_value": time.value, "time_basis": time.basis, "time_index": time.time}


def _published(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"published date {value!r} is not YYYY-MM-DD") from exc


def article_rows(article: Article, ingested_at: dt.datetime) -> dict[str, list[Row]]:
    """Flatten one article into rows per table (``actors`` holds its actors for the upsert)."""
    aid = article.id
    out: dict[str, list[Row]] = {
        "articles": [
            {
                "id": aid,
                "title": article.title,
                "url": article.url,
                "outlet": article.outlet,
                "published": _published(article.published),
                "published_basis": article.published_basis,
                "language": article.language,
                "source": article.source,
                "text": article.text,
                "boilerplate": json.dumps([[int(s), int(e)] for s, e in article.boilerplate]),
                "ingested_at": ingested_at,
            }
        ]
    }
    out["statements"] = [
        {
            "article_id": aid,
            "index": i,
            **_role("speaker", s.speaker, identity=True),
            **_role("cue", s.cue, identity=False),
            **_role("content", s.content, identity=False),
            "kind": s.kind,
            "stance": s.stance,
            "certainty": s.certainty,
            "parent": s.parent,
            "responds_to": s.responds_to,
            **_time_ref(s.time),
            "confidence": s.confidence,
        }
        for i, s in enumerate(article.statements)
    ]
    out["events"] = [
        {
            "article_id": aid,
            "index": i,
            "type": e.type,
            "mode": e.mode,
            **_role("source", e.source, identity=True),
            **_role("target", e.target, identity=True),
            **_role("trigger", e.trigger, identity=False),
            **_time_ref(e.time),
            "place": e.place,
            "statement": e.statement,
            "certainty": e.certainty,
            "source_members": json.dumps([m.to_dict(with_identity=True) for m in e.source.members]),
            "target_members": json.dumps([m.to_dict(with_identity=True) for m in e.target.members]),
            "context": json.dumps(e.context),
            "cameo": e.cameo,
        }
        for i, e in enumerate(article.events)
    ]
    out["times"] = [{"article_id": aid, "index": i, **t.to_dict()} for i, t in enumerate(article.times)]
    out["places"] = [{"article_id": aid, "index": i, **p.to_dict()} for i, p in enumerate(article.places)]
    out["article_actors"] = [
        {
            "article_id": aid,
            "index": i,
            "actor_id": a.id,
            "name": a.name,
            "type": a.type,
            "country": a.country,
            "wikidata": a.wikidata,
            "sector": a.sector,
        }
        for i, a in enumerate(article.actors)
    ]
    out["actors"] = [a.to_dict() for a in article.actors]
    out["mentions"] = [
        {"article_id": aid, "index": i, "actor_id": m.actor, "start": m.start, "end": m.end, "text": m.text}
        for i, m in enumerate(article.mentions)
    ]
    return out


def merge_actors(rows: list[Row]) -> list[Row]:
    """One row per actor id: the first occurrence wins, later ones only fill its missing fields.

    DuckDB refuses to upsert the same key twice in one statement, and a batch of articles often
    names the same actor many times.
    """
    merged: dict[str, Row] = {}
    for row in rows:
        kept = merged.setdefault(row["id"], dict(row))
        for key, value in row.items():
            if kept.get(key) is None and value is not None:
                kept[key] = value
    return list(merged.values())


# ---- reading back --------------------------------------------------------------------------


def _role_dict(row: Row, prefix: str, identity: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "spans": [list(s) for s in (row[f"{prefix}_spans"] or [])],
        "text": row[f"{prefix}_text"],
    }
    if identity:
        out["name"] = row[f"{prefix}_name"]
        out["actor"] = row[f"{prefix}_actor"]
    return out


def _time_dict(row: Row) -> dict[str, Any] | None:
    if row["time_basis"] is None:
        return None
    return {"value": row["time_value"], "basis": row["time_basis"], "time": row["time_index"]}


def _json_list(value: str | None) -> list[Any]:
    """A JSON list column (NULL in rows stored before the column existed: an empty list)."""
    return json.loads(value) if value else []


def _pick(row: Row, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: row[key] for key in keys}


def article_dict(article: Row, children: dict[str, list[Row]]) -> dict[str, Any]:
    """Rebuild :meth:`Article.to_dict` from the article's row and its child rows (in index order)."""
    published = article["published"]
    return {
        "id": article["id"],
        "title": article["title"],
        "url": article["url"],
        "outlet": article["outlet"],
        "published": published.isoformat() if published is not None else None,
        "published_basis": article["published_basis"],
        "language": article["language"],
        "source": article["source"],
        "text": article["text"],
        "boilerplate": json.loads(article["boilerplate"]) if article["boilerplate"] else [],
        "statements": [
            {
                "speaker": _role_dict(r, "speaker", identity=True),
                "cue": _role_dict(r, "cue", identity=False),
                "content": _role_dict(r, "content", identity=False),
                **_pick(r, ("kind", "stance", "certainty", "parent", "responds_to")),
                "time": _time_dict(r),
                "confidence": r["confidence"],
            }
            for r in children["statements"]
        ],
        "events": [
            {
                **_pick(r, ("type", "mode")),
                "source": {**_role_dict(r, "source", identity=True), "members": _json_list(r["source_members"])},
                "target": {**_role_dict(r, "target", identity=True), "members": _json_list(r["target_members"])},
                "trigger": _role_dict(r, "trigger", identity=False),
                "time": _time_dict(r),
                **_pick(r, ("place", "statement", "certainty")),
                "context": _json_list(r["context"]),
                "cameo": r["cameo"],
            }
            for r in children["events"]
        ],
        "times": [_pick(r, ("text", "start", "end", "type", "value", "anchor")) for r in children["times"]],
        "places": [
            # role NULL: a row stored before roles existed, when only literal places were kept
            {**_pick(r, ("text", "start", "end", "name", "geonameid", "lat", "lon", "country", "feature")),
             "role": r["role"] or "literal", "actor": r["actor"]}
            for r in children["places"]
        ],
        "actors": [
            {"id": r["actor_id"], **_pick(r, ("name", "type", "country", "wikidata", "sector"))}
            for r in children["article_actors"]
        ],
        "mentions": [
            {"actor": r["actor_id"], **_pick(r, ("start", "end", "text"))} for r in children["mentions"]
        ],
        # recorded as failures rows whose reason is "<source>: [W0xx] ..."; the article's own
        # reason is the part after the source
        "warnings": [
            {"code": r["code"], "reason": r["reason"].removeprefix(f"{article['source'] or article['id']}: ")}
            for r in children.get("warnings", [])
        ],
    }
