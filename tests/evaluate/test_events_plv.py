"""The PLV reader, the PLOVER records and the events quality floor (tests/floors/events.json)."""

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


def test_the_shipped_model_is_scored_without_training(write_plv, monkeypatch):
    import communique.evaluate.events as events

    def no_training(*_args, **_kwargs):
        raise AssertionError("--shipped must not train")

    monkeypatch.setattr(events, "fit", no_training)
    report = evaluate(write_plv(), Settings(), shipped=True)
    assert report.summary["rows"] == 3
    assert report.summary["accuracy"] == 100.0 and report.summary["macro_f1"] == 100.0
    assert [row["class"] for row in report.rows] == ["ACCUSE", "ASSAULT", "CONSULT"]
    assert "shipped model" in report.notes[0]


def test_eval_events_shipped_cli_json(write_plv):
    from typer.testing import CliRunner

    from communique.cli.main import app

    result = CliRunner().invoke(app, ["eval", "events", str(write_plv()), "--shipped", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["summary"]) >= {"accuracy", "macro_f1"}
    assert 0 <= report["summary"]["macro_f1"] <= 100
    assert {"class", "precision", "recall", "f1"} <= set(report["rows"][0])


def test_plover_gold_standard_records_are_scored_by_main_event(tmp_path):
    records = [
        {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
        {"id": "a", "event": "FIGHT", "text": "Government troops attacked rebel positions near the border on Monday."},
        {"id": "b", "event": "DEMAND", "text": "The United Nations urged Israel to allow aid into Gaza."},
        {"id": "c", "event": "CONSULT", "text": "The weather was mild and sunny all week."},
    ]
    path = tmp_path / "PLOVER_GSR_CAMEO.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    report = evaluate(path, Settings())
    assert report.summary["sentences"] == 3  # the DOCUMENT header is no sentence
    assert report.summary["coverage"] == pytest.approx(66.7)
    assert report.summary["accuracy"] == pytest.approx(66.7)  # FIGHT is ASSAULT, DEMAND is REQUEST now
    assert {row["class"] for row in report.rows} == {"ASSAULT", "REQUEST", "CONSULT"}
    assert evaluate(tmp_path, Settings()).summary == report.summary  # the folder works too


def test_a_json_file_that_is_not_gsr_records_is_a_usage_error(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(UsageError) as info:
        evaluate(path, Settings())
    assert info.value.code.name == "E808"


@pytest.mark.shared
def test_plover_gold_standard_floor(shared_dir):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["gsr"]
    report = evaluate(shared_dir / "eval" / "events" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json", Settings())
    for measure, floor in floors.items():
        assert report.summary[measure] >= floor, (measure, report.summary)
