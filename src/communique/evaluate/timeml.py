"""Scoring the time tagger on TimeML corpora with the TempEval-3 measures.

Owns: ``evaluate(path, settings) -> EvalReport`` for a folder of TimeML ``.tml`` files
(TimeBank/AQUAINT "tbaq-cleaned", TempEval-3) or MEANTIME CAT XML files. Must not print or be
needed at run time.

How it scores (the TempEval-3 task A measures, UzZaman et al. 2013, re-implemented):

* Each document's creation time (DCT) is the publication date; the tagger runs over the raw
  document text (TimeML ``<TEXT>``; MEANTIME tokens joined by spaces, one sentence a line), so
  offsets are compared in the same character space as the gold. The DCT's own TIMEX3 is not
  scored (in MEANTIME it is the dateline, which is masked).
* **Strict** extraction: a system expression matches a gold one when both offsets are equal.
  **Relaxed** extraction: when they overlap by at least one character. Precision is the share
  of system expressions that match some gold expression, recall the share of gold expressions
  matched by some system expression; F1 their harmonic mean.
* **Value accuracy** and **type accuracy**: over relaxed matches (each gold expression paired with
  its first overlapping system expression), the share with the same TIMEX3 value (type).
* **Value F1** = relaxed F1 x value accuracy (TempEval-3's "value F1" is the attribute F1,
  counting an attribute right only on a relaxed match: the same product).

Speed: the documents go through ``nlp.pipe`` with only the components the tagger needs
(tagger and parser for tense; NER and the lemmatizer are disabled).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from communique.evaluate.report import EvalReport, prf
from communique.evaluate.timeml_gold import GoldDocument, read_corpus
from communique.extract.time.tagger import tag
from communique.extract.time.tense import doc_direction
from communique.model import TimeExpression
from communique.nlp import load_pipeline
from communique.settings import Settings


def predict(documents: list[GoldDocument], settings: Settings, parse: bool = True) -> list[list[TimeExpression]]:
    """Run the tagger over each document's text with its DCT as publication date."""
    if not parse:
        return [tag(d.text, d.dct, skip=d.ignore) for d in documents]
    nlp = load_pipeline(settings.spacy_model)
    disabled = [name for name in ("ner", "lemmatizer") if name in nlp.pipe_names]
    predictions = []
    texts: Iterable[str] = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, disable=disabled, batch_size=16)):
        predictions.append(tag(document.text, document.dct, doc_direction(doc), skip=document.ignore))
    return predictions


def score(documents: list[GoldDocument], predictions: list[list[TimeExpression]]) -> dict[str, Any]:
    """TempEval-3 counts and measures (see the module docstring) for aligned gold and predictions."""
    counts = dict(gold=0, system=0, strict_p=0, strict_r=0, relaxed_p=0, relaxed_r=0, value=0, type=0)
    errors: list[dict[str, Any]] = []
    for document, predicted in zip(documents, predictions):
        gold = document.timexes
        counts["gold"] += len(gold)
        counts["system"] += len(predicted)
        spans = [(g.start, g.end) for g in gold]
        for p in predicted:
            counts["strict_p"] += (p.start, p.end) in spans
            counts["relaxed_p"] += any(s < p.end and p.start < e for s, e in spans)
        for g in gold:
            counts["strict_r"] += any((p.start, p.end) == (g.start, g.end) for p in predicted)
            match = next((p for p in predicted if p.start < g.end and g.start < p.end), None)
            gold_words = document.text[g.start : g.end]
            if match is None:
                errors.append(dict(doc=document.name, kind="missed", gold=gold_words, gold_value=g.value))
                continue
            counts["relaxed_r"] += 1
            counts["value"] += match.value == g.value
            counts["type"] += match.type == g.type
            if match.value != g.value:
                errors.append(dict(doc=document.name, kind="value", gold=gold_words, gold_value=g.value,
                                   system=match.text, system_value=match.value, dct=document.dct))
        for p in predicted:
            if not any(s < p.end and p.start < e for s, e in spans):
                errors.append(dict(doc=document.name, kind="spurious", system=p.text, system_value=p.value))
    return {"counts": counts, "errors": errors}


def evaluate(path: Path, settings: Settings, limit: int | None = None, parse: bool = True, **_: Any) -> EvalReport:
    """Score the time tagger on the TimeML or MEANTIME corpus under ``path``.

    ``limit`` scores only the first N documents (sorted by path), for quick checks; ``parse=False``
    skips spaCy and guesses tense from the words (faster, a little less accurate).
    """
    documents = read_corpus(Path(path))
    if limit is not None:
        documents = documents[:limit]
    result = score(documents, predict(documents, settings, parse=parse))
    c = result["counts"]
    strict = _prf(c["strict_p"], c["strict_r"], c["system"], c["gold"])
    relaxed = _prf(c["relaxed_p"], c["relaxed_r"], c["system"], c["gold"])
    value_accuracy = round(100.0 * c["value"] / c["relaxed_r"], 1) if c["relaxed_r"] else 0.0
    type_accuracy = round(100.0 * c["type"] / c["relaxed_r"], 1) if c["relaxed_r"] else 0.0
    rows = [
        {"measure": "strict", "precision": strict[0], "recall": strict[1], "f1": strict[2]},
        {"measure": "relaxed", "precision": relaxed[0], "recall": relaxed[1], "f1": relaxed[2]},
    ]
    summary = {
        "strict_f1": strict[2],
        "relaxed_f1": relaxed[2],
        "value_accuracy": value_accuracy,
        "type_accuracy": type_accuracy,
        "value_f1": round(relaxed[2] * value_accuracy / 100.0, 1),
        "type_f1": round(relaxed[2] * type_accuracy / 100.0, 1),
    }
    notes = [
        f"{len(documents)} documents, {c['gold']} gold TIMEX3 (DCT excluded), {c['system']} predicted",
        "TempEval-3 measures: strict = same offsets, relaxed = overlap; value/type accuracy on relaxed matches",
        "publication date = each document's DCT" + ("" if parse else "; tense guessed without parsing"),
    ]
    return EvalReport(task="time", dataset=str(path), rows=rows, summary=summary, notes=notes)


def _prf(matched_system: int, matched_gold: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = prf(matched_system, system, 1)[0]
    recall = prf(matched_gold, 1, gold)[1]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, round(f1, 1)
