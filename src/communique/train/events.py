"""Train the PLOVER event-type classifier on PLV (``communique train events PATH [--encoder]``).

Owns: parsing a PLV TSV file (by default ../shared/eval/events/plv/PLV_train.tsv), turning its
rows into examples with the same features the coder uses (``evaluate.events.plv_mentions``),
fitting the averaged perceptron with a fixed seed and writing ``event_model.json``; with
``encoder``, fitting the accurate typer instead: its head on the frozen MiniLM vectors
(``event_model_encoder.json``) and its fine-tuned top (``event_top.safetensors``, for the
encoder-weights package; ``extract/events/tuned.py``). Both carry the provenance meta (train/provenance.py).
With ``ngec`` (``--encoder --ngec FOLDER``) the accurate typer also trains on the NGEC synthetic
stories' training part (``evaluate/events_ngec.py``; one story in five is held out for the NGEC
evaluation), down-weighted; both files' hashes go into the meta. Must not: change the features,
or let the default perceptron read the synthetic stories.

Reproducible: the same file, seed and epochs give the same weights.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError
from communique.evaluate.events import parse_plv, plv_mentions
from communique.evaluate.events_ngec import ngec_archive, ngec_mentions
from communique.extract.events.classifier import MODEL_FILE, fit, save
from communique.extract.events.lexicon import load_lexicon
from communique.settings import DEFAULT_SPACY_MODEL, Settings
from communique.train.provenance import as_safetensors_metadata, command_line, data_sha256, provenance

TRAINER = "averaged perceptron, an ensemble of five (communique.extract.events.classifier.fit)"
TOP_TRAINER = (
    "AdamW fine-tuning of all-MiniLM-L6-v2's top two layers and a linear head over the mention,"
    " class-balanced cross-entropy (communique.extract.events.tuned.fine_tune_top)"
)
ENCODER_TRAINER = (
    "logistic regression over the lexical features and frozen all-MiniLM-L6-v2 vectors"
    " (communique.extract.events.encoder.fit_head); its scores are added to the shipped"
    " event_model.json's and event_top.safetensors's, trained on the same data"
)


def train(
    path: Path, out_dir: Path, settings: Settings, epochs: int = 8, seed: int = 13, encoder: bool = False,
    command: str | None = None, log: Callable[[str], None] = lambda _: None, ngec: Path | None = None,
) -> dict[str, Any]:
    """Fit the type classifier on the PLV file ``path`` and write ``out_dir/event_model.json``
    (``event_model_encoder.json`` and ``event_top.safetensors`` with ``encoder``, which needs the
    encoder extra; ``ngec``, the NGEC synthetic folder or zip, adds its training stories there).

    Returns a summary (rows, classes, features kept, output path, the provenance meta). Copy the
    file to ``src/communique/data/events/`` to ship it. ``command`` is the command line recorded
    in the meta, by default this process's own when it is the CLI, else the equivalent CLI command.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "PLV_train.tsv"
    if not path.is_file():
        raise UsageError(Code.E804, path=str(path), detail="expected a PLV .tsv file or a folder holding PLV_train.tsv")
    if ngec is not None and not encoder:
        raise UsageError(Code.E810, detail="they train the accurate typer only (add --encoder)")
    stories = ngec_archive(Path(ngec)) if ngec is not None else None
    if command is None:
        command = command_line(_equivalent_command(path, settings, epochs, seed, encoder, stories))
    data = [path] + ([stories] if stories is not None else [])
    # the manifest hash of all the data, and each file's own (the PLV file and the NGEC zip)
    origin = provenance(data, command) | {"data_file_sha256": [data_sha256([file]) for file in data]}
    rows, docs = parse_plv(path, settings)
    if not rows:
        raise UsageError(Code.E804, path=str(path), detail="the file has no rows")
    lexicon = load_lexicon()
    examples, triggers = plv_mentions(docs, rows, lexicon)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if encoder:
        from communique.extract.events.encoder import MODEL_FILE as ENCODER_FILE
        from communique.extract.events.encoder import NGEC_TOP_CAP, NGEC_WEIGHT, Mentions, fit_accurate
        from communique.extract.events.tuned import EPOCHS as TOP_EPOCHS
        from communique.extract.events.tuned import WEIGHTS_RESOURCE

        extra = None
        if stories is not None:
            extra = Mentions.of(*ngec_mentions(stories, settings, lexicon), weight=NGEC_WEIGHT)
            log(f"NGEC: {len(extra.examples)} training mentions, loss weight {NGEC_WEIGHT}")
        head = fit_accurate(Mentions.of(examples, triggers), extra, seed=seed, log=log)
        recipe = {"seed": seed, "ngec_rows": len(extra.examples) if extra else 0, "ngec_weight": NGEC_WEIGHT,
                  "ngec_top_cap": NGEC_TOP_CAP}
        head.meta = origin | {"trainer": ENCODER_TRAINER} | recipe
        output = out_dir / ENCODER_FILE
        output.write_text(_compact(head.to_dict()), encoding="utf-8")
        top_output = out_dir / WEIGHTS_RESOURCE
        save_top(head.tuned, top_output, origin | {"trainer": TOP_TRAINER, "epochs": TOP_EPOCHS} | recipe)
        return {"rows": len(rows), "classes": head.classes, "features": len(head.weights), **head.meta,
                "output": str(output), "top_output": str(top_output)}
    model = fit(examples, epochs=epochs, seed=seed)
    meta = origin | {"trainer": TRAINER, "epochs": epochs, "seed": seed}
    output = out_dir / MODEL_FILE
    save(model, output, meta)
    return {"rows": len(rows), "classes": model.classes, "features": len(model.weights), **meta, "output": str(output)}


def save_top(tuned: Any, path: Path, meta: dict[str, Any]) -> None:
    """Write the tuned top (``extract/events/tuned.py``) in float16, its classes and ``meta``
    (provenance) in the safetensors header."""
    from safetensors.torch import save_file

    header = as_safetensors_metadata(meta | {"classes": tuned.classes})
    save_file(tuned.state(), str(path), metadata=header)


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def _equivalent_command(
    path: Path, settings: Settings, epochs: int, seed: int, encoder: bool, ngec: Path | None = None
) -> list[str]:
    """The ``communique train events`` command line that trains what this call trains (``--out``
    left out: where the file goes does not change it)."""
    words = ["communique", "train", "events", str(path), "--epochs", str(epochs), "--seed", str(seed)]
    words += ["--model", settings.spacy_model] if settings.spacy_model != DEFAULT_SPACY_MODEL else []
    return words + (["--encoder"] if encoder else []) + (["--ngec", str(ngec)] if ngec is not None else [])
