"""``communique serve``: the read-only browser view of a database.

Owns: the command's options and exit statuses (2: a network-facing host without a token; 1: a
database that cannot be opened). Must not: hold the app; ``communique.web`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from communique.cli import render
from communique.cli.options import SwitchCommand
from communique.errors import Code, CommuniqueError, StoreError

err = render.CliConsole(stderr=True, soft_wrap=True)


def _fail(exc: CommuniqueError, status: int) -> typer.Exit:
    err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
    return typer.Exit(status)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``communique`` app."""

    @app.command(cls=SwitchCommand)
    def serve(
        db: Annotated[Path, typer.Option("--db", help="DuckDB database file (opened read-only).")] = Path(
            "communique.duckdb"
        ),
        host: Annotated[str, typer.Option("--host", help="Address to listen on; not loopback needs --token.")] = (
            "127.0.0.1"
        ),
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
        token: Annotated[
            str | None,
            typer.Option("--token", envvar="COMMUNIQUE_TOKEN", help="Every request must carry this token "
                         "(Authorization: Bearer, or the cookie set by the printed URL)."),
        ] = None,
    ) -> None:
        """Browse the record in a web browser: articles with who said what highlighted, actors,
        claims, positions, the network and places; every page also as JSON under /api."""
        from communique.store import Database
        from communique.web import server

        try:
            server.check_host(host, token)
        except CommuniqueError as exc:
            raise _fail(exc, 2) from exc
        if not db.exists():
            raise _fail(StoreError(Code.E201, path=db, detail="no such file; run `communique ingest` first"), 1)
        try:
            Database(db, read_only=True).close()  # a bad or old file is refused before listening
        except CommuniqueError as exc:
            raise _fail(exc, 1) from exc
        err.print(f"serving {db} read-only at {server.url(host, port, token)} (Ctrl-C stops)",
                  highlight=False, markup=False)
        server.serve(db, host, port, token)
