"""Score the attribution extractor on a PolNeAR split (brat standoff: Source, Cue, Content).

Owns: reading a PolNeAR split, running the extractor over its texts, and the scoring. Must not:
tune anything or write into the split. The split is research data; it is read in place.

Reading. A split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. Some
texts have several annotator files; the first one in file-name order is the gold. Every ``E``
line is one attribution with up to one ``Source``, ``Cue`` and ``Content`` (an
``Attribution-no-source`` has no source). Discontinuous spans (``0 5;9 12``) are kept as pieces.

Matching. Inside each document, predicted attributions are paired one-to-one with gold ones,
attribution by attribution: a pair is possible when their cues or their contents share a word;
pairs are taken greedily by similarity (2 x cue overlap + content overlap + source overlap, each
a Jaccard index over word tokens), best first. A role is then scored per pair.

Exact match. Two spans of a role match exactly when they cover the same letters and digits of
the text: whitespace and punctuation (quote marks, commas, periods, colons, dashes, brackets) do
not count, which trims them at the edges and joins pieces separated only by them (a content split
at a paragraph break matches the same content as one piece). Exact precision is the number of
paired attributions whose role matches, over the predicted attributions that have the role;
recall is the same count over the gold attributions that have it.

Token-overlap F1. A role's tokens are the maximal runs of letters and digits in its spans,
identified by position (so the same word twice counts twice). For each pair, the overlap is the
number of tokens the predicted and gold role share. Overlap precision is the sum over pairs of
``shared / predicted tokens`` divided by the number of predicted attributions with that role;
overlap recall is the sum of ``shared / gold tokens`` divided by the number of gold attributions
with it (an unpaired attribution adds 0 to the sum but counts in the divisor). F1 is their
harmonic mean. This is the proportional ("soft") overlap used for PARC and PolNeAR results.
A pronoun source is compared as written: the gold marks the surface mention, and so do we.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import Code, UsageError
from communique.evaluate.report import EvalReport, prf
from communique.model import Article, Offsets
from communique.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class Attribution:
    """One attribution as span pieces per role (an empty list when the role is absent)."""

    source: list[Offsets] = field(default_factory=list)
    cue: list[Offsets] = field(default_factory=list)
    content: list[Offsets] = field(default_factory=list)

    def role(self, name: str) -> list[Offsets]:
        return list(getattr(self, name))


@dataclass
class GoldDocument:
    name: str
    text: str
    attributions: list[Attribution]


def read_ann(text: str) -> list[Attribution]:
    """Parse one brat ``.ann`` file's content into attributions."""
    spans: dict[str, tuple[str, list[Offsets]]] = {}
    events: list[str] = []
    for line in text.splitlines():
        t_match = _T_LINE.match(line)
        if t_match:
            pieces = []
            for piece in t_match.group(3).strip().split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[t_match.group(1)] = (t_match.group(2), pieces)
            continue
        e_match = _E_LINE.match(line)
        if e_match:
            events.append(e_match.group(2))
    out = []
    for event in events:
        found = Attribution()
        for argument in event.split():
            label, _, ref = argument.partition(":")
            role = label.lower()
            if role in ROLES and ref in spans:
                setattr(found, role, spans[ref][1])
        if found.cue or found.content:
            out.append(found)
    return out


def load_split(path: Path, limit: int | None = None, every_annotator: bool = False) -> list[GoldDocument]:
    """Read a split folder (``text/`` and ``attributions/``): the first annotator file per
    text, or one document per annotator file with ``every_annotator`` (more data to train on;
    never for scoring)."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(Code.E401, path=str(path))
    ann_files = sorted(ann_dir.glob("*.ann"))
    docs = []
    for text_file in sorted(text_dir.glob("*.txt")):
        matches = [f for f in ann_files if f.stem.rsplit("_", 1)[0] == text_file.stem]
        if not matches:
            continue
        text = text_file.read_text(encoding="utf-8")
        for match in matches if every_annotator else matches[:1]:
            docs.append(GoldDocument(text_file.stem, text, read_ann(match.read_text(encoding="utf-8"))))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def statement_spans(article: Article) -> list[Attribution]:
    """Our statements as attributions, speaker as the surface mention (never the name)."""
    return [
        Attribution(list(s.speaker.spans), list(s.cue.spans), list(s.content.spans))
        for s in article.statements
    ]


def _tokens(text: str, spans: Sequence[Offsets]) -> frozenset[Offsets]:
    out = set()
    for start, end in spans:
        for match in _WORD.finditer(text, start, end):
            out.add((match.start(), match.end()))
    return frozenset(out)


def _chars(tokens: Iterable[Offsets]) -> frozenset[int]:
    return frozenset(i for start, end in tokens for i in range(start, end))


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass
class _Tally:
    exact: int = 0
    predicted: int = 0
    gold: int = 0
    overlap_p: float = 0.0
    overlap_r: float = 0.0


def score_document(
    text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution], tallies: dict[str, _Tally]
) -> None:
    """Pair one document's attributions and add its counts to ``tallies`` (one per role)."""
    g_tok = [{r: _tokens(text, a.role(r)) for r in ROLES} for a in gold]
    p_tok = [{r: _tokens(text, a.role(r)) for r in ROLES} for a in predicted]
    for role in ROLES:
        tallies[role].gold += sum(1 for t in g_tok if t[role])
        tallies[role].predicted += sum(1 for t in p_tok if t[role])
    candidates = []
    for i, p in enumerate(p_tok):
        for j, g in enumerate(g_tok):
            if not (p["cue"] & g["cue"] or p["content"] & g["content"]):
                continue
            similarity = (
                2 * _jaccard(p["cue"], g["cue"])
                + _jaccard(p["content"], g["content"])
                + _jaccard(p["source"], g["source"])
            )
            candidates.append((similarity, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        for role in ROLES:
            ours, theirs = p_tok[i][role], g_tok[j][role]
            if not ours or not theirs:
                continue
            if _chars(ours) == _chars(theirs):
                tallies[role].exact += 1
            shared = len(_chars(ours) & _chars(theirs))
            tallies[role].overlap_p += shared / len(_chars(ours))
            tallies[role].overlap_r += shared / len(_chars(theirs))


def score_texts(
    texts: Sequence[str], golds: Sequence[Sequence[Attribution]], settings: Settings
) -> dict[str, _Tally]:
    """Run the attribution extractor over ``texts`` and tally it against ``golds`` (one list of
    attributions per text), as ``evaluate`` does for a PolNeAR split (the documents are parsed as
    they are scored, so a large split is never held whole)."""
    from communique.extract.attribution import AttributionExtractor

    return _tally(texts, golds, _parse(texts, settings), AttributionExtractor(settings))


def _parse(texts: Iterable[str], settings: Settings) -> Iterator[Doc]:
    from communique.nlp import load_pipeline, make_doc

    nlp = load_pipeline(settings.spacy_model)
    return nlp.pipe((make_doc(nlp, Article(text=text)) for text in texts), batch_size=settings.batch_size)


def _tally(
    texts: Sequence[str], golds: Sequence[Sequence[Attribution]], docs: Iterable[Doc], extractor: Any
) -> dict[str, _Tally]:
    """The extractor's statements on each parsed text, tallied against its gold."""
    tallies = new_tallies()
    for text, gold, doc in zip(texts, golds, docs, strict=True):
        article = Article(text=text)
        extractor(doc, article)
        score_document(article.text, gold, statement_spans(article), tallies)
    return tallies


def new_tallies() -> dict[str, _Tally]:
    return {role: _Tally() for role in ROLES}


def report_from(tallies: dict[str, _Tally], dataset: str, notes: list[str]) -> EvalReport:
    """Turn per-role tallies into an :class:`EvalReport` (rows per role, summary for floors)."""
    report = EvalReport(task="attribution", dataset=dataset, notes=notes)
    for role in ROLES:
        tally = tallies[role]
        precision, recall, f1 = prf(tally.exact, tally.predicted, tally.gold)
        o_p = 100.0 * tally.overlap_p / tally.predicted if tally.predicted else 0.0
        o_r = 100.0 * tally.overlap_r / tally.gold if tally.gold else 0.0
        o_f1 = 2 * o_p * o_r / (o_p + o_r) if o_p + o_r else 0.0
        report.rows.append(
            {
                "role": role,
                "gold": tally.gold,
                "predicted": tally.predicted,
                "exact_precision": precision,
                "exact_recall": recall,
                "exact_f1": f1,
                "overlap_precision": round(o_p, 1),
                "overlap_recall": round(o_r, 1),
                "overlap_f1": round(o_f1, 1),
            }
        )
        report.summary[f"{role}_exact_f1"] = f1
        report.summary[f"{role}_overlap_f1"] = round(o_f1, 1)
    return report


def evaluate(path: Path, settings: Settings, limit: int | None = None, ablate: bool = False, **_: Any) -> EvalReport:
    """Run the attribution extractor over the split at ``path`` and score it.

    ``limit`` scores only the first N texts (for quick checks). Character offsets in the gold
    index the text exactly as read (UTF-8, newlines untouched), as ours do. ``ablate`` scores
    the split once more without each repair rule (repairs.py) and reports what each is worth.
    """
    docs = load_split(Path(path), limit=limit)
    texts, golds = [d.text for d in docs], [d.attributions for d in docs]
    notes = [
        f"{len(docs)} texts, first annotator file per text",
        "exact: same letters and digits after ignoring whitespace and punctuation; "
        "one-to-one pairing per document",
    ]
    if not ablate:
        return report_from(score_texts(texts, golds, settings), str(path), notes)
    return _ablation(texts, golds, settings, str(path), notes)


def _ablation(
    texts: Sequence[str], golds: Sequence[Sequence[Attribution]], settings: Settings, dataset: str, notes: list[str]
) -> EvalReport:
    """One row per repair: the exact F1 per role without it, less the full extractor's (a
    negative change means the repair helps), and the full extractor's scores as the summary. The
    split is parsed once and kept: every row runs the extractor over the same documents."""
    from communique.extract.attribution import AttributionExtractor
    from communique.extract.attribution.repairs import REPAIRS, switched_off

    docs = list(_parse(texts, settings))
    extractor = AttributionExtractor(settings)
    full = report_from(_tally(texts, golds, docs, extractor), dataset, notes)
    report = EvalReport(task="attribution-ablation", dataset=dataset, summary=dict(full.summary), notes=[
        *notes, "each row: exact F1 with the repair switched off, minus the full extractor's (points)",
    ])
    for name, purpose in REPAIRS.items():
        with switched_off([name]):
            without = report_from(_tally(texts, golds, docs, extractor), dataset, notes).summary
        row: dict[str, Any] = {"repair": name}
        for role in ROLES:
            row[f"{role}_change"] = round(without[f"{role}_exact_f1"] - full.summary[f"{role}_exact_f1"], 1)
        row["repairs"] = purpose
        report.rows.append(row)
    return report
