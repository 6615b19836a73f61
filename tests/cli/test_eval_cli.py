"""``communique eval``: every task is a command; reports render as tables or JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from communique.cli.evaluate import TASKS
from communique.cli.main import app


def test_every_task_is_a_command():
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for name, *_ in TASKS:
        assert name in result.stdout


def test_speaker_report_as_json(nlp):
    result = CliRunner().invoke(app, ["eval", "speakers", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["task"] and report["rows"]
    assert 0 <= report["summary"]["speaker_accuracy"] <= 100


def test_without_a_file_outside_a_source_checkout_the_gold_set_must_be_given(tmp_path, monkeypatch):
    from communique.evaluate import cases

    # an installed wheel: no eval/ beside the package, none in the current folder
    monkeypatch.setattr(cases, "_CHECKOUT_EVAL", tmp_path / "no-checkout" / "eval")
    monkeypatch.chdir(tmp_path)
    for task in ("speakers", "statements", "linking"):
        result = CliRunner().invoke(app, ["eval", task])
        assert result.exit_code == 2, (task, result.stderr)
        assert "E312" in result.stderr and "give a file" in result.stderr, result.stderr


def test_a_missing_gold_folder_is_a_usage_error(tmp_path, nlp):
    result = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_accurate_is_refused_for_a_task_without_attribution(tmp_path):
    result = CliRunner().invoke(app, ["eval", "geo", str(tmp_path / "lgl.xml"), "--accurate"])
    assert result.exit_code == 2
    assert "--accurate applies to the attribution tasks only" in result.stderr


def test_geo_end_to_end_as_json(tmp_path, nlp):
    # ``kenya`` in lower case: resolved from its gold span, found by no recognizer.
    (tmp_path / "gv.xml").write_text(
        "<articles><article><text>Cases rose in kenya.</text><locations><location>"
        "<name>kenya</name><start>14</start><end>19</end><lat>1</lat><lon>38</lon></location>"
        "</locations></article></articles>", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geo", str(tmp_path / "gv.xml"), "--end-to-end",
                                      "--json"])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert (summary["acc161"], summary["gold_acc161"]) == (0.0, 100.0)


def test_end_to_end_is_refused_for_another_task(tmp_path):
    result = CliRunner().invoke(app, ["eval", "timeml", str(tmp_path), "--end-to-end"])
    assert result.exit_code == 2
    assert "--end-to-end applies to" in result.stderr
