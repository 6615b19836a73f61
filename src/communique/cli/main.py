"""The ``communique`` command: thin wrappers over the Python API.

Owns: parsing options, calling one API function per command, rendering through ``render.py`` and
choosing the exit status (0 all good, 1 some items failed or the database failed, 2 usage
error), and the last-resort handler in :func:`main` (a user never sees a traceback). Must not:
contain analysis, SQL or formatting logic of its own.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from communique.cli import render
from communique.cli.evaluate import eval_app
from communique.cli.kb import kb_app
from communique.cli.options import SwitchCommand, SwitchGroup, switch
from communique.cli.record import register as register_record_commands
from communique.cli.serve import register as register_serve_command
from communique.errors import Code, CommuniqueError, ModelLoadError, StoreError, UsageError, unreadable
from communique.settings import DEFAULT_SPACY_MODEL, Settings

app = typer.Typer(
    name="communique",
    help="Who said what, who did what to whom, when and where: sourced records from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=SwitchGroup,
)
train_app = typer.Typer(
    help="Train the project's own models from training splits.", no_args_is_help=True, cls=SwitchGroup
)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(kb_app, name="kb")
register_record_commands(app)
register_serve_command(app)

out = render.CliConsole()
err = render.CliConsole(stderr=True, soft_wrap=True)  # an error or failure is one line, always

DEFAULT_DB = Path("communique.duckdb")

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for standard input.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date for inputs without one (2016-11-24, 24 November 2016, ...).")
]
ModelOpt = Annotated[
    str, typer.Option("--model", help="spaCy pipeline (an installed package name, e.g. en_core_web_md).")
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Refuse files larger than this many bytes (per line for JSON Lines, per record for WARC).",
    ),
]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor definitions (TSV/JSONL, see `communique kb`).")
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="Analyze in this many processes (each loads spaCy once).")
]
OnlyOpt = Annotated[
    str | None,
    typer.Option("--only", help="Run only these extractors, comma-separated (times, attribution, actors, places, events, dating)."),
]
WithoutOpt = Annotated[
    str | None, typer.Option("--without", help="Run every extractor but these, comma-separated (e.g. places).")
]
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
AccurateOpt = Annotated[
    bool,
    switch(
        "--accurate",
        help="Attribution and event typing also read a MiniLM encoder: more accurate, slower; needs communique\\[encoder].",
    ),
]


def _settings(
    published: str | None,
    model: str,
    max_bytes: int,
    actors: list[Path] | None,
    workers: int = 1,
    accurate: bool = False,
) -> Settings:
    if published is not None:  # the formats metadata may use; normalised to YYYY-MM-DD
        from communique.ingest.published import published_option

        published = published_option(published)
    return Settings(
        spacy_model=model,
        published=published,
        max_bytes=max_bytes,
        actor_files=tuple(actors or ()),
        workers=workers,
        accurate_attribution=accurate,
    )


def _names(option: str | None) -> list[str]:
    """``attribution, times`` -> ``["attribution", "times"]``."""
    return [name.strip() for name in (option or "").split(",") if name.strip()]


def _fail_usage(exc: CommuniqueError) -> typer.Exit:
    """Exit 2: the command line asked for something impossible."""
    err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
    return typer.Exit(2)


def _fail(exc: CommuniqueError) -> typer.Exit:
    """Exit 2 for a usage error, 1 for anything else (a database locked by another process,
    unreadable or of another schema version: nothing the options could have said better)."""
    if isinstance(exc, UsageError):
        return _fail_usage(exc)
    err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
    return typer.Exit(1)


@app.command(cls=SwitchCommand)
def analyze(
    paths: PathsArg,
    published: PublishedOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (readable), json (one JSON object per article per line) or plover (one PLOVER record per event per line).")
    ] = "text",
    model: ModelOpt = DEFAULT_SPACY_MODEL,
    max_bytes: MaxBytesOpt = Settings.max_bytes,
    actors: ActorsOpt = None,
    workers: WorkersOpt = 1,
    accurate: AccurateOpt = False,
    only: OnlyOpt = None,
    without: WithoutOpt = None,
) -> None:
    """Analyze articles and print what was found, without a database."""
    from communique.model import Failure
    from communique.pipeline import analyze_paths, choose_extractors

    if output_format not in ("text", "json", "plover"):
        raise _fail_usage(UsageError(Code.E301, value=output_format, choices="text, json, plover"))
    try:
        settings = _settings(published, model, max_bytes, actors, workers, accurate)
        if only is not None or without is not None:
            chosen = choose_extractors(_names(only), _names(without))
            settings = dataclasses.replace(settings, extractors=chosen)
        results = analyze_paths(paths, settings)
        failures = 0
        for item in results:
            if isinstance(item, Failure):
                failures += item.status == "failed"
                err.print(render.failure_line(item), highlight=False, markup=False)
            else:
                for line in render.warning_lines(item):
                    err.print(line, highlight=False, markup=False)
                if output_format == "json":
                    sys.stdout.write(render.article_json(item) + "\n")
                elif output_format == "plover":
                    sys.stdout.writelines(line + "\n" for line in render.plover_lines(item))
                else:
                    render.render_article(out, item)
    except (UsageError, ModelLoadError) as exc:
        raise _fail_usage(exc) from exc
    raise typer.Exit(1 if failures else 0)


@app.command(cls=SwitchCommand)
def ingest(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    published: PublishedOpt = None,
    model: ModelOpt = DEFAULT_SPACY_MODEL,
    max_bytes: MaxBytesOpt = Settings.max_bytes,
    actors: ActorsOpt = None,
    workers: WorkersOpt = 1,
    accurate: AccurateOpt = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine) or dask (a Dask cluster; needs communique\\[dask]).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="With --engine dask: a running Dask scheduler's address.")
    ] = None,
) -> None:
    """Analyze articles and store them in a DuckDB database (re-ingesting is a no-op)."""
    from communique.pipeline import ingest_paths

    if engine not in ("local", "dask"):
        raise _fail_usage(UsageError(Code.E126, value=engine, choices="local, dask"))
    if scheduler and engine != "dask":
        raise _fail_usage(UsageError(Code.E127))

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    try:
        settings = _settings(published, model, max_bytes, actors, workers, accurate)
        with progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(item: object, outcome: str) -> None:
                progress.advance(task)
                progress.update(task, description=f"ingesting ({outcome}: {getattr(item, 'source', '')})")

            if engine == "dask":
                from communique.scale import ingest_dask

                summary = ingest_dask(paths, db, settings, on_item=on_item, scheduler=scheduler)
            else:
                summary = ingest_paths(paths, db, settings, on_item=on_item)
    except (UsageError, ModelLoadError, StoreError) as exc:
        raise _fail(exc) from exc
    err.print(
        f"ingested {summary.ingested}, already present {summary.already_present}, "
        f"skipped {len(summary.skipped)}, failed {len(summary.failed)} -> {db}",
        highlight=False,
    )
    for failure in summary.skipped + summary.failed:
        err.print(render.failure_line(failure), highlight=False, markup=False)
    raise typer.Exit(0 if summary.ok else 1)


@app.command(cls=SwitchCommand)
def query(
    table: Annotated[str, typer.Argument(help="articles, statements, events, actors, mentions, times, places or failures.")] = "statements",
    db: DbOpt = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor name or id (substring, case-insensitive).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Text search (substring, case-insensitive).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = 50,
    output_format: Annotated[str, typer.Option("--format", help="table or json (JSON Lines).")] = "table",
    literal_only: Annotated[bool, switch("--literal-only", help="places: only mentions of the place as "
                                         "ground, not metonymic (Moscow said) or demonym (Russian) ones.")] = False,
) -> None:
    """Read back articles, statements, events, actors, times or places from the database."""
    from communique.query import query as run_query
    from communique.store import Database

    if output_format not in ("table", "json"):
        raise _fail_usage(UsageError(Code.E301, value=output_format, choices="table, json"))
    if not db.exists():
        raise _fail_usage(StoreError(Code.E201, path=db, detail="no such file; run `communique ingest` first"))
    try:
        with Database(db, read_only=True) as handle:
            rows = run_query(
                handle, table, actor=actor, since=since, until=until, article=article, text=text, limit=limit,
                literal_only=literal_only,
            )
    except (UsageError, StoreError) as exc:
        raise _fail(exc) from exc
    if output_format == "json":
        for line in render.rows_jsonl(rows):
            sys.stdout.write(line + "\n")
    else:
        render.render_rows(out, rows, table)


@app.command(cls=SwitchCommand)
def export(
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, or plover (events as PLOVER records).")] = "jsonl",
    table: Annotated[str, typer.Option(help="Which table to export.")] = "statements",
    db: DbOpt = DEFAULT_DB,
    output: Annotated[Path | None, typer.Option("--out", help="Output file (default: standard output; parquet needs a file).")] = None,
) -> None:
    """Export a table of the database as JSON Lines, CSV or Parquet, or its events as PLOVER records."""
    from communique.query import export as run_export
    from communique.store import Database

    if not db.exists():
        raise _fail_usage(StoreError(Code.E201, path=db, detail="no such file; run `communique ingest` first"))
    try:
        with Database(db, read_only=True) as handle:
            written = run_export(handle, output, output_format, table)
    except (UsageError, StoreError) as exc:
        raise _fail(exc) from exc
    if output is not None:
        err.print(f"wrote {written} rows to {output}", highlight=False, markup=False)


EpochsOpt = Annotated[int, typer.Option(min=1, help="Training passes.")]
SeedOpt = Annotated[int, typer.Option(help="Random seed (fixed for reproducibility).")]


def _train(task: str, data: Path, output: Path, epochs: int, seed: int, model: str, **options: Any) -> None:
    """Run ``communique.train.<task>.train`` and print its summary as JSON."""
    import importlib

    trainer = importlib.import_module(f"communique.train.{task}")
    _run_training(
        data, output, lambda: trainer.train(data, output, Settings(spacy_model=model), epochs=epochs, seed=seed, **options)
    )


def _run_training(data: Path, output: Path, run: Callable[[], dict[str, Any]]) -> None:
    """Check ``--out``, ``run`` a trainer and print its summary as JSON; its errors as one line."""
    try:
        _check_out_folder(output)  # before training, which may take an hour
        summary = run()
    except (UsageError, ModelLoadError) as exc:
        raise _fail_usage(exc) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail_usage(unreadable(data, exc)) from exc
    sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")


@train_app.command("attribution", cls=SwitchCommand)
def train_attribution(
    train_dir: Annotated[Path, typer.Argument(help="A PolNeAR training split (text/ and attributions/).")],
    output: Annotated[Path, typer.Option("--out", help="Folder for attribution_model.json.")] = Path("runs/attribution"),
    epochs: EpochsOpt = 8,
    seed: SeedOpt = 13,
    model: ModelOpt = DEFAULT_SPACY_MODEL,
    encoder: Annotated[
        bool,
        switch(
            "--encoder",
            help="Train the accurate configuration: fine-tune the MiniLM tagger (about an hour on 2 CPU cores) "
            "and fit the models on its scores; needs communique\\[encoder].",
        ),
    ] = False,
) -> None:
    """Train the attribution model; copy the result to src/communique/data/attribution/ to ship it."""
    options = {"encoder": True, "log": lambda line: err.print(line, highlight=False, markup=False)} if encoder else {}
    _train("attribution", train_dir, output, epochs, seed, model, **options)


@train_app.command("events", cls=SwitchCommand)
def train_events(
    path: Annotated[Path, typer.Argument(help="PLV_train.tsv (sentences with PLOVER root types).")],
    output: Annotated[Path, typer.Option("--out", help="Folder for event_model.json (event_model_encoder.json and event_top.safetensors with --encoder).")] = Path("runs/events"),
    epochs: EpochsOpt = 8,
    seed: SeedOpt = 13,
    model: ModelOpt = DEFAULT_SPACY_MODEL,
    encoder: Annotated[
        bool,
        switch(
            "--encoder",
            help="Train the accurate typer (--accurate): a head over frozen MiniLM vectors "
            "(event_model_encoder.json) and MiniLM's top layers fine-tuned (event_top.safetensors, for "
            "packages/encoder-weights); about 11 minutes on 2 busy CPU cores; needs communique\\[encoder].",
        ),
    ] = False,
    ngec: Annotated[
        Path | None,
        typer.Option(
            "--ngec",
            help="With --encoder: the accurate typer also trains on the NGEC synthetic stories "
            "(the ngec_synthetic folder or its zip; one story in five is left out for the NGEC evaluation).",
        ),
    ] = None,
) -> None:
    """Train the PLOVER event-type classifier; copy the result to src/communique/data/events/ to ship it."""
    options: dict[str, Any] = {"ngec": ngec} if ngec is not None else {}
    if encoder:
        options |= {"encoder": True, "log": lambda line: err.print(line, highlight=False, markup=False)}
    _train("events", path, output, epochs, seed, model, **options)


@train_app.command("cue-filter")
def train_cue_filter(
    train_dir: Annotated[Path, typer.Argument(help="The PolNeAR training split the model was trained on.")],
    output: Annotated[Path, typer.Option("--out", help="Folder for cue_filter.json.")] = Path("runs/attribution"),
    model_file: Annotated[
        Path | None, typer.Option("--model-file", help="The attribution_model.json to filter for (default: the shipped one).")
    ] = None,
    model: ModelOpt = DEFAULT_SPACY_MODEL,
) -> None:
    """Find the words the attribution model never takes for a cue on its training texts (they are then not
    scored); copy cue_filter.json to src/communique/data/attribution/ beside the model it was made for."""
    from communique.train import cue_filter

    _run_training(train_dir, output, lambda: cue_filter.train(train_dir, output, Settings(spacy_model=model), model_file))


def _check_out_folder(output: Path) -> None:
    """``--out`` of a train command must be a folder this process can create and write into."""
    if output.exists() and not output.is_dir():
        raise UsageError(Code.E310, path=output)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(Code.E307, path=output, detail=exc.strerror or str(exc)) from exc


def main() -> None:
    """Console-script entry point. The commands turn every error they expect into a named
    error line; this is the safety net for one they did not: still one line with a code and
    exit 1, never a traceback (``COMMUNIQUE_DEBUG=1`` shows it, for a bug report)."""
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - the last resort, by design
        if os.environ.get("COMMUNIQUE_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        err.print(Text.assemble(("error:", "red"), " ", Code.E311.format(detail=detail)), highlight=False)
        sys.exit(1)
