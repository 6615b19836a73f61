"""`communique eval statements`: gold written as plain strings, scored with PolNeAR's measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.statements import evaluate, gold_attributions, load_passages
from communique.settings import Settings


def test_strings_become_the_spans_nearest_their_statement():
    text = 'Officials said the talks failed. "We tried," the minister said, "but they refused."'
    gold = gold_attributions(text, [
        {"speaker": "Officials", "cue": "said", "content": "the talks failed"},
        {"speaker": "the minister", "cue": "said", "content": "We tried"},
        {"speaker": "the minister", "cue": "said", "content": "but they refused."},
    ])
    assert len(gold) == 2  # the quotation broken by its cue is one attribution
    first, second = gold
    assert [text[s:e] for s, e in first.cue] == ["said"] and first.cue[0][0] == text.index("said")
    assert second.cue[0][0] == text.rindex("said")
    assert [text[s:e] for s, e in second.content] == ["We tried", "but they refused."]


def test_a_string_not_in_the_text_is_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    good = {"text": "He said no.", "statements": [{"speaker": "He", "cue": "said", "content": "no"}]}
    bad = {"text": "He said no.", "statements": [{"speaker": "He", "cue": "told", "content": "no"}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E406.*line 2.*'told' is not in the text"):
        load_passages(path)


def test_the_shipped_wire_set_scores_above_its_floor(nlp):
    # 20 wire-style passages written blind by a helper session: 90.3 / 90.5 / 90.5 exact F1 when
    # first scored, 90.3 / 90.5 / 93.7 after the two fixes it led to; one statement is about
    # 1.6 points, so the floors sit about 4 under the first score
    report = evaluate(None, Settings())
    for role, floor in (("source", 86.0), ("cue", 86.0), ("content", 86.0)):
        assert report.summary[f"{role}_exact_f1"] >= floor, report.rows
