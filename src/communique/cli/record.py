"""The corpus record commands: ``claims``, ``timeline``, ``positions``, ``network``, ``outlets``
and ``record`` (bring the record up to date).

Owns: their options and exit statuses; each calls one ``communique.Corpus``-level function and
renders through ``render_record.py`` (or writes JSON Lines). Must not: hold SQL or analysis.
Every command takes the filters of ``query`` (``--db``, ``--since``, ``--until``, ``--actor``,
``--outlet``, ``--limit``) and ``--format text|json``; a filter that matches nothing prints one
line and exits 0, an unknown actor is an error naming the nearest matches (exit 2).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from communique.cli import render, render_record
from communique.cli.options import SwitchCommand, switch
from communique.errors import Code, CommuniqueError, StoreError, UsageError

out = render.CliConsole()
err = render.CliConsole(stderr=True, soft_wrap=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Speaker name or actor id (substring, case-insensitive).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Said on or after YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Said on or before YYYY, YYYY-MM or YYYY-MM-DD.")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Reported by this outlet (substring).")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many lines.")]
FormatOpt = Annotated[str, typer.Option("--format", help="text (a readable table) or json (JSON Lines).")]
AccurateOpt = Annotated[
    bool, switch("--accurate", help="Match topics with the MiniLM encoder too (needs communique\\[encoder]).")
]


def _fail(exc: CommuniqueError, status: int = 2) -> typer.Exit:
    err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
    return typer.Exit(status)


@contextmanager
def _corpus(db: Path, accurate: bool = False, read_only: bool = True) -> Iterator[Any]:
    """A Corpus on an existing database file, read-only unless asked."""
    from communique.corpus import Corpus
    from communique.settings import Settings
    from communique.store import Database

    if not db.exists():
        raise _fail(StoreError(Code.E201, path=db, detail="no such file; run `communique ingest` first"), 1)
    corpus = Corpus(db, Settings(record_encoder=accurate))
    try:
        if read_only:
            Database(db, read_only=True).close()  # a bad or old file is refused before any work
        yield corpus
    except StoreError as exc:
        raise _fail(exc, 1) from exc
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    finally:
        corpus.close()


def _known_actor(corpus: Any, actor: str | None) -> None:
    """An ``--actor`` that no claim's speaker matches is an error naming the nearest (E901)."""
    if actor is not None:
        from communique.query.record import resolve_actor

        with corpus._reading() as handle:
            resolve_actor(handle, actor)


def _emit(lines: list[dict[str, Any]], output_format: str, render: Callable[[], None]) -> None:
    if output_format == "json":
        for line in lines:
            sys.stdout.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    else:
        render()


def _check_format(output_format: str, allowed: tuple[str, ...] = ("text", "json")) -> None:
    if output_format not in allowed:
        raise _fail(UsageError(Code.E301, value=output_format, choices=", ".join(allowed)))


def register(app: typer.Typer) -> None:
    """Add the record commands to the ``communique`` app."""

    @app.command(cls=SwitchCommand)
    def claims(
        db: DbOpt = Path("communique.duckdb"),
        actor: ActorOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        text: Annotated[str | None, typer.Option("--text", help="Content contains this (case-insensitive).")] = None,
        claim: Annotated[str | None, typer.Option("--id", help="A claim id or its prefix.")] = None,
        limit: LimitOpt = 50,
        output_format: FormatOpt = "text",
    ) -> None:
        """Claims: each saying once, with every outlet's report of it and every answer to it."""
        _check_format(output_format)
        with _corpus(db) as corpus:
            _known_actor(corpus, actor)
            lines = corpus.claims(text=text, claim=claim, actor=actor, since=since, until=until, outlet=outlet,
                                  limit=limit)
        _emit(lines, output_format, lambda: render_record.claims(out, lines))

    @app.command(cls=SwitchCommand)
    def timeline(
        actor: Annotated[str, typer.Argument(help="Speaker name or actor id.")],
        db: DbOpt = Path("communique.duckdb"),
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        limit: LimitOpt = None,
        output_format: FormatOpt = "text",
    ) -> None:
        """One actor's claims in the order they were said (not published)."""
        _check_format(output_format)
        with _corpus(db) as corpus:
            lines = corpus.timeline(actor, since=since, until=until, outlet=outlet, limit=limit)
        _emit(lines, output_format, lambda: render_record.claims(out, lines, f"timeline of {actor}"))

    @app.command(cls=SwitchCommand)
    def positions(
        topic: Annotated[str, typer.Option("--topic", help="Free text: what the positions are about.")],
        db: DbOpt = Path("communique.duckdb"),
        actor: ActorOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        limit: LimitOpt = None,
        output_format: FormatOpt = "text",
        accurate: AccurateOpt = False,
    ) -> None:
        """Each actor's position (support, oppose, conditional) on a topic, claim by claim, in time."""
        _check_format(output_format)
        with _corpus(db, accurate) as corpus:
            _known_actor(corpus, actor)
            lines = corpus.positions(topic, actor=actor, since=since, until=until, outlet=outlet, limit=limit)
        if not lines and output_format == "json":
            err.print(f"no claim matches the topic {topic!r}", highlight=False, markup=False)
        _emit(lines, output_format, lambda: render_record.positions(out, lines, topic))

    @app.command(cls=SwitchCommand)
    def network(
        db: DbOpt = Path("communique.duckdb"),
        actor: ActorOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        relation: Annotated[str | None, typer.Option("--relation", help="accuses, supports, denies, threatens, "
                                                     "appeals to, comments on, or a PLOVER event type.")] = None,
        kind: Annotated[str | None, typer.Option("--kind", help="claim or event.")] = None,
        limit: LimitOpt = None,
        output_format: Annotated[str, typer.Option("--format", help="text, json, graphml or parquet.")] = "text",
        output: Annotated[Path | None, typer.Option("--out", help="Output file (graphml and parquet need one).")] = None,
    ) -> None:
        """The actor network: who accuses, supports, denies, threatens or appeals to whom, and events."""
        _check_format(output_format, ("text", "json", "graphml", "parquet"))
        if output_format in ("graphml", "parquet") and output is None:
            raise _fail(UsageError(Code.E905, format=output_format))
        with _corpus(db) as corpus:
            _known_actor(corpus, actor)
            edges = corpus.network(relation=relation, kind=kind, actor=actor, since=since, until=until,
                                   outlet=outlet, limit=limit)
            if output_format in ("graphml", "parquet"):
                from communique.query.graph import write

                written = write(edges, output, output_format)
                err.print(f"wrote {written} edges to {output}", highlight=False, markup=False)
                return
        _emit(edges, output_format, lambda: render_record.network(out, edges))

    @app.command(cls=SwitchCommand)
    def outlets(
        db: DbOpt = Path("communique.duckdb"),
        actor: ActorOpt = None,
        topic: Annotated[str | None, typer.Option("--topic", help="Only claims about this topic.")] = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        outlet: OutletOpt = None,
        limit: LimitOpt = None,
        output_format: FormatOpt = "text",
        accurate: AccurateOpt = False,
    ) -> None:
        """Which outlets report whose claims, and how often (wire copies counted apart)."""
        _check_format(output_format)
        with _corpus(db, accurate) as corpus:
            _known_actor(corpus, actor)
            rows = corpus.outlets(topic=topic, actor=actor, since=since, until=until, outlet=outlet, limit=limit)
        _emit(rows, output_format, lambda: render_record.outlets(out, rows))

    @app.command("record", cls=SwitchCommand)
    def record(
        db: DbOpt = Path("communique.duckdb"),
        accurate: Annotated[bool, switch("--accurate", help="Compare claims with the MiniLM encoder too.")] = False,
        rebuild: Annotated[
            bool, switch("--rebuild", help="Build it again from scratch, oldest article first (order-independent).")
        ] = False,
    ) -> None:
        """Bring the corpus record up to date (ingest does this itself; use it after an upgrade)."""
        with _corpus(db, accurate, read_only=False) as corpus:
            summary = corpus.update_record(rebuild=rebuild)
        err.print(
            f"record: {summary.articles} new articles, {summary.duplicates} wire copies, "
            f"{summary.new_claims} new claims, {summary.answers} answers",
            highlight=False,
        )
