"""The pages and their JSON twins: ``/x`` renders HTML, ``/api/x`` gives the same data as JSON.

Owns: reading each page's parameters (a bad one is a 400, a missing item a 404), calling one
function of the query layer, and naming the template. Must not: hold SQL, or render anything
but through :func:`communique.web.app.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..query import browse
from ..query import record as record_query
from ..query.positions import positions as topic_positions
from ..query.record import RecordFilters
from ..store.record_schema import STANCE_RELATIONS
from .app import reading, render

MAX_TEXT = 200  # longest accepted text parameter


def text_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise HTTPException(400, f"parameter {name!r} is over {MAX_TEXT} characters")
    return value or None


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPException(400, f"parameter {name!r} must be a whole number, not {raw[:40]!r}") from None
    if not low <= value <= high:
        raise HTTPException(400, f"parameter {name!r} must be between {low} and {high}, not {value}")
    return value


def _found(item: Any, kind: str, key: str) -> Any:
    if item is None:
        raise HTTPException(404, f"no {kind} with id {key[:80]!r}")
    return item


def home(request: Request) -> dict[str, Any]:
    with reading(request) as db:
        return browse.summary(db, text_param(request, "since"), text_param(request, "until"),
                              int_param(request, "top", 10, 1, 100))


def search(request: Request) -> dict[str, Any]:
    filters = {name: text_param(request, name) for name in ("actor", "outlet", "since", "until", "stance", "certainty")}
    with reading(request) as db:
        found = browse.search(db, text_param(request, "q") or "", size=int_param(request, "size", 20, 1, browse.MAX_PAGE),
                              offset=int_param(request, "offset", 0, 0, 10_000_000), **filters)
    return {**found, "filters": filters}


def article(request: Request) -> dict[str, Any]:
    key = request.path_params["article_id"]
    with reading(request) as db:
        return {"article": _found(browse.article(db, key), "article", key)}


def actor(request: Request) -> dict[str, Any]:
    key = request.path_params["actor_id"]
    with reading(request) as db:
        return _found(browse.actor(db, key, int_param(request, "limit", 200, 1, browse.MAX_PAGE)), "actor", key)


def claim(request: Request) -> dict[str, Any]:
    key = request.path_params["claim_id"]
    with reading(request) as db:
        return {"claim": _found(browse.claim(db, key), "claim", key)}


def positions(request: Request) -> dict[str, Any]:
    topic = text_param(request, "topic")
    filters = RecordFilters(since=text_param(request, "since"), until=text_param(request, "until"),
                            limit=int_param(request, "limit", 200, 1, browse.MAX_PAGE))
    with reading(request) as db:
        lines = topic_positions(db, topic, filters) if topic else []
    return {"topic": topic, "positions": lines}


def network(request: Request) -> dict[str, Any]:
    chosen = {name: text_param(request, name) for name in ("since", "until", "relation", "kind", "actor")}
    limit = int_param(request, "limit", 150, 1, browse.MAX_PAGE)
    filters = RecordFilters(actor=chosen["actor"], since=chosen["since"], until=chosen["until"], limit=limit)
    with reading(request) as db:
        edges = record_query.network(db, filters, relation=chosen["relation"], kind=chosen["kind"])
    relations = sorted({*STANCE_RELATIONS.values(), "comments on", *(e["relation"] for e in edges if e["relation"])})
    return {"filters": chosen, "limit": limit, "relations": relations, "edges": edges}


def places(request: Request) -> dict[str, Any]:
    limit = int_param(request, "limit", 100, 1, browse.MAX_PAGE)
    geonameid = int_param(request, "geonameid", -1, 0, 2**62)
    name = text_param(request, "name")
    with reading(request) as db:
        if geonameid >= 0 or name:  # one place: its mentions, statements and events
            key = str(geonameid) if geonameid >= 0 else name or ""
            found = browse.place(db, geonameid=geonameid if geonameid >= 0 else None, name=name, limit=limit)
            return {"places": [], "place": _found(found, "place", key)}
        return {"places": browse.places(db, limit), "place": None}


def api_index(request: Request) -> dict[str, Any]:
    return {"endpoints": [{"path": f"/api{path}" if path != "/" else "/api/summary", "page": path, "about": about}
                          for path, _, _, about in PAGES]}


def _endpoint(handler: Callable[[Request], dict[str, Any]], template: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        return render(request, template, handler(request))

    return endpoint


# (path, handler, template, what the page shows): each is served as HTML and under /api as JSON.
PAGES: list[tuple[str, Callable[[Request], dict[str, Any]], str, str]] = [
    ("/", home, "home.html", "counts, date range, most-reported actors and claims (since, until, top)"),
    ("/search", search, "search.html", "statements whose content or title holds every word of q, BM25-ranked "
     "(actor, outlet, since, until, stance, certainty, size, offset)"),
    ("/articles/{article_id}", article, "article.html", "one article with its statements, events, times, places"),
    ("/actors/{actor_id}", actor, "actor.html",
     "one actor: claims in time, positions by topic, network both ways, outlets (limit)"),
    ("/claims/{claim_id}", claim, "claim.html", "one claim: every report and every answer"),
    ("/positions", positions, "positions.html", "each actor's position on a topic over time (topic, since, until, limit)"),
    ("/network", network, "network.html", "actor edges drawn and listed (since, until, relation, kind, actor, limit)"),
    ("/places", places, "places.html",
     "places by mentions, on a map (limit); one place's mentions, statements and events (geonameid or name)"),
]

ROUTES = [Route("/api", _endpoint(api_index, "error.html")), Route("/api/summary", _endpoint(home, "home.html"))]
for _path, _handler, _template, _ in PAGES:
    ROUTES.append(Route(_path, _endpoint(_handler, _template)))
    if _path != "/":
        ROUTES.append(Route(f"/api{_path}", _endpoint(_handler, _template)))
