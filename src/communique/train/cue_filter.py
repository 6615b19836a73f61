"""The cue filter: the words the shipped cue model never takes for a cue on its training texts.

Owns: finding, on a PolNeAR training split, each (lemma, coarse tag) of a cue candidate that the
cue model scores below its threshold every one of at least ``MIN_CANDIDATES`` times, and writing
them as ``cue_filter.json`` beside the model, with the provenance meta and the SHA-256 of the
model file they were found for (extraction ignores a filter made for another model). Must not:
train or change the model (``train/attribution.py`` does).

Why: a third of the cue candidates of a news text are such words (``of``, ``to`` as a particle,
``Trump``, ``voter``), each costing a feature vector and some twenty-five weight look-ups, for a
decision the model makes the same way every time. On PolNeAR train, 815 pairs cover 45% of the
candidates; skipping them on PolNeAR dev leaves the exact F1 as it was or a tenth of a point up
(the 91 gold cues among them were missed by the model anyway). Words the model did take for a
cue even once, or saw fewer times, are always scored, and so is every word of an unseen kind.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from communique.errors import Code, UsageError
from communique.extract.attribution import features as F
from communique.extract.attribution import MODEL_RESOURCE, model_sha256, models_from_text
from communique.extract.attribution.relations import Models
from communique.nlp.token_table import drop_table, token_table
from communique.train.provenance import command_line, provenance

FILTER_FILE = "cue_filter.json"
MIN_CANDIDATES = 20  # fewer sightings than this say too little about a word


def never_cues(docs: Iterable[Doc], models: Models, min_candidates: int = MIN_CANDIDATES) -> list[tuple[str, str, int]]:
    """(lemma, coarse tag, candidates) of every kind of cue candidate seen at least
    ``min_candidates`` times in ``docs`` and never scored over ``models.threshold``."""
    seen: Counter[tuple[str, str]] = Counter()
    taken: set[tuple[str, str]] = set()
    for doc in docs:
        table = token_table(doc)
        quotations = F.find_quotations(doc.text)
        scores = F.scores_of(doc)
        for sentence in doc.sents:
            start, end = sentence.start, sentence.end
            for i in F.cue_candidate_indices(table, start, end):
                if not models.may_head_cue(table.pos[i], table.text[i], table.lemma[i]):
                    continue
                kind = (table.lemma[i], table.pos[i])
                seen[kind] += 1
                if kind not in taken:
                    features = F.cue_features_at(table, i, quotations, start, end, scores)
                    if models.cue.score(features) > models.threshold:
                        taken.add(kind)
        drop_table(doc)
    return sorted((lemma, pos, count) for (lemma, pos), count in seen.items() if count >= min_candidates and (lemma, pos) not in taken)


def train(
    train_dir: Path, out_dir: Path, settings: Any, model_path: Path | None = None, command: str | None = None
) -> dict[str, Any]:
    """Parse the split's texts (each once), find the never-cues of the model at ``model_path``
    (default: the shipped one) and write ``out_dir/cue_filter.json``; returns a summary."""
    from communique.evaluate.polnear import load_split
    from communique.nlp import load_pipeline

    gold = load_split(Path(train_dir))
    if not gold:
        raise UsageError(Code.E404, path=str(train_dir), detail="no annotated texts")
    equivalent = ["communique", "train", "cue-filter", str(train_dir)]
    if model_path is None:
        model_path = Path(str(resources.files("communique.data.attribution").joinpath(MODEL_RESOURCE)))
    else:
        equivalent += ["--model-file", str(model_path)]
    try:
        model_text = Path(model_path).read_text(encoding="utf-8")
        models = models_from_text(model_text)
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(Code.E404, path=str(model_path), detail=f"not an attribution model: {exc}") from exc
    if command is None:
        command = command_line(equivalent)
    meta = provenance([train_dir], command) | {
        "model_sha256": model_sha256(model_text),
        "min_candidates": MIN_CANDIDATES,
    }
    nlp = load_pipeline(settings.spacy_model)
    texts = list(dict.fromkeys(g.text for g in gold))
    found = never_cues(nlp.pipe(texts, batch_size=settings.batch_size), models)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILTER_FILE
    payload = {"meta": meta, "never": [list(row) for row in found]}
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {"texts": len(texts), "never_cues": len(found), "output": str(path)}
