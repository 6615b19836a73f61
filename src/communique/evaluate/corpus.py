"""Scoring the corpus record on a gold file: claims, answers, wire copies, positions, timelines.

Owns: reading a corpus gold set (``articles.jsonl`` beside ``gold.jsonl``; the format is in
``docs/schema.md`` and ``examples/corpus/README.md``), ingesting its articles into a fresh
temporary database exactly as ``communique ingest`` does (the record included), locating each
gold report in what was extracted, and the scores. Must not: tune anything.

Matching. A gold report is an article (its url) and a verbatim snippet of the statement's
content; it is the extracted statement whose content spans overlap the snippet most (none: the
report was missed, and counts as a claim of its own). Then:
- claims: pairwise precision/recall/F1 over the gold reports (two reports are a pair when they
  are in one claim), the usual measure for clusterings of mentions;
- answers: recall of gold answers (the answering statement's claim link reaches a predicted
  claim holding the gold claim's reports), precision over the predicted links from statements
  that are gold reports, and the stance's agreement among the found ones;
- duplicates: precision and recall of copy pairs, read as groups (a copy of a copy is a copy);
- positions: share of gold position lines whose claim has the gold position, and the share the
  topic query finds;
- timelines: share of each gold timeline's claims in the actor's predicted timeline, and the
  share of gold pairs (said on different dates) in the right order.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import Code, UsageError
from ..pipeline import ingest_paths
from ..query.positions import positions as query_positions
from ..query.record import RecordFilters, timeline
from ..record.vectors import encoder_for
from ..settings import Settings
from ..store import Database
from .report import EvalReport, prf

_TYPES = ("claim", "answer", "duplicate", "position", "timeline")


def load_gold(path: Path) -> tuple[Path, dict[str, list[dict[str, Any]]]]:
    """The articles file and the gold lines by type (E902 for a malformed file)."""
    gold_path = path / "gold.jsonl" if path.is_dir() else path
    articles = gold_path.parent / "articles.jsonl"
    if not gold_path.is_file() or not articles.is_file():
        raise UsageError(Code.E902, path=path, detail="expected gold.jsonl with articles.jsonl beside it")
    lines: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for number, raw in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UsageError(Code.E902, path=gold_path, detail=f"line {number}: {exc.msg}") from exc
        if not isinstance(line, dict) or line.get("type") not in _TYPES:
            raise UsageError(Code.E902, path=gold_path, detail=f"line {number}: type must be one of {_TYPES}")
        lines[line["type"]].append(line)
    return articles, lines


class _Located:
    """Gold reports located in the extracted statements of the evaluation database."""

    def __init__(self, db: Database) -> None:
        conn = db.connection
        self.article_by_url = dict(conn.execute("SELECT url, id FROM articles WHERE url IS NOT NULL").fetchall())
        self.text = dict(conn.execute("SELECT id, text FROM articles").fetchall())
        self.spans: dict[str, list[tuple[int, list]]] = defaultdict(list)
        for article_id, index, spans in conn.execute(
            'SELECT article_id, "index", content_spans FROM statements'
        ).fetchall():
            self.spans[article_id].append((index, spans or []))
        self.claim_of = {
            (a, i): c for a, i, c in conn.execute("SELECT article_id, statement, claim_id FROM claim_reports").fetchall()
        }
        self.answer_of = {
            (a, i): (c, s) for a, i, c, s in conn.execute("SELECT article_id, statement, claim_id, stance FROM answers").fetchall()
        }
        self.duplicate_of = dict(conn.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall())

    def statement(self, report: dict[str, Any]) -> tuple[str, int] | None:
        """The extracted statement a gold report names, or None when it was missed."""
        article_id = self.article_by_url.get(report["article"])
        if article_id is None:
            return None
        start = self.text[article_id].find(report["snippet"])
        if start < 0:
            return None
        end = start + len(report["snippet"])
        best, best_overlap = None, 0
        for index, spans in self.spans[article_id]:
            overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        return (article_id, best) if best is not None else None


def _pairwise(gold_of: dict[Any, str], predicted_of: dict[Any, str]) -> tuple[float, float, float, int, int]:
    items = sorted(gold_of)
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold_of[a] == gold_of[b]}
    predicted_pairs = {(a, b) for a, b in combinations(items, 2) if predicted_of[a] == predicted_of[b]}
    p, r, f = prf(len(gold_pairs & predicted_pairs), len(predicted_pairs), len(gold_pairs))
    return p, r, f, len(gold_pairs), len(predicted_pairs)


def evaluate(path: Path | None, settings: Settings, **_: Any) -> EvalReport:
    """Ingest the gold set's articles into a temporary database and score its record."""
    if path is None:
        raise UsageError(Code.E902, path="(none)", detail="give the gold.jsonl file or its folder")
    articles, gold = load_gold(path)
    settings = replace(settings, record_encoder=settings.accurate_attribution)  # --accurate: the record's too
    with tempfile.TemporaryDirectory(prefix="communique-eval-") as tmp:
        db_path = Path(tmp) / "eval.duckdb"
        ingested = ingest_paths([articles], db_path, settings)
        with Database(db_path) as db:
            report = _score(db, gold, str(path), settings)
    if ingested.failed:
        report.notes.append(f"{len(ingested.failed)} gold articles failed to ingest: {ingested.failed[0].reason}")
    return report


def _score(db: Database, gold: dict[str, list[dict[str, Any]]], dataset: str, settings: Settings) -> EvalReport:
    located = _Located(db)
    rows, summary, notes = [], {}, []

    # claims: pairwise over gold reports
    gold_of, predicted_of, statement_of, missed = {}, {}, {}, 0
    claim_statements: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for claim in gold["claim"]:
        for number, report in enumerate(claim["reports"]):
            item = (claim["id"], number)
            gold_of[item] = claim["id"]
            found = located.statement(report)
            statement_of[item] = found
            if found is None or found not in located.claim_of:
                missed += 1
                predicted_of[item] = f"missed:{claim['id']}:{number}"
            else:
                predicted_of[item] = located.claim_of[found]
                claim_statements[claim["id"]].append(found)
    p, r, f, gold_pairs, predicted_pairs = _pairwise(gold_of, predicted_of)
    rows.append({"measure": "claims (pairwise)", "precision": p, "recall": r, "f1": f,
                 "gold": gold_pairs, "predicted": predicted_pairs})
    summary["claim_pairwise_f1"] = f
    notes.append(f"{len(gold['claim'])} gold claims, {len(gold_of)} reports, {missed} not found as statements")

    # answers
    predicted_claims = {c: {located.claim_of.get(s) for s in stmts} - {None} for c, stmts in claim_statements.items()}
    found_links = stance_agree = 0
    for answer in gold["answer"]:
        statement = located.statement(answer["report"])
        link = located.answer_of.get(statement) if statement else None
        if link and link[0] in predicted_claims.get(answer["claim"], set()):
            found_links += 1
            stance_agree += link[1] == answer["stance"]
    gold_answer_statements = {located.statement(a["report"]): a for a in gold["answer"]}
    gold_report_statements = {s for s in statement_of.values() if s is not None}
    predicted_links = [s for s in located.answer_of if s in gold_report_statements]
    correct_links = sum(
        1 for s in predicted_links
        if s in gold_answer_statements
        and located.answer_of[s][0] in predicted_claims.get(gold_answer_statements[s]["claim"], set())
    )
    p, r, f = prf(found_links, len(predicted_links), len(gold["answer"]))
    p = prf(correct_links, len(predicted_links), 1)[0]
    rows.append({"measure": "answers (links)", "precision": p, "recall": r, "f1": prf(found_links, len(predicted_links), len(gold["answer"]))[2],
                 "gold": len(gold["answer"]), "predicted": len(predicted_links)})
    summary["answer_link_recall"] = r
    if found_links:
        notes.append(f"answer stance agrees on {stance_agree} of {found_links} found links")

    # duplicates, as groups
    def root(article_id: str, parents: dict[str, str]) -> str:
        seen = set()
        while article_id in parents and article_id not in seen:
            seen.add(article_id)
            article_id = parents[article_id]
        return article_id

    gold_parents = {}
    for pair in gold["duplicate"]:
        a, b = located.article_by_url.get(pair["article"]), located.article_by_url.get(pair["of"])
        if a and b:
            gold_parents[a] = b
    predicted = located.duplicate_of
    true_predicted = sum(1 for a, b in predicted.items() if root(a, gold_parents) == root(b, gold_parents))
    true_gold = sum(1 for a, b in gold_parents.items() if root(a, predicted) == root(b, predicted))
    p = prf(true_predicted, len(predicted), 1)[0]
    r = prf(true_gold, 1, len(gold_parents))[1]
    f = round(2 * p * r / (p + r), 1) if p + r else 0.0
    rows.append({"measure": "duplicates (pairs)", "precision": p, "recall": r, "f1": f,
                 "gold": len(gold_parents), "predicted": len(predicted)})
    summary["duplicate_precision"], summary["duplicate_recall"] = p, r

    # positions: the polarity of each gold position's claim, and whether the topic finds it
    encoder = encoder_for(settings)
    polarity_right = topic_found = 0
    claim_position = dict(db.connection.execute("SELECT id, position FROM claims").fetchall())
    by_topic: dict[str, set[str]] = {}
    for line in gold["position"]:
        predicted_ids = predicted_claims.get(line["claim"], set())
        if any(claim_position.get(c) == line["position"] for c in predicted_ids):
            polarity_right += 1
        if line["topic"] not in by_topic:
            by_topic[line["topic"]] = {
                p["claim"] for p in query_positions(db, line["topic"], RecordFilters(), encoder=encoder)
            }
        topic_found += bool(predicted_ids & by_topic[line["topic"]])
    total = len(gold["position"])
    rows.append({"measure": "positions (polarity accuracy)", "precision": None,
                 "recall": round(100.0 * polarity_right / total, 1) if total else 0.0, "f1": None,
                 "gold": total, "predicted": None})
    rows.append({"measure": "positions (topic finds the claim)", "precision": None,
                 "recall": round(100.0 * topic_found / total, 1) if total else 0.0, "f1": None,
                 "gold": total, "predicted": None})
    summary["position_accuracy"] = rows[-2]["recall"]
    summary["position_topic_recall"] = rows[-1]["recall"]

    # timelines: completeness and order
    said_of = {c["id"]: c["said"] for c in gold["claim"]}
    present = expected = ordered = order_pairs = 0
    for line in gold["timeline"]:
        try:
            predicted_line = [c["id"] for c in timeline(db, line["actor"])]
        except UsageError:
            predicted_line = []
        position_of = {c: i for i, c in enumerate(predicted_line)}
        places = []
        for gold_claim in line["claims"]:
            expected += 1
            hits = [position_of[c] for c in predicted_claims.get(gold_claim, set()) if c in position_of]
            present += bool(hits)
            places.append((said_of.get(gold_claim), min(hits) if hits else None))
        for (said_a, at_a), (said_b, at_b) in combinations(places, 2):
            if said_a and said_b and said_a != said_b and at_a is not None and at_b is not None:
                order_pairs += 1
                ordered += (said_a < said_b) == (at_a < at_b)
    rows.append({"measure": "timelines (claims present)", "precision": None,
                 "recall": round(100.0 * present / expected, 1) if expected else 0.0, "f1": None,
                 "gold": expected, "predicted": None})
    rows.append({"measure": "timelines (pairs in order)", "precision": None,
                 "recall": round(100.0 * ordered / order_pairs, 1) if order_pairs else 0.0, "f1": None,
                 "gold": order_pairs, "predicted": None})
    summary["timeline_complete"] = rows[-2]["recall"]
    summary["timeline_order"] = rows[-1]["recall"]
    notes.append("claims: pairwise P/R/F1 over gold reports; answers: recall of gold links, precision over links "
                 "from statements that are gold reports; duplicates as groups")
    notes.append(f"record similarity: {'MiniLM encoder + words' if settings.record_encoder else 'words (default)'}")
    return EvalReport(task="corpus record", dataset=dataset, rows=rows, summary=summary, notes=notes)
