"""The application: a read-only ASGI app over one communique database (``communique serve``).

Owns: :func:`create_app`, the guard every request passes (GET and HEAD only, the token, the
security headers), opening the database read-only for one request with a time limit on its
queries, and the one place that renders an error (an HTML page, or JSON under ``/api``).
Must not: hold SQL (``communique.query.browse`` does) or keep the database from an ingest in
another process (``reader.py`` keeps it warm between requests, on a lease a writer always outlasts).
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import CommuniqueError, StoreError
from ..store import Database
from . import charts
from .highlight import highlight
from .network import network_svg
from .reader import HOLD_S, Reader
from .worldmap import place_href, world_map

TOKEN_COOKIE = "communique_token"
QUERY_TIMEOUT_S = 5.0
LOCK_WAIT_S = 5.0
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Guard:
    """ASGI middleware: refuse methods other than GET/HEAD (405), demand the token when one is
    set (401; ``?token=`` once sets a cookie), and add the security headers to every answer."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        request = Request(scope)
        if request.method not in ("GET", "HEAD"):
            response: Response = error_response(request, 405, "only GET and HEAD are allowed: this server is read-only")
            response.headers["allow"] = "GET, HEAD"
            await response(scope, receive, send_with_headers)
            return
        if self.token and not self._authorised(request):
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            else:
                response = error_response(request, 401, "this server needs its token: open the URL it printed, "
                                                        "or send 'Authorization: Bearer <token>'")
                response.headers["www-authenticate"] = "Bearer"
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _authorised(self, request: Request) -> bool:
        assert self.token
        header = request.headers.get("authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE, "")
        return hmac.compare_digest(given.encode(), self.token.encode())


_templates = Environment(loader=PackageLoader("communique.web", "templates"),
                         autoescape=select_autoescape(default=True, default_for_string=True))
_templates.globals.update(highlight=highlight, claims_chart=charts.claims_over_time,
                          positions_chart=charts.positions_over_time, network_svg=network_svg,
                          world_map=world_map, place_href=place_href)


def _safe_url(value: Any) -> str | None:
    """An article's URL when it is http(s), else None: a ``javascript:`` URL is never a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _wikidata(value: Any) -> str | None:
    text = str(value or "")
    return f"https://www.wikidata.org/wiki/{text}" if text[:1] == "Q" and text[1:].isdigit() else None


_templates.filters.update(safe_url=_safe_url, wikidata=_wikidata)


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    """A page: the template over ``data``, or ``data`` itself as JSON when the path is under /api."""
    if request.url.path.startswith("/api"):
        return Response(json.dumps(data, ensure_ascii=False, default=str), status, media_type="application/json")
    page = _templates.get_template(template).render(request=request, **data)
    return HTMLResponse(page, status)


def error_response(request: Request, status: int, message: str) -> Response:
    """Every error, one shape: ``{"error": {"status", "title", "message"}}`` or its HTML page."""
    data = {"error": {"status": status, "title": HTTPStatus(status).phrase, "message": message}}
    if request.method == "HEAD":
        return PlainTextResponse("", status)
    return render(request, "error.html", data, status)


@contextmanager
def reading(request: Request) -> Iterator[Database]:
    """The database opened read-only for this request, beside the reader's warm handle
    (``reader.py``); a query running past the time limit is interrupted (503), and the
    connection is closed at the end."""
    state = request.app.state
    with state.reader.held():
        db = Database(state.db_path, read_only=True, wait=state.lock_wait)
        timer = threading.Timer(state.query_timeout, db.connection.interrupt)
        timer.start()
        try:
            yield db
        finally:
            timer.cancel()
            db.close()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(request, exc.status_code, exc.detail)


async def _usage_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CommuniqueError)
    status = 503 if isinstance(exc, StoreError) else 400
    return error_response(request, status, exc.reason)


async def _interrupted(request: Request, exc: Exception) -> Response:
    return error_response(request, 503, "the query took longer than the server allows; narrow it with filters")


async def _unexpected(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, f"unexpected {type(exc).__name__} (a bug: please report the URL)")


def create_app(db_path: str | Path, token: str | None = None, *, query_timeout: float = QUERY_TIMEOUT_S,
               lock_wait: float = LOCK_WAIT_S, hold: float = HOLD_S) -> ASGIApp:
    """The read-only dashboard over the database at ``db_path``; with ``token``, every request
    must carry it. The file is read on a lease of at most ``hold`` seconds at a time
    (``reader.py``), so an ingest in another process gets its turn."""
    from .pages import ROUTES

    reader = Reader(str(db_path), lock_wait, hold=hold)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        reader.close()

    app = Starlette(
        routes=[*ROUTES, Mount("/static", StaticFiles(packages=[("communique.web", "static")]), name="static")],
        lifespan=lifespan,
        exception_handlers={
            HTTPException: _http_error,
            CommuniqueError: _usage_error,
            duckdb.InterruptException: _interrupted,
            Exception: _unexpected,
        },
    )
    app.state.db_path = str(db_path)
    app.state.query_timeout = query_timeout
    app.state.lock_wait = lock_wait
    app.state.reader = reader
    return Guard(app, token)
