"""Actor linking scored on labelled mentions from real sentences.

Owns: reading the gold file (``eval/actors/linking_gold.tsv`` of the repository: for each mention its
text file under ``../shared``, the article date, character offsets, the words, the expected
actor id and a kind) and scoring the ``ActorLinker`` on it. Must not print, or be needed at
run time of the product. The gold file stores labels and offsets only; the texts are read
from ``../shared`` (the reference article from ``corpus/``, PolNeAR dev texts from
``eval/polnear/dev/text``, single sentences of the PLOVER event set as
``eval/events/plv/PLV_train.tsv#ID``), and an article whose text is absent is skipped.

A gold mention counts as right when a predicted mention overlapping it carries the expected
actor id; for ``NONE`` (a place such as ``in Moscow``, or words spaCy mistook for a name)
when no predicted mention overlaps it. Article-local actors must have the expected id
(``local:larry-king`` for ``Mr. King`` after ``Larry King``), so within-article linking is
scored too. Kinds: ``name``, ``short-name`` (surname or short form), ``role`` (descriptor),
``state`` (government or military, often a metonym), ``country``, ``organisation``,
``local`` and ``not-actor``. Each row also has a ``split``: ``tune`` for the mentions the rules
were developed on; ``heldout`` (PolNeAR texts) and ``heldout-plv`` (conflict and diplomacy
sentences of the PLOVER set) were labelled afterwards and measured blind once before the gaps
they exposed were fixed; ``blind-plv`` was labelled last and never used to change anything.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError
from communique.evaluate.cases import project_set
from communique.evaluate.report import EvalReport
from communique.model import Article
from communique.settings import Settings

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
_COLUMNS = ("file", "published", "start", "end", "mention", "gold", "kind")


def read_gold(path: Path | None) -> tuple[list[dict[str, Any]], str]:
    """Gold rows (with int offsets) and the data set name; E606 for a malformed file."""
    if path is None:
        text = project_set("actors/linking_gold.tsv").read_text(encoding="utf-8")
        dataset = "eval/actors/linking_gold.tsv (reference article + PolNeAR dev)"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(Code.E606, path=path, detail=exc.strerror or str(exc)) from exc
        dataset = str(path)
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or any(column not in rows[0] for column in _COLUMNS):
        raise UsageError(Code.E606, path=path or "linking_gold.tsv", detail=f"columns: {_COLUMNS}")
    for number, row in enumerate(rows, start=2):
        try:
            row["start"], row["end"] = int(row["start"]), int(row["end"])
        except ValueError as exc:
            raise UsageError(Code.E606, path=path or "linking_gold.tsv", detail=f"line {number}") from exc
    return rows, dataset


def _read_text(shared: Path, name: str, sentences: dict[Path, dict[str, str]]) -> str | None:
    """The text a gold row points at: a file under ``shared``, or ``FILE.tsv#ID`` for one
    sentence of a sentence table (the PLOVER event sentences: ``sentence_id``, ``sentence``)."""
    file_name, _, sentence_id = name.partition("#")
    path = shared / file_name
    if not path.is_file():
        return None
    if not sentence_id:
        return path.read_text(encoding="utf-8")
    if path not in sentences:
        with path.open(encoding="utf-8", newline="") as handle:
            table = csv.DictReader(handle, delimiter="\t")
            sentences[path] = {row["sentence_id"]: row["sentence"] for row in table}
    return sentences[path].get(sentence_id)


def evaluate(path: Path | None, settings: Settings, shared: Path | None = None, **_: Any) -> EvalReport:
    """Link every gold article and report accuracy overall and per kind of mention."""
    from communique.extract.actors import ActorLinker
    from communique.nlp import load_pipeline, make_doc

    rows, dataset = read_gold(path)
    shared = Path(shared) if shared is not None else DEFAULT_SHARED
    report = EvalReport(task="linking", dataset=dataset)
    nlp = load_pipeline(settings.spacy_model)
    linker = ActorLinker(settings)
    by_file: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_file[(row["file"], row["published"])].append(row)
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    split_right: dict[str, int] = defaultdict(int)
    split_total: dict[str, int] = defaultdict(int)
    errors: list[str] = []
    skipped = 0
    sentences: dict[Path, dict[str, str]] = {}
    for (name, published), gold in by_file.items():
        text = _read_text(shared, name, sentences)
        if text is None:
            skipped += 1
            continue
        article = Article(text=text, published=published or None)
        linker(nlp(make_doc(nlp, article)), article)
        for row in gold:
            found = [m.actor for m in article.mentions if m.start < row["end"] and row["start"] < m.end]
            ok = not found if row["gold"] == "NONE" else row["gold"] in found
            total[row["kind"]] += 1
            right[row["kind"]] += ok
            split = row.get("split") or "tune"
            split_total[split] += 1
            split_right[split] += ok
            if not ok and len(errors) < 80:
                errors.append(f"{Path(name).name[:32]}:{row['start']} {row['mention']!r} "
                              f"expected {row['gold']} got {','.join(found) or 'nothing'}")
    for kind in sorted(total):
        report.rows.append({"kind": kind, "mentions": total[kind], "correct": right[kind],
                            "accuracy": round(100.0 * right[kind] / total[kind], 1)})
    count = sum(total.values())
    if count:
        report.rows.append({"kind": "all", "mentions": count, "correct": sum(right.values()),
                            "accuracy": round(100.0 * sum(right.values()) / count, 1)})
        report.summary["linking_accuracy"] = report.rows[-1]["accuracy"]
    for split in sorted(split_total):
        # "tune": the mentions the rules were developed on; "heldout": labelled afterwards and
        # not used to change the linker, the honest estimate.
        report.summary[f"{split}_accuracy"] = round(100.0 * split_right[split] / split_total[split], 1)
        report.summary[f"{split}_mentions"] = split_total[split]
    if skipped:
        report.notes.append(f"{skipped} article(s) skipped: text not found under {shared}")
    report.notes.append("right = an overlapping predicted mention has the gold actor id "
                        "(NONE: no predicted mention overlaps)")
    report.notes.extend(f"miss: {e}" for e in errors)
    return report
