"""Attribution scored on passages annotated as plain strings (``communique eval statements``).

Owns: reading a JSON Lines file where each line is a passage and the statements in it, written
as the strings the text holds (``{"text": ..., "statements": [{"speaker": ..., "cue": ...,
"content": ...}]}``), turning those strings into character spans, and scoring the extractor with
PolNeAR's measures (evaluate/polnear.py). Must not: tune anything.

This is the format for a user's own gold: no offsets to count, only the words. A string that
occurs more than once is taken where it sits nearest its statement (the content nearest the
cue, the cue and the speaker nearest the content). A quotation broken by its cue ("A," she
said, "B") is written as one statement per piece with the same speaker and cue; the pieces are
joined into one attribution, as PolNeAR marks them. Without a file, the shipped set is used:
``eval/attribution/wire_statements.jsonl``, 20 wire-style passages written for the project by a
helper session that never saw the extractor (64 statements as written, 61 attributions once the
pieces of broken quotations are joined).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError
from communique.evaluate.cases import numbered_lines
from communique.evaluate.polnear import Attribution, report_from, score_texts
from communique.evaluate.report import EvalReport
from communique.model import Offsets
from communique.settings import Settings

SHIPPED = "attribution/wire_statements.jsonl"


def load_passages(path: Path | None) -> tuple[list[tuple[str, list[Attribution]]], str]:
    """(text, gold attributions) per passage of ``path`` (or the shipped set), and its name."""
    lines, dataset = numbered_lines(path, SHIPPED, "communique wire statements")
    passages = []
    for number, line in lines:
        try:
            passage = json.loads(line)
            passages.append((passage["text"], gold_attributions(passage["text"], passage["statements"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(Code.E406, path=dataset, line=number, detail=str(exc) or type(exc).__name__) from exc
    return passages, dataset


def gold_attributions(text: str, statements: list[dict[str, Any]]) -> list[Attribution]:
    """The statements of one passage as attributions with character spans."""
    merged: dict[tuple[str, Offsets], Attribution] = {}
    for statement in statements:
        cue_text, content_text = statement["cue"], statement["content"]
        # the content nearest a first guess at the cue, then the cue nearest that content
        content = _nearest(text, content_text, _nearest(text, cue_text, (len(text) // 2,) * 2))
        cue = _nearest(text, cue_text, content)
        speaker_text = statement.get("speaker") or ""
        speaker = [_nearest(text, speaker_text, cue)] if speaker_text else []
        key = (speaker_text, cue)
        if key in merged:
            merged[key].content.append(content)
        else:
            merged[key] = Attribution(speaker, [cue], [content])
    return list(merged.values())


def _nearest(text: str, words: str, near: Offsets) -> Offsets:
    """The occurrence of ``words`` in ``text`` with the least gap to the span ``near``."""
    if not words:
        raise ValueError("an empty cue or content")
    starts = []
    start = text.find(words)
    while start >= 0:
        starts.append(start)
        start = text.find(words, start + 1)
    if not starts:
        raise ValueError(f"{words!r} is not in the text")
    gap = lambda s: max(near[0] - (s + len(words)), s - near[1], 0)  # noqa: E731
    best = min(starts, key=gap)
    return (best, best + len(words))


def evaluate(path: Path | None, settings: Settings, **_: Any) -> EvalReport:
    """Score the attribution extractor on the passages of ``path`` (or the shipped set)."""
    passages, dataset = load_passages(path)
    tallies = score_texts([text for text, _ in passages], [gold for _, gold in passages], settings)
    notes = [
        f"{len(passages)} passages, {sum(len(g) for _, g in passages)} statements (pieces of one quotation joined)",
        "measured as for PolNeAR: exact (letters and digits) and token-overlap P/R/F1, one-to-one pairing",
    ]
    return report_from(tallies, dataset, notes)
