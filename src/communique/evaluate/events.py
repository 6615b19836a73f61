"""Score the PLOVER event coder on PLV (Hu et al. 2024), the NGEC synthetic stories or the PLOVER
gold-standard records.

Owns: reading PLV-style TSV files (``marked_sentence`` with ``<s>source</s>`` and ``<t>target</t>``,
``gold_root``) and the NGEC synthetic-story zip, turning PLV rows into classifier examples, and
the scores. Must not: write into the data (research data, read in place) or ship a model (the
train command does).

PLV (``path`` is a ``.tsv`` file). Two measures.
1. Type given the marked sentence: k-fold cross-validation (default 5 folds, seeded shuffle) of
   the type classifier; the trigger is the lexicon word governing the path between the marked
   source and target (``features.trigger_between``). Accuracy and macro-F1 over the 15 PLV roots
   (CONCEDE and RETREAT are one class there: YIELD). Only PLV_train is in ../shared, so this is the
   honest number; the PLV paper's anchors are on PLV_test (see the data README).
2. Our own extraction, end to end: the pipeline's extractors run on the bare sentence; a row's
   source (target) agrees when an event's source (target) shares a word with the gold one, or a
   mention of the actor it resolves to does (``*_span``: its own words only). ``pair`` needs
   both in one event, and ``pair_type`` also the right root. The rows are cut into the same folds as in 1 and each
   fold is coded with a model trained on the other folds, so ``pair_type`` is out-of-sample too.

NGEC synthetic (``path`` is the folder or the zip). Each story has one document-level label. The
coder runs on the story's lead (first three sentences: the share of stories whose label is among
the coded events rises with length, 26.6 / 33.3 / 37.6% for 1 / 2 / 3 sentences); the main event
is the event of the first sentence that has one whose trigger is nearest the sentence root.
Scores: coverage (stories with any event), accuracy over all stories (no event = wrong) on the 16
PLOVER types and on the PLV classes. By default only the stories no model trains on are scored
(one in five, ``events_ngec.held_out_stories``): the accurate typer trains on the others.

PLOVER gold-standard records (``PLOVER_GSR_CAMEO.json`` or its folder): 322 sentences from the
CAMEO manual coded in PLOVER 0.5b1; the old categories are mapped to the current ones (DEMAND ->
REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and each sentence is scored like
an NGEC story (main event of the sentence, the same measures).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from communique.errors import Code, UsageError
from communique.evaluate.report import EvalReport, prf
from communique.extract.events import EventCoder
from communique.extract.events.classifier import TypeClassifier, fit, load_shipped
from communique.extract.events.features import event_features, trigger_between
from communique.extract.events.lexicon import Lexicon, coarse, load_lexicon
from communique.model import Article, Offsets, Role
from communique.nlp import load_pipeline, make_doc
from communique.settings import Settings

_MARK = re.compile(r"</?[st]>")
NGEC_ZIP = "gpt_synthetic_events_2023-10-19_19.csv.zip"


@dataclass
class PlvRow:
    """One PLV row: the plain sentence, the marked roles as character spans, the gold root."""

    text: str
    source: list[Offsets]
    target: list[Offsets]
    label: str


def read_plv(path: Path) -> list[PlvRow]:
    """Rows of a PLV TSV file (``marked_sentence`` and ``gold_root`` columns)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(Code.E803, path=path, detail=str(exc)[:80]) from exc
    if not records or "marked_sentence" not in records[0] or "gold_root" not in records[0]:
        raise UsageError(Code.E803, path=path, detail="no marked_sentence/gold_root columns")
    rows = []
    for record in records:
        marked = record["marked_sentence"]
        text_parts: list[str] = []
        spans: dict[str, list[Offsets]] = {"s": [], "t": []}
        open_at: dict[str, int] = {}
        position = 0
        cursor = 0
        for match in _MARK.finditer(marked):
            text_parts.append(marked[cursor : match.start()])
            position += match.start() - cursor
            cursor = match.end()
            tag = match.group()
            if tag.startswith("</"):
                kind = tag[2]
                if kind in open_at:
                    spans[kind].append((open_at.pop(kind), position))
            else:
                open_at[tag[1]] = position
        text_parts.append(marked[cursor:])
        rows.append(PlvRow("".join(text_parts), spans["s"], spans["t"], record["gold_root"].strip()))
    return rows


def _head(doc: Doc, spans: Sequence[Offsets]) -> Token | None:
    """The syntactic head of the first marked span (the token whose head lies outside it)."""
    if not spans:
        return None
    start, end = spans[0]
    tokens = [t for t in doc if start <= t.idx < end and not t.is_space]
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head is token:
            return token
    return None


def plv_mentions(
    docs: Sequence[Doc], rows: Sequence[PlvRow], lexicon: Lexicon
) -> tuple[list[tuple[list[str], str]], list[Token]]:
    """Classifier examples from parsed PLV rows (features of the path trigger, gold root) and
    each row's trigger (the accurate typer reads its sentence)."""
    examples, triggers = [], []
    for doc, row in zip(docs, rows, strict=True):
        source, target = _head(doc, row.source), _head(doc, row.target)
        trigger = trigger_between(lexicon, source, target)
        if trigger is None:
            trigger = doc[0].sent.root
        examples.append((event_features(lexicon, trigger, source, target), row.label))
        triggers.append(trigger)
    return examples, triggers


def plv_examples(docs: Sequence[Doc], rows: Sequence[PlvRow], lexicon: Lexicon) -> list[tuple[list[str], str]]:
    """Classifier examples from parsed PLV rows (features of the path trigger, gold root)."""
    return plv_mentions(docs, rows, lexicon)[0]


def parse_plv(path: Path, settings: Settings) -> tuple[list[PlvRow], list[Doc]]:
    """Read a PLV file and parse its sentences with the configured spaCy pipeline."""
    rows = read_plv(path)
    nlp = load_pipeline(settings.spacy_model)
    docs = list(nlp.pipe((r.text for r in rows), batch_size=64))
    return rows, docs


def _scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, list[dict[str, Any]]]:
    labels = sorted(set(gold))
    table = []
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        precision, recall, f1 = prf(tp, predicted.count(label), gold.count(label))
        f1s.append(f1)
        table.append({"class": label, "gold": gold.count(label), "precision": precision, "recall": recall, "f1": f1})
    accuracy = 100.0 * sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / max(1, len(gold))
    return round(accuracy, 1), round(sum(f1s) / max(1, len(f1s)), 1), table


def _folds(size: int, folds: int, seed: int) -> list[set[int]]:
    order = list(range(size))
    random.Random(seed).shuffle(order)
    return [set(order[fold::folds]) for fold in range(folds)]


def fold_models(
    examples: Sequence[tuple[list[str], str]], folds: int = 5, seed: int = 13
) -> list[tuple[set[int], TypeClassifier]]:
    """For each fold (seeded shuffle into ``folds`` parts): its rows and a model trained on the rest."""
    return [
        (held, fit([examples[i] for i in range(len(examples)) if i not in held], seed=seed))
        for held in _folds(len(examples), folds, seed)
    ]


def encoder_fold_models(
    examples: Sequence[tuple[list[str], str]], triggers: Sequence[Token], folds: int = 5, seed: int = 13,
    extra: Any = None,
) -> list[tuple[set[int], Any]]:
    """``fold_models`` for the accurate typer: the frozen MiniLM reads every sentence once, then
    per fold the typer's recipe (``encoder.fit_accurate``) is fitted on the other folds' mentions
    and the ``extra`` ones (the NGEC synthetic rows, ``encoder.Mentions``; never PLV rows),
    joined with that fold's perceptron (needs the encoder extra)."""
    from communique.extract.events.encoder import Mentions, fit_accurate

    mentions = Mentions.of(examples, triggers)
    out = []
    for held, perceptron in fold_models(examples, folds, seed):
        kept = [i for i in range(len(examples)) if i not in held]
        out.append((held, fit_accurate(mentions.rows(kept), extra, perceptron, seed=seed)))
    return out


def cross_validate(examples: Sequence[tuple[list[str], str]], folds: int = 5, seed: int = 13) -> list[str]:
    """Out-of-fold predictions for every example."""
    predicted = [""] * len(examples)
    for held, model in fold_models(examples, folds, seed):
        for i in held:
            predicted[i], _margin = model.predict(examples[i][0])
    return predicted


def _word_overlap(first: Sequence[Offsets], second: Sequence[Offsets], text: str) -> bool:
    def words(spans: Sequence[Offsets]) -> set[int]:
        return {m.start() + s for s, e in spans for m in re.finditer(r"\w+", text[s:e])}

    return bool(words(first) & words(second))


def role_spans(role: Role, article: Article) -> list[Offsets]:
    """Where a role names its actor: its own words, the mentions of the actor it resolves to,
    and where the name it resolves to is written ("The ELN said *it* will release him": "it" is
    the ELN, written "The ELN", whether or not the actor linker knows the ELN); a coordinated
    role's members count each with their own."""
    roles = (role, *role.members)
    actors = {r.actor for r in roles if r.actor is not None}
    spans = list(role.spans) + [(m.start, m.end) for m in article.mentions if m.actor in actors]
    for name in {r.name for r in roles if r.name}:
        spans += [m.span() for m in re.finditer(rf"\b{re.escape(name)}\b", article.text)]
    return spans


def _before_events(settings: Settings) -> Any:
    """The pipeline's extractors that run before the event coder (times, attribution, actors,
    places): the coder reads their statements, mentions and places, as in ``analyze``."""
    from dataclasses import replace

    from communique.pipeline import Analyzer, choose_extractors

    return Analyzer(replace(settings, extractors=choose_extractors(without=("events", "dating"))))


def _extraction(
    rows: Sequence[PlvRow], docs: Sequence[Doc], fold_of: Sequence[TypeClassifier | None], settings: Settings,
) -> dict[str, float]:
    """Role agreement of our own extraction, end to end: the extractors before the coder run
    on the bare sentence, then the coder; row ``i`` is typed by ``fold_of[i]`` (in
    cross-validation a model that never saw it; with ``--shipped`` the shipped model).

    A role agrees when the gold span shares a word with the role's words or with a mention of
    the actor the role resolves to (``role_spans``); ``*_span`` counts the role's words only."""
    analyzer = _before_events(settings)
    coder = EventCoder(settings)
    counts: Counter[str] = Counter()
    for index, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        article = analyzer.extract(doc, Article(text=row.text))
        coder.model = fold_of[index]
        coder(doc, article)
        counts["events"] += len(article.events)
        counts["any"] += bool(article.events)
        for suffix, where in (("", lambda r, a=article: role_spans(r, a)), ("_span", lambda r: r.spans)):
            sources = [_word_overlap(where(e.source), row.source, row.text) for e in article.events]
            targets = [_word_overlap(where(e.target), row.target, row.text) for e in article.events]
            pairs = [e for e, s, t in zip(article.events, sources, targets, strict=True) if s and t]
            counts["source" + suffix] += any(sources) and bool(row.source)
            counts["target" + suffix] += any(targets) and bool(row.target)
            counts["pair" + suffix] += bool(pairs)
            counts["pair_type" + suffix] += any(coarse(e.type) == row.label for e in pairs)
    total = max(1, len(rows))
    with_source = max(1, sum(1 for r in rows if r.source))
    with_target = max(1, sum(1 for r in rows if r.target))
    out = {
        "sentences_with_event": round(100.0 * counts["any"] / total, 1),
        "events_per_sentence": round(counts["events"] / total, 2),
    }
    for suffix in ("", "_span"):
        out.update(
            {
                "source_agreement" + suffix: round(100.0 * counts["source" + suffix] / with_source, 1),
                "target_agreement" + suffix: round(100.0 * counts["target" + suffix] / with_target, 1),
                "pair_agreement" + suffix: round(100.0 * counts["pair" + suffix] / total, 1),
                "pair_type" + suffix: round(100.0 * counts["pair_type" + suffix] / total, 1),
            }
        )
    return out


_ZSP_ANCHOR = "anchor (data README): zero-shot NLI (ZSP, roberta-large-mnli) 83.8 acc / 82.4 macro-F1 on PLV_test"


def evaluate_plv(
    path: Path, settings: Settings, folds: int = 5, extraction: bool = True, model: Any = None,
    accurate: bool = False, ngec: Path | None = None,
) -> EvalReport:
    """Type scores (and extraction agreement) on a PLV TSV file: cross-validated, or with
    ``model`` (the shipped one, ``--shipped``) scored as it is: no training, no folds, so the
    number is a held-out score when the file was never trained on. ``accurate``: cross-validate
    the accurate (encoder) typer instead of the perceptron; each fold's typer also trains on the
    NGEC synthetic stories at ``ngec`` (their training part, ``events_ngec``), as the shipped one
    does, and is scored on PLV rows only."""
    lexicon = load_lexicon()
    rows, docs = parse_plv(path, settings)
    examples, triggers = plv_mentions(docs, rows, lexicon)
    # the model that types each row (in cross-validation, one never trained on it)
    typed_by: dict[int, Any] = dict.fromkeys(range(len(rows)), model) if model is not None else {}
    which = "accurate (encoder) typer" if accurate else "perceptron"
    extra, extra_note = None, []
    if accurate and model is None and ngec is not None:
        from communique.evaluate.events_ngec import ngec_mentions
        from communique.extract.events.encoder import NGEC_WEIGHT, Mentions

        extra = Mentions.of(*ngec_mentions(ngec, settings, lexicon), weight=NGEC_WEIGHT)
        extra_note = [f"each fold's typer also trains on {len(extra.examples)} mentions of the NGEC synthetic"
                      f" training stories ({ngec}, loss weight {NGEC_WEIGHT}); it is scored on PLV rows only"]
    if model is None:
        made = (encoder_fold_models(examples, triggers, folds, extra=extra) if accurate
                else fold_models(examples, folds=folds))
        for held, fold_model in made:
            typed_by.update(dict.fromkeys(held, fold_model))
        how = f"{folds}-fold cross-validation of the {which} on"
    else:
        how = f"the shipped model ({which}, no training) on"
    fold_of = [typed_by[i] for i in range(len(rows))]
    predicted = [
        fold_of[i].predict(features, trigger=triggers[i])[0] for i, (features, _label) in enumerate(examples)
    ]
    gold = [label for _f, label in examples]
    accuracy, macro_f1, table = _scores(gold, predicted)
    summary = {"accuracy": accuracy, "macro_f1": macro_f1, "rows": float(len(rows))}
    notes = [f"type given the marked sentence: {how} {len(rows)} rows of {path.name}", *extra_note, _ZSP_ANCHOR]
    if extraction:
        summary.update(_extraction(rows, docs, fold_of, settings))
        notes.append("extraction: the pipeline on the bare sentences, each row typed by the model above")
    return EvalReport(task="events", dataset=str(path), rows=table, summary=summary, notes=notes)


def read_ngec(path: Path) -> list[dict[str, str]]:
    """The synthetic stories (``text``, ``label``, ``mode``) from the NGEC folder or its zip."""
    archive = path / NGEC_ZIP if path.is_dir() else path
    try:
        with zipfile.ZipFile(archive) as bundle:
            name = bundle.namelist()[0]
            with bundle.open(name) as handle:
                return list(csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8")))
    except (OSError, zipfile.BadZipFile, IndexError, KeyError) as exc:
        raise UsageError(Code.E803, path=path, detail=str(exc)[:80]) from exc


def _lead(text: str, sentences: int = 3) -> str:
    """The first ``sentences`` sentences of a story (cheap split: the parser sees only these)."""
    pieces = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=sentences)
    return " ".join(pieces[:sentences])


def main_event_type(article: Article, doc: Doc) -> str | None:
    """The type of the first sentence's event nearest the sentence root (None without events)."""
    if not article.events:
        return None
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for event in article.events:
        token = doc.char_span(event.trigger.spans[0][0], event.trigger.spans[0][1], alignment_mode="expand")
        if token is None:
            continue
        root = token.root
        depth = len(list(root.ancestors))
        by_sentence.setdefault(root.sent.start, []).append((depth, event.type))
    first = min(by_sentence)
    return min(by_sentence[first])[1]


def score_main_events(
    texts: Sequence[str], gold: Sequence[str], settings: Settings
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Code each text with the shipped coder and score its main event against ``gold`` (16
    PLOVER types, and coarse: CONCEDE and RETREAT as YIELD); no event counts as wrong. Returns
    the summary (accuracy, macro_f1, coarse_*, coverage) and the per-class table."""
    nlp = load_pipeline(settings.spacy_model)
    coder = EventCoder(settings)
    predicted = []
    pairs = ((make_doc(nlp, article), article) for article in (Article(text=t) for t in texts))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=64):
        coder(doc, article)
        predicted.append(main_event_type(article, doc) or "NONE")
    accuracy, macro_f1, table = _scores(gold, predicted)
    coarse_accuracy, coarse_f1, _table = _scores([coarse(g) for g in gold], [coarse(p) for p in predicted])
    covered = sum(1 for p in predicted if p != "NONE")
    summary = {
        "accuracy": accuracy, "macro_f1": macro_f1, "coarse_accuracy": coarse_accuracy,
        "coarse_macro_f1": coarse_f1, "coverage": round(100.0 * covered / max(1, len(texts)), 1),
    }
    return summary, table


def evaluate_ngec(path: Path, settings: Settings, limit: int = 900) -> EvalReport:
    """Main-event type accuracy on (an evenly spaced sample of) the NGEC synthetic stories that
    no model trains on (one in five, ``events_ngec.held_out_stories``: 900 of the 4,500; the
    accurate typer trains on the others); ``limit`` 0 scores all 4,500, training stories too."""
    from communique.evaluate.events_ngec import held_out_stories

    stories = read_ngec(path)
    everything = not limit
    if not everything:
        stories = [stories[k] for k in held_out_stories(len(stories))]
    if limit and len(stories) > limit:
        step = len(stories) / limit
        stories = [stories[int(k * step)] for k in range(limit)]
    summary, table = score_main_events([_lead(s["text"]) for s in stories],
                                       [s["label"].strip().upper() for s in stories], settings)
    summary["stories"] = float(len(stories))
    notes = [
        f"main event of the lead (3 sentences) of {len(stories)} synthetic stories; no event counts as wrong",
        "coarse_* merge CONCEDE and RETREAT as PLV's YIELD",
        "all stories: the accurate typer (--accurate) trained on 4 in 5 of them, so that score is not out-of-sample"
        if everything else "held-out stories (one in five): no model trained on them, though they share the"
        " training stories' headline templates",
    ]
    return EvalReport(task="events", dataset=str(path), rows=table, summary=summary, notes=notes)


# PLOVER 0.5b1 (2016) categories of the gold-standard records -> the current PLOVER types
_GSR_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GSR_FILE = "PLOVER_GSR_CAMEO.json"


def read_gsr(path: Path) -> list[dict[str, str]]:
    """The coded sentences (``text``, ``label`` in current PLOVER types) of the PLOVER
    gold-standard records, a JSON array (the DOCUMENT header record is skipped)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise TypeError("not a JSON array of records")
        return [
            {"text": r["text"], "label": _GSR_TYPES.get(r["event"], r["event"])}
            for r in records if r.get("event") != "DOCUMENT" and r.get("text")
        ]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        raise UsageError(Code.E808, path=path, detail=str(exc)[:80]) from exc


def evaluate_gsr(path: Path, settings: Settings) -> EvalReport:
    """Main-event type accuracy of the shipped coder on the PLOVER gold-standard sentences."""
    sentences = read_gsr(path)
    summary, table = score_main_events([s["text"] for s in sentences], [s["label"] for s in sentences], settings)
    summary["sentences"] = float(len(sentences))
    notes = [
        f"main event of each of {len(sentences)} coded sentences (CAMEO manual examples, PLOVER 0.5b1); no event counts as wrong",
        "old categories mapped: DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE, FIGHT->ASSAULT; never used for training",
    ]
    return EvalReport(task="events", dataset=str(path), rows=table, summary=summary, notes=notes)


def evaluate(path: Path, settings: Settings, **opts: Any) -> EvalReport:
    """Evaluate on a PLV TSV file or an NGEC synthetic folder/zip (see the module docstring).

    Options: ``shipped`` (PLV: score the shipped model on the file instead of cross-validating a
    new one; the NGEC stories are always coded with the shipped model), ``folds`` (PLV, default
    5), ``extraction`` (PLV, default True), ``ngec`` (PLV with ``encoder``: an NGEC folder each
    fold's typer also trains on, as ``train events --encoder --ngec`` does; the shipped one does not), ``limit`` (NGEC stories, default
    900, the held-out ones; 0 for all 4,500, training stories included).
    """
    path = Path(path)
    if path.is_dir() and (path / "PLV_train.tsv").is_file():
        path = path / "PLV_train.tsv"
    if path.is_file() and path.suffix == ".tsv":
        extraction = bool(opts.get("extraction", True))
        accurate = bool(opts.get("encoder"))
        if opts.get("shipped"):
            if accurate:
                from communique.extract.events.encoder import load_accurate

                model = load_accurate()
                ship = "`communique train events --encoder` and ship its event_model_encoder.json"
            else:
                model, ship = load_shipped(), "`communique train events` and ship its event_model.json"
            if model is None:
                raise UsageError(Code.E805, detail=f"run {ship}")
            return evaluate_plv(path, settings, extraction=extraction, model=model, accurate=accurate)
        ngec = opts.get("ngec")
        return evaluate_plv(path, settings, folds=int(opts.get("folds", 5)), extraction=extraction, accurate=accurate,
                            ngec=Path(ngec) if ngec else None)
    if path.is_dir() and (path / GSR_FILE).is_file():
        path = path / GSR_FILE
    if path.suffix == ".json":
        return evaluate_gsr(path, settings)
    if (path.is_dir() and (path / NGEC_ZIP).is_file()) or path.suffix == ".zip":
        return evaluate_ngec(path, settings, limit=int(opts.get("limit", 900)))
    raise UsageError(Code.E803, path=path, detail="expected a .tsv file, a folder with PLV_train.tsv, or the NGEC zip")
