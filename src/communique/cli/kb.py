"""The ``communique kb`` commands: list, search and explain actors; import Wikidata exports.

Owns: parsing the options of the ``kb`` sub-app and rendering its results through
``render.py``. Each command wraps one function of ``communique.extract.actors.kb``; no
lookup logic lives here. Mounted by ``cli/main.py`` as ``app.add_typer(kb_app, name="kb")``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from communique.cli import render
from communique.errors import CommuniqueError

kb_app = typer.Typer(help="The actor knowledge base: list, search, explain, import.", no_args_is_help=True)

out = Console(soft_wrap=False)
err = Console(stderr=True)

ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor files (TSV/JSONL) to include, as in `analyze --actors`."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")]


def _kb(actors: list[Path] | None):  # noqa: ANN202 (KnowledgeBase; imported lazily for speed)
    from communique.extract.actors.kb import load_kb

    return load_kb(tuple(actors or ()))


def _show(rows: list[dict[str, object]], title: str, as_json: bool) -> None:
    if as_json:
        for line in render.rows_jsonl(rows):
            sys.stdout.write(line + "\n")
    else:
        render.render_rows(out, rows, title)


def _fail(exc: CommuniqueError) -> typer.Exit:
    err.print(exc.reason, highlight=False, markup=False)
    return typer.Exit(code=2)


@kb_app.command("list")
def kb_list(
    type_: Annotated[str | None, typer.Option("--type", help="person, country, government, military, organisation, ...")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code (RUS).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many entries.")] = 50,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List entries, optionally of one type or country."""
    from communique.extract.actors.kb import entry_rows, list_entries

    try:
        entries = list_entries(_kb(actors), type_=type_, country=country)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    _show(entry_rows(entries[:limit]), f"actors (of {len(entries)})", as_json)


@kb_app.command("search")
def kb_search(
    query: Annotated[str, typer.Argument(help="Part of a name or alias (accents and case ignored).")],
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find entries whose name, alias or id contains QUERY."""
    from communique.extract.actors.kb import entry_rows

    try:
        entries = _kb(actors).search(query, limit=limit)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    _show(entry_rows(entries), f"actors matching {query!r}", as_json)


@kb_app.command("explain")
def kb_explain(
    id_or_name: Annotated[str, typer.Argument(help="An actor id (Q2866, GOV-RUS), a name or alias, or a role ('the US president' with --date).")],
    date: Annotated[str | None, typer.Option("--date", help="Show the roles held on this date (YYYY-MM-DD).")] = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Everything the knowledge base holds about one actor."""
    from communique.extract.actors.kb import explain_rows

    try:
        kb = _kb(actors)
        rows = explain_rows(kb, kb.explain(id_or_name, date), date)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(next(iter(render.rows_jsonl([{r["field"]: r["value"] for r in rows}]))) + "\n")
    else:
        render.render_rows(out, rows, id_or_name)


@kb_app.command("import")
def kb_import(
    path: Annotated[Path, typer.Argument(help="A Wikidata export: entity JSON, a query-service JSON or CSV result.")],
    fmt: Annotated[str, typer.Option("--format", help="wikidata-json or csv.")] = "wikidata-json",
    out_path: Annotated[Path, typer.Option("--out", help="Actor file (TSV) to write, for --actors.")] = Path("actors.tsv"),
) -> None:
    """Convert a Wikidata JSON or CSV export into an actor file usable with --actors."""
    from communique.extract.actors.kb import import_actor_file

    try:
        count = import_actor_file(path, fmt, out_path)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    err.print(f"wrote {count} actors to {out_path}", highlight=False, markup=False)
