"""Events as PLOVER records: one JSON object per event in the shape of the PLOVER
gold-standard records (github.com/openeventdata/PLOVER, ``PLOVER_GSR_CAMEO``).

Owns: turning one stored or freshly analysed event, with its article's metadata, places and
actors, into a record with exactly ``RECORD_FIELDS``: ``id``, ``date``, ``event``, ``mode``,
``context`` (a list), ``source`` / ``target`` (lists of ``{actorText, code}`` plus ``wikidata``
where known: a coordinated role gives one entry per actor), ``eventText``, ``text`` (the
sentence the event is in), ``eventLoc`` (``{name, geonamesID, lat, lon}`` or null),
``publication``, ``url``, ``language``. Must not: decide anything about the event (the coder
did) or filter rows (``sql.py`` does).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import duckdb

from ..model import Article

RECORD_FIELDS = (
    "id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "eventLoc",
    "publication", "url", "language",
)
ACTOR_FIELDS = ("actorText", "code")  # and "wikidata" where known
LOCATION_FIELDS = ("name", "geonamesID", "lat", "lon")

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (cut at ., !, ? before a space, or a newline)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end)
    right = found.start() + 1 if found and text[found.start()] in ".!?" else (found.start() if found else len(text))
    return text[left:right].strip()


def _actors(role: Mapping[str, Any], known: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One PLOVER actor per actor of the role (each member of a coordinated one)."""
    if not role.get("text"):
        return []
    out = []
    for actor in role.get("members") or [role]:
        facts = known.get(actor.get("actor") or "", {})
        record: dict[str, Any] = {"actorText": actor["text"], "code": facts.get("country") or actor.get("actor")}
        if facts.get("wikidata"):
            record["wikidata"] = facts["wikidata"]
        out.append(record)
    return out


def record(
    article: Mapping[str, Any], index: int, event: Mapping[str, Any], place: Mapping[str, Any] | None,
    actors: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """The PLOVER record of ``article``'s event ``index`` (``event`` in ``Event.to_dict`` shape;
    ``article`` with id, text, published, outlet, url, language; ``actors`` id -> country and
    wikidata)."""
    spans = event["trigger"]["spans"]
    time = (event.get("time") or {}).get("value")
    date = time if isinstance(time, str) and _FULL_DATE.match(time) else article.get("published")
    location = None
    if place is not None:
        location = {"name": place["name"], "geonamesID": place.get("geonameid"), "lat": place.get("lat"),
                    "lon": place.get("lon")}
    return {
        "id": f"{article['id']}-{index}",
        "date": date,
        "event": event["type"],
        "mode": event.get("mode") or "",
        "context": list(event.get("context") or []),
        "source": _actors(event["source"], actors),
        "target": _actors(event["target"], actors),
        "eventText": event["trigger"]["text"],
        "text": sentence_around(article["text"], spans[0][0], spans[-1][1]) if spans else "",
        "eventLoc": location,
        "publication": article.get("outlet"),
        "url": article.get("url"),
        "language": article.get("language"),
    }


def article_records(article: Article) -> Iterator[dict[str, Any]]:
    """The PLOVER records of an analysed article's events (``analyze --format plover``)."""
    data = article.to_dict()
    actors = {a["id"]: a for a in data["actors"]}
    for index, event in enumerate(data["events"]):
        place = data["places"][event["place"]] if event["place"] is not None else None
        yield record(data, index, event, place, actors)


def _role(row: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    members = row.get(f"{prefix}_members")
    return {
        "text": row[f"{prefix}_text"], "actor": row[f"{prefix}_actor"],
        "members": json.loads(members) if isinstance(members, str) and members else [],
    }


def stored_records(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    """The PLOVER records of the events rows ``sql`` selects (filtered by ``sql.build``)."""
    actors = {
        row[0]: {"country": row[1], "wikidata": row[2]}
        for row in conn.execute("SELECT id, country, wikidata FROM actors").fetchall()
    }
    joined = (
        "SELECT e.*, a.text AS article_text, a.outlet, a.url, a.language, "
        "p.name AS place_name, p.geonameid, p.lat, p.lon "
        f"FROM ({sql}) e JOIN articles a ON a.id = e.article_id "
        'LEFT JOIN places p ON p.article_id = e.article_id AND p."index" = e.place'
    )
    cursor = conn.execute(joined, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(1024):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            published = row["published"]
            article = {
                "id": row["article_id"], "text": row["article_text"], "outlet": row["outlet"], "url": row["url"],
                "language": row["language"], "published": published.isoformat() if published is not None else None,
            }
            event = {
                "type": row["type"], "mode": row["mode"],
                "context": json.loads(row["context"]) if row["context"] else [],
                "source": _role(row, "source"), "target": _role(row, "target"),
                "trigger": {"text": row["trigger_text"], "spans": row["trigger_spans"] or []},
                "time": {"value": row["time_value"]},
            }
            place = None
            if row["place_name"] is not None:
                place = {"name": row["place_name"], "geonameid": row["geonameid"], "lat": row["lat"], "lon": row["lon"]}
            yield record(article, row["index"], event, place, actors)
