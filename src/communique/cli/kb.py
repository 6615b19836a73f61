"""The ``communique kb`` commands: list, search and explain actors; import Wikidata exports.

Owns: parsing the options of the ``kb`` sub-app and rendering its results through
``render.py``. Each command wraps one function of ``communique.extract.entities.kb``; no
lookup logic lives here. Mounted by ``cli/main.py`` as ``app.add_typer(kb_app, name="kb")``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from communique.cli import render
from communique.cli.options import SwitchCommand, SwitchGroup, switch
from communique.errors import Code, CommuniqueError, UsageError

kb_app = typer.Typer(
    help="The actor knowledge base: list, search, explain, import.", no_args_is_help=True, cls=SwitchGroup
)

out = render.CliConsole()
err = render.CliConsole(stderr=True, soft_wrap=True)

ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor files (TSV/JSONL) to include, as in `analyze --actors`."),
]
JsonOpt = Annotated[bool, switch("--json", help="Print JSON Lines instead of a table (as --format json).")]
# the tables' caption says "every column: --format json", as for `communique query`: both spellings work
FormatOpt = Annotated[str, typer.Option("--format", help="table or json (JSON Lines; the same as --json).")]
FORMATS = ("table", "json")


def _kb(actors: list[Path] | None):  # noqa: ANN202 (KnowledgeBase; imported lazily for speed)
    from communique.extract.entities.kb import load_kb

    return load_kb(tuple(actors or ()))


def _wants_json(as_json: bool, output_format: str) -> bool:
    """``--json`` or ``--format json``; any other --format than table or json is a usage error."""
    if output_format not in FORMATS:
        raise _fail(UsageError(Code.E301, value=output_format, choices=", ".join(FORMATS)))
    return as_json or output_format == "json"


def _show(rows: list[dict[str, object]], title: str, as_json: bool, nothing: str) -> None:
    if as_json:
        for line in render.rows_jsonl(rows):
            sys.stdout.write(line + "\n")
    elif not rows:
        out.print(Text(nothing, style="dim"))
    else:
        render.render_rows(out, rows, title)


def _fail(exc: CommuniqueError) -> typer.Exit:
    err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
    return typer.Exit(code=2)


@kb_app.command("list", cls=SwitchCommand)
def kb_list(
    type_: Annotated[str | None, typer.Option("--type", help="person, country, government, military, organisation, ...")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code (RUS).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many entries.")] = 50,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    output_format: FormatOpt = "table",
) -> None:
    """List entries, optionally of one type or country."""
    from communique.extract.entities.kb import entry_rows, list_entries

    as_json = _wants_json(as_json, output_format)
    try:
        entries = list_entries(_kb(actors), type_=type_, country=country)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    rows = entry_rows(entries[:limit], alias_limit=None if as_json else 4)
    _show(rows, f"actors (of {len(entries)})", as_json, "No actors of that type and country.")


@kb_app.command("search", cls=SwitchCommand)
def kb_search(
    query: Annotated[str, typer.Argument(help="Part of a name or alias (accents and case ignored).")],
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    output_format: FormatOpt = "table",
) -> None:
    """Find entries whose name, alias or id contains QUERY (a capital or demonym finds its
    country and government, as analysis links them)."""
    from communique.extract.entities.kb import entry_rows

    as_json = _wants_json(as_json, output_format)
    try:
        entries = _kb(actors).search(query, limit=limit)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    rows = entry_rows(entries, alias_limit=None if as_json else 4)
    _show(rows, f"actors matching {query!r}", as_json, f"No actor matches {query!r}.")


@kb_app.command("explain", cls=SwitchCommand)
def kb_explain(
    id_or_name: Annotated[str, typer.Argument(help="An actor id (Q2866, GOV-RUS), a name or alias, or a role ('the US president' with --date).")],
    date: Annotated[str | None, typer.Option("--date", help="Show the roles held on this date (YYYY-MM-DD).")] = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    output_format: FormatOpt = "table",
) -> None:
    """Everything the knowledge base holds about one actor."""
    from communique.extract.entities.kb import explain_rows

    as_json = _wants_json(as_json, output_format)
    try:
        kb = _kb(actors)
        rows = explain_rows(kb, kb.explain(id_or_name, date), date)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(next(iter(render.rows_jsonl([{r["field"]: r["value"] for r in rows}]))) + "\n")
    else:
        render.render_rows(out, rows, id_or_name)


@kb_app.command("import", cls=SwitchCommand)
def kb_import(
    path: Annotated[Path, typer.Argument(help="A Wikidata export: entity JSON, a query-service JSON or CSV result.")],
    fmt: Annotated[str, typer.Option("--format", help="wikidata-json or csv.")] = "wikidata-json",
    out_path: Annotated[Path, typer.Option("--out", help="Actor file (TSV) to write, for --actors.")] = Path("actors.tsv"),
) -> None:
    """Convert a Wikidata JSON or CSV export into an actor file usable with --actors."""
    from communique.extract.entities.kb import import_actor_file

    try:
        count = import_actor_file(path, fmt, out_path)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    err.print(f"wrote {count} actors to {out_path}", highlight=False, markup=False)
