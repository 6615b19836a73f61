"""The PLV / NGEC readers and the events quality floor (tests/floors/events.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.evaluate.events import cross_validate, evaluate, read_plv
from communique.settings import Settings

FLOORS = Path(__file__).resolve().parents[1] / "floors" / "events.json"
HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"


def test_read_plv_turns_marks_into_offsets(tmp_path):
    path = tmp_path / "tiny.tsv"
    sentence = "Ukraine accuses Russia of sending tanks."
    marked = "<s>Ukraine</s> accuses <t>Russia</t> of sending tanks."
    path.write_text(HEADER + f"0\t1\t{sentence}\t{marked}\tUkraine\tRussia\tACCUSE\n", encoding="utf-8")
    (row,) = read_plv(path)
    assert row.text == sentence
    assert [row.text[s:e] for s, e in row.source] == ["Ukraine"]
    assert [row.text[s:e] for s, e in row.target] == ["Russia"]
    assert row.label == "ACCUSE"


def test_not_plv_data_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        evaluate(bad, Settings())
    assert info.value.code.name == "E803"
    with pytest.raises(UsageError):
        evaluate(tmp_path, Settings())


def test_cross_validation_predicts_every_example_out_of_fold():
    examples = [([f"w={k % 3}", "bias"], f"C{k % 3}") for k in range(30)]
    predicted = cross_validate(examples, folds=5)
    assert predicted == [label for _f, label in examples]


@pytest.mark.shared
def test_plv_floor(shared_dir):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["plv"]
    report = evaluate(shared_dir / "eval" / "events" / "plv" / "PLV_train.tsv", Settings())
    for measure, floor in floors.items():
        assert report.summary[measure] >= floor, (measure, report.summary)
