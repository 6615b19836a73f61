"""Train the PLOVER event-type classifier on PLV (``communique train events PATH``).

Owns: parsing a PLV TSV file (by default ../shared/eval/events/plv/PLV_train.tsv), turning its
rows into examples with the same features the coder uses (``evaluate.events.plv_examples``),
fitting the averaged perceptron with a fixed seed and writing ``event_model.json``. Must not: read
the NGEC synthetic stories (they are the out-of-domain test) or change the features.

Reproducible: the same file, seed and epochs give the same weights.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError
from communique.evaluate.events import parse_plv, plv_examples
from communique.extract.events.classifier import MODEL_FILE, fit, save
from communique.extract.events.lexicon import load_lexicon
from communique.settings import Settings


def train(path: Path, out_dir: Path, settings: Settings, epochs: int = 8, seed: int = 13) -> dict[str, Any]:
    """Fit the type classifier on the PLV file ``path`` and write ``out_dir/event_model.json``.

    Returns a summary (rows, classes, features kept, output path). Copy the file to
    ``src/communique/data/events/`` to ship it as the default model.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "PLV_train.tsv"
    if not path.is_file():
        raise UsageError(Code.E804, path=str(path), detail="expected a PLV .tsv file or a folder holding PLV_train.tsv")
    rows, docs = parse_plv(path, settings)
    if not rows:
        raise UsageError(Code.E804, path=str(path), detail="the file has no rows")
    model = fit(plv_examples(docs, rows, load_lexicon()), epochs=epochs, seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    output = out_dir / MODEL_FILE
    save(model, output)
    return {
        "rows": len(rows),
        "classes": model.classes,
        "features": len(model.weights),
        "epochs": epochs,
        "seed": seed,
        "output": str(output),
    }
