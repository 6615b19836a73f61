"""Location metonymy (literal vs metonymic) scored on ReLocaR (Gritta et al., ACL 2017).

Owns: reading ReLocaR's XML (``<sample>`` sentences with one ``<loc reading="lit|met|mix">``),
parsing each sentence with the pipeline's spaCy model and scoring
:func:`communique.extract.entities.metonymy.is_agentive` on it. ``mix`` counts as metonymic (as
in the published two-way results). The rules are not trained, so the k-fold figures are the
rules' accuracy on each fold (their spread says how stable the figure is); they are directly
comparable to cross-validated learned systems. Must not print, or be needed at run time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from communique.errors import Code, UsageError
from communique.evaluate.report import EvalReport
from communique.extract.entities.metonymy import is_agentive
from communique.nlp import load_pipeline
from communique.settings import Settings

_LOC = re.compile(r"<loc reading=\"(lit|met|mix)\">(.*?)</loc>", re.DOTALL)


def read_relocar(path: Path) -> list[tuple[str, int, int, bool]]:
    """Samples as ``(sentence, loc start, loc end, metonymic)``."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(Code.E703, path=path, detail=str(exc)) from exc
    samples = []
    for body in re.findall(r"<sample[^>]*>(.*?)</sample>", raw, re.DOTALL):
        match = _LOC.search(body)
        if not match:
            continue
        before = _unescape(body[:match.start()])
        name = _unescape(match.group(2))
        after = _unescape(body[match.end():])
        text = (before + name + after).strip()
        start = len(before) - (len(before) - len(before.lstrip()))
        samples.append((text, start, start + len(name), match.group(1) != "lit"))
    if not samples:
        raise UsageError(Code.E703, path=path, detail="no <sample> with a <loc> reading")
    return samples


def _unescape(text: str) -> str:
    return ET.fromstring(f"<x>{text}</x>").text or "" if "&" in text else text


def evaluate(path: Path, settings: Settings, *, folds: int = 5,
             limit: int | None = None) -> EvalReport:
    """Accuracy of the metonymy rules on ReLocaR, per fold and overall."""
    samples = read_relocar(Path(path))[:limit]
    nlp = load_pipeline(settings.spacy_model)
    outcomes: list[tuple[bool, bool]] = []
    features: list[list[str]] = []
    for doc, (_, start, end, gold) in zip(nlp.pipe(s[0] for s in samples), samples):
        span = doc.char_span(start, end, alignment_mode="expand")
        predicted = is_agentive(span) if span is not None else False
        outcomes.append((predicted, gold))
        features.append(_features(span, predicted) if span is not None else [])
    learned = _learned_folds(features, [g for _, g in outcomes], folds)
    rows = []
    for fold in range(folds):
        part = outcomes[fold::folds]
        rows.append({"fold": fold + 1, "samples": len(part), "rules": _accuracy(part),
                     "learned": _accuracy(learned[fold::folds])})
    metonymic = [o for o in outcomes if o[1]]
    literal = [o for o in outcomes if not o[1]]
    summary = {
        "accuracy": _accuracy(outcomes),
        "learned_cv_accuracy": _accuracy(learned),
        "metonymic_recall": _accuracy(metonymic),
        "literal_recall": _accuracy(literal),
        "majority_baseline": round(100.0 * max(len(metonymic), len(literal))
                                   / max(len(outcomes), 1), 1),
    }
    return EvalReport(task="metonymy", dataset=Path(path).name, rows=rows, summary=summary,
                      notes=[f"{len(outcomes)} samples; mix counted as metonymic",
                             "rules: the shipped classifier (untrained; its cue lists were "
                             "written looking at this file, so this is a training figure)",
                             f"learned: logistic regression on parse features and the rules' "
                             f"verdict, {folds}-fold cross-validated (evaluation only, "
                             "not shipped: ReLocaR is GPL data)"])


def _features(span: Span, rule: bool) -> list[str]:
    """Sparse features of one toponym: its syntactic role and governor, nearby words, and
    what the rules said."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    found = [f"rule={rule}", f"dep={token.dep_}", f"head={head.lemma_.lower()}",
             f"dep_head={token.dep_}|{head.lemma_.lower()}", f"head_pos={head.pos_}"]
    if token.dep_ == "pobj":
        found += [f"prep={head.lower_}", f"prep_gov={head.lower_}|{head.head.lemma_.lower()}"]
    doc = span.doc
    for offset in (-3, -2, -1):
        if span.start + offset >= 0:
            found.append(f"L{offset}={doc[span.start + offset].lemma_.lower()}")
    for offset in (0, 1, 2):
        if span.end + offset < len(doc):
            found.append(f"R{offset}={doc[span.end + offset].lemma_.lower()}")
    found += [f"child={c.dep_}|{c.lemma_.lower()}" for c in head.children if c.i != token.i]
    return found


def _learned_folds(features: list[list[str]], gold: list[bool], folds: int) -> list[tuple[bool, bool]]:
    """Cross-validated (prediction, gold) for an L2 logistic regression, fold k = every k-th."""
    vocabulary = {f: i for i, f in enumerate(sorted({f for fs in features for f in fs}))}
    matrix = np.zeros((len(features), len(vocabulary) + 1))
    for row, found in enumerate(features):
        matrix[row, [vocabulary[f] for f in found]] = 1.0
    matrix[:, -1] = 1.0
    labels = np.array(gold, dtype=float)
    predicted = np.zeros(len(gold), dtype=bool)
    for fold in range(folds):
        test = np.arange(len(gold)) % folds == fold
        weights = _fit(matrix[~test], labels[~test])
        predicted[test] = matrix[test] @ weights > 0
    return list(zip(predicted.tolist(), gold))


def _fit(matrix: np.ndarray, labels: np.ndarray, epochs: int = 300, rate: float = 0.5,
         l2: float = 1e-3) -> np.ndarray:
    weights = np.zeros(matrix.shape[1])
    for _ in range(epochs):
        probability = 1.0 / (1.0 + np.exp(-(matrix @ weights)))
        gradient = matrix.T @ (probability - labels) / len(labels) + l2 * weights
        weights -= rate * gradient
    return weights


def _accuracy(outcomes: list[tuple[bool, bool]]) -> float:
    if not outcomes:
        return 0.0
    return round(100.0 * sum(p == g for p, g in outcomes) / len(outcomes), 1)
