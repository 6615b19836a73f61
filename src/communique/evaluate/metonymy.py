"""Location metonymy (literal vs metonymic) scored on ReLocaR (Gritta et al., ACL 2017).

Owns: reading ReLocaR's XML (``<sample>`` sentences with one ``<loc reading="lit|met|mix">``),
parsing each sentence with the pipeline's spaCy model and scoring
:func:`communique.extract.places.metonymy.is_metonymic` on it. ``mix`` counts as metonymic (as
in the published two-way results). The rules are not trained, so the k-fold figures are the
rules' accuracy on each fold (their spread says how stable the figure is); they are directly
comparable to cross-validated learned systems. Must not print, or be needed at run time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from communique.errors import Code, UsageError
from communique.evaluate.report import EvalReport
from communique.extract.places.metonymy import is_metonymic
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
    for doc, (_, start, end, gold) in zip(nlp.pipe(s[0] for s in samples), samples):
        span = doc.char_span(start, end, alignment_mode="expand")
        predicted = is_metonymic(span) if span is not None else False
        outcomes.append((predicted, gold))
    rows = []
    for fold in range(folds):
        part = outcomes[fold::folds]
        rows.append({"fold": fold + 1, "samples": len(part), "accuracy": _accuracy(part)})
    metonymic = [o for o in outcomes if o[1]]
    literal = [o for o in outcomes if not o[1]]
    summary = {
        "accuracy": _accuracy(outcomes),
        "metonymic_recall": _accuracy(metonymic),
        "literal_recall": _accuracy(literal),
        "majority_baseline": round(100.0 * max(len(metonymic), len(literal))
                                   / max(len(outcomes), 1), 1),
    }
    return EvalReport(task="metonymy", dataset=Path(path).name, rows=rows, summary=summary,
                      notes=[f"{len(outcomes)} samples; mix counted as metonymic",
                             "rules are untrained: folds show the spread of the same rules"])


def _accuracy(outcomes: list[tuple[bool, bool]]) -> float:
    if not outcomes:
        return 0.0
    return round(100.0 * sum(p == g for p, g in outcomes) / len(outcomes), 1)
