"""The PolNeAR scorer: brat reading, first annotator file, edge trimming, one-to-one pairing."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.polnear import (
    Attribution,
    load_split,
    new_tallies,
    read_ann,
    report_from,
    score_document,
)

TEXT = 'Smith said that "taxes will rise." She added that jobs would go.'
#       0    5    10   15   20   25   30   35   40   45   50   55   60

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 34\tthat \"taxes will rise.\"\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tCue 39 44\tadded\n"
    "E2\tAttribution-no-source:T4 Cue:T4 Content:T5\n"
    "T5\tContent 45 63\tthat jobs would go\n"
)


def _score(gold, predicted):
    tallies = new_tallies()
    score_document(TEXT, gold, predicted, tallies)
    return report_from(tallies, "test", []).summary


def test_read_ann_handles_forward_references_and_missing_source():
    gold = read_ann(ANN)
    assert len(gold) == 2
    assert gold[0].source == [(0, 5)] and gold[0].content == [(11, 34)]
    assert gold[1].source == [] and gold[1].content == [(45, 63)]


def test_exact_match_ignores_quote_marks_and_periods_at_the_edges():
    gold = read_ann(ANN)
    predicted = [Attribution([(0, 5)], [(6, 10)], [(11, 32)]), Attribution([(35, 38)], [(39, 44)], [(45, 63)])]
    summary = _score(gold, predicted)
    assert summary["cue_exact_f1"] == 100.0
    assert summary["content_exact_f1"] == 100.0
    # we predicted a source ("She") where the gold has none: precision 1/2, recall 1/1
    assert summary["source_exact_f1"] == pytest.approx(66.7)


def test_a_content_one_word_short_is_not_exact_but_overlaps():
    gold = read_ann(ANN)[:1]
    predicted = [Attribution([(0, 5)], [(6, 10)], [(16, 33)])]  # without "that"
    summary = _score(gold, predicted)
    assert summary["content_exact_f1"] == 0.0
    assert 80.0 < summary["content_overlap_f1"] < 100.0


def test_pairs_are_one_to_one():
    gold = read_ann(ANN)[:1]
    same = Attribution([(0, 5)], [(6, 10)], [(11, 34)])
    summary = _score(gold, [same, same])
    # the second copy is unpaired: a false positive for every role
    assert summary["cue_exact_f1"] == pytest.approx(66.7)


def test_pieces_split_only_by_punctuation_match_one_piece():
    text = '"One," he said. "Two."'
    gold = [Attribution([(7, 9)], [(10, 14)], [(0, 6), (16, 22)])]
    tallies = new_tallies()
    score_document(text, gold, [Attribution([(7, 9)], [(10, 14)], [(1, 4), (17, 20)])], tallies)
    assert report_from(tallies, "t", []).summary["content_exact_f1"] == 100.0


def test_load_split_takes_the_first_annotator_file(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "doc_bbbb.ann").write_text("", encoding="utf-8")
    docs = load_split(tmp_path)
    assert [d.name for d in docs] == ["doc"]
    assert len(docs[0].attributions) == 2


def test_load_split_refuses_a_folder_that_is_not_a_split(tmp_path: Path):
    with pytest.raises(UsageError, match="E401"):
        load_split(tmp_path)
