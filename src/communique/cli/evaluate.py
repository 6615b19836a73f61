"""The ``communique eval`` commands: one per evaluation task, all of the same shape.

Owns: the table of tasks (name, module under ``communique.evaluate``, what PATH is) and turning
each row into a Typer command that calls ``module.evaluate(path, settings)`` and renders the
report. Must not: score anything itself.
"""


import importlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from communique.cli import render
from communique.cli.options import SwitchCommand, SwitchGroup, switch
from communique.errors import CommuniqueError, unreadable
from communique.settings import DEFAULT_SPACY_MODEL, Settings

eval_app = typer.Typer(
    help="Score an extractor on public gold data (dev splits in ../shared).", no_args_is_help=True, cls=SwitchGroup
)
out = render.CliConsole()
err = render.CliConsole(stderr=True, soft_wrap=True)

ModelOpt = Annotated[str, typer.Option("--model", help="spaCy pipeline to evaluate with.")]
JsonOpt = Annotated[bool, switch("--json", help="Print the report as JSON.")]
AccurateOpt = Annotated[
    bool, switch("--accurate", help="Attribution tasks and events: evaluate the accurate (encoder) configuration.")
]
ShippedOpt = Annotated[
    bool, switch("--shipped", help="Score the shipped model on PATH, without training (held-out data).")
]
EndToEndOpt = Annotated[
    bool, switch("--end-to-end", help="geo: find the toponyms with our own recognizer too "
                 "(summary.acc161 then counts a missed gold toponym as wrong).")
]
AblateOpt = Annotated[
    bool, switch("--ablate", help="polnear: score once more without each attribution repair rule and "
                 "print what each is worth (exact F1 change per role).")
]

# (command, module in communique.evaluate, help for PATH, PATH required?, summary)
TASKS = [
    ("polnear", "polnear", "A PolNeAR split folder (with text/ and attributions/).", True,
     "Attribution: exact and token-overlap P/R/F1 per role (source, cue, content)."),
    ("speakers", "speakers", "Speaker cases (JSON Lines); default: eval/attribution/speaker_cases.jsonl of the source.", False,
     "Attribution: speaker resolution accuracy on the hard-case set."),
    ("statements", "statements", "Passages with their statements as strings (JSON Lines); default: eval/attribution/wire_statements.jsonl of the source.",
     False, "Attribution: P/R/F1 per role on passages annotated as plain strings (your own gold, or ours)."),
    ("timeml", "timeml", "A TimeML (.tml) or MEANTIME (CAT XML) folder.", True,
     "Time: TempEval-3 strict/relaxed extraction F1, value accuracy and value F1."),
    ("geo", "geo", "A toponym gold file (LGL or GeoVirus XML).", True,
     "Places: toponym resolution accuracy within 161 km and exact GeoNames id match."),
    ("metonymy", "metonymy", "The ReLocaR folder or training file.", True,
     "Places: literal / metonymic accuracy (cross-validated on the training file)."),
    ("linking", "linking", "Labelled mentions; default: eval/actors/linking_gold.tsv of the source.", False,
     "Actors: linking accuracy on the labelled mention set."),
    ("corpus", "corpus", "A corpus gold set: gold.jsonl (articles.jsonl beside it) or its folder.", True,
     "Corpus record: claim clustering, answer links, wire copies, positions and timelines."),
]


# the tasks that run the attribution extractor, the only ones --accurate changes
ATTRIBUTION_TASKS = frozenset({"polnear", "speakers", "statements", "corpus"})
# the tasks that can run their own recognizer instead of taking the gold spans
END_TO_END_TASKS = frozenset({"geo"})


def _run(module_name: str, path: Path | None, model: str, as_json: bool, accurate: bool,
         end_to_end: bool = False, ablate: bool = False, **options: Any) -> None:
    if ablate and module_name != "polnear":
        err.print("error: --ablate applies to: polnear", highlight=False, markup=False)
        raise typer.Exit(2)
    if ablate:
        options["ablate"] = True
    if end_to_end and module_name not in END_TO_END_TASKS:
        err.print(f"error: --end-to-end applies to: {', '.join(sorted(END_TO_END_TASKS))}",
                  highlight=False, markup=False)
        raise typer.Exit(2)
    if accurate and module_name not in ATTRIBUTION_TASKS | {"events"}:
        err.print(
            f"error: --accurate applies to the attribution tasks only ({', '.join(sorted(ATTRIBUTION_TASKS))})",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(2)
    module = importlib.import_module(f"communique.evaluate.{module_name}")
    try:
        try:
            settings = Settings(spacy_model=model, accurate_attribution=accurate)
            if end_to_end:
                options["end_to_end"] = True
            report = module.evaluate(path, settings, **options)
        except (OSError, UnicodeDecodeError) as exc:  # readers that let these through: name the file
            raise unreadable(path, exc) from exc
    except CommuniqueError as exc:  # a wrong PATH or a missing model: the user's to fix
        err.print(Text.assemble(("error:", "red"), " ", exc.reason), highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        render.render_report(out, report)


def _register(name: str, module_name: str, path_help: str, required: bool, summary: str) -> None:
    if required:

        def command(
            path: Annotated[Path, typer.Argument(help=path_help)],
            model: ModelOpt = DEFAULT_SPACY_MODEL,
            as_json: JsonOpt = False,
            accurate: AccurateOpt = False,
            end_to_end: EndToEndOpt = False,
            ablate: AblateOpt = False,
        ) -> None:
            _run(module_name, path, model, as_json, accurate, end_to_end, ablate)

    else:

        def command(  # type: ignore[misc]
            path: Annotated[Path | None, typer.Argument(help=path_help)] = None,
            model: ModelOpt = DEFAULT_SPACY_MODEL,
            as_json: JsonOpt = False,
            accurate: AccurateOpt = False,
            end_to_end: EndToEndOpt = False,
            ablate: AblateOpt = False,
        ) -> None:
            _run(module_name, path, model, as_json, accurate, end_to_end, ablate)

    command.__doc__ = summary
    eval_app.command(name, cls=SwitchCommand)(command)


for task in TASKS:
    _register(*task)


@eval_app.command("events", cls=SwitchCommand)
def eval_events(
    path: Annotated[
        Path, typer.Argument(help="A PLV-format .tsv (PLV_train.tsv or any held-out file), the NGEC synthetic folder/zip, or PLOVER_GSR_CAMEO.json.")
    ],
    model: ModelOpt = DEFAULT_SPACY_MODEL,
    as_json: JsonOpt = False,
    accurate: AccurateOpt = False,
    shipped: ShippedOpt = False,
    ngec: Annotated[
        Path | None,
        typer.Option(
            "--ngec",
            help="PLV with --accurate: each fold's typer also trains on the NGEC synthetic stories of this "
            "folder, as train events --encoder --ngec does (the shipped typer does not: they cost 2.5 macro-F1).",
        ),
    ] = None,
) -> None:
    """Events: PLOVER type accuracy and macro-F1 (cross-validated on PLV, or the shipped model with
    --shipped), or NGEC main-event accuracy (on the stories no model trained on)."""
    _run("events", path, model, as_json, accurate, shipped=shipped, encoder=accurate, ngec=ngec)
