"""The NGEC synthetic stories as training rows of the accurate typer (evaluate/events_ngec.py),
and the NGEC evaluation scoring only the stories no model trains on."""

from __future__ import annotations

import json

import pytest

from communique.errors import UsageError
from communique.evaluate.events import evaluate
from communique.evaluate.events_ngec import held_out_stories, ngec_archive, ngec_mentions, training_stories
from communique.extract.events.lexicon import load_lexicon
from communique.settings import Settings

STORIES = [
    ("Government troops attacked rebel positions near the border on Monday.", "ASSAULT"),
    ("The weather was mild. Police arrested dozens of opposition activists in the capital.", "COERCE"),
    ("The weather was mild and sunny all week.", "PROTEST"),
    ("The army withdrew its troops from the disputed town on Friday.", "RETREAT"),
    ("Thousands of teachers protested in the capital against the new law.", "PROTEST"),
    ("Rebels shelled the army base overnight.", "ASSAULT"),
    ("The ministers held talks with their French counterparts in Paris.", "CONSULT"),
]


def test_one_story_in_five_is_held_out_and_never_a_training_story():
    held, trained = held_out_stories(4500), training_stories(4500)
    assert len(held) == 900 and len(trained) == 3600
    assert not set(held) & set(trained) and sorted(held + trained) == list(range(4500))


def test_ngec_main_event_accuracy_on_a_tiny_zip(write_ngec):
    rows = [
        ("Government troops attacked rebel positions near the border on Monday.", "ASSAULT"),
        ("Police arrested dozens of opposition activists in the capital.", "COERCE"),
        ("The weather was mild and sunny all week.", "PROTEST"),
    ]
    report = evaluate(write_ngec(rows), Settings(), limit=0)  # every story (by default the held-out ones only)
    assert report.summary["stories"] == 3
    assert report.summary["coverage"] == pytest.approx(66.7)
    assert report.summary["accuracy"] == pytest.approx(66.7)


def test_ngec_evaluation_scores_only_the_held_out_stories_by_default(write_ngec):
    archive = write_ngec(STORIES)
    report = evaluate(archive, Settings())
    assert report.summary["stories"] == 2  # stories 0 and 5, which no model trains on
    assert report.summary["accuracy"] == 100.0  # both ASSAULT, both coded so
    assert any("no model trained on them" in note for note in report.notes)
    everything = evaluate(archive, Settings(), limit=0)
    assert everything.summary["stories"] == len(STORIES)
    assert any("not out-of-sample" in note for note in everything.notes)


def test_a_training_story_gives_its_labelled_trigger_and_its_roles_features(write_ngec):
    examples, triggers = ngec_mentions(write_ngec(STORIES), Settings(), load_lexicon())
    # the training stories are 1-4 and 6; story 2 (the weather) has no PROTEST trigger: left out
    assert [(t.text, label) for t, (_f, label) in zip(triggers, examples, strict=True)] == [
        ("arrested", "COERCE"), ("withdrew", "YIELD"), ("protested", "PROTEST"), ("talks", "CONSULT"),
    ]
    # the first sentence holding a trigger of its label, not the lead when that has none
    assert triggers[0].sent.text.startswith("Police arrested")
    assert "lem=arrest" in examples[0][0] and "src=none" not in examples[0][0]  # "Police" is its source


def test_what_is_not_the_ngec_folder_or_zip_is_e810(tmp_path, write_ngec):
    with pytest.raises(UsageError, match=r"E810\] cannot train on the NGEC synthetic stories: .* is not the NGEC"):
        ngec_archive(tmp_path)
    archive = write_ngec(STORIES)
    assert ngec_archive(tmp_path) == archive == ngec_archive(archive)  # the folder or the zip itself


@pytest.mark.encoder
def test_train_events_encoder_with_ngec_records_both_files_and_learns_their_classes(tmp_path, write_plv, write_ngec):
    pytest.importorskip("torch")
    from typer.testing import CliRunner

    from communique.cli.main import app
    from communique.extract.events import encoder
    from communique.train.provenance import read_meta

    data, stories = write_plv(), write_ngec(STORIES)
    runner = CliRunner()
    # the default perceptron never reads the synthetic stories
    refused = runner.invoke(app, ["train", "events", str(data), "--ngec", str(stories), "--out", str(tmp_path / "p")])
    assert refused.exit_code == 2 and "E810" in refused.stderr and "--encoder" in refused.stderr
    result = runner.invoke(
        app, ["train", "events", str(data), "--encoder", "--ngec", str(stories.parent), "--out", str(tmp_path / "run")]
    )
    assert result.exit_code == 0, result.stderr
    for written in (tmp_path / "run" / encoder.MODEL_FILE, tmp_path / "run" / "event_top.safetensors"):
        meta = read_meta(written)
        assert [name.rsplit("/", 1)[-1] for name in meta["data"]] == [data.name, stories.name]
        hashes = meta["data_file_sha256"]  # a JSON string in the safetensors header
        assert len(json.loads(hashes) if isinstance(hashes, str) else hashes) == 2 and "--ngec" in meta["command"]
        assert meta["ngec_rows"] in (4, "4") and float(meta["ngec_weight"]) == encoder.NGEC_WEIGHT
    # the training stories bring PROTEST and YIELD, which the tiny PLV file lacks
    head = encoder.read((tmp_path / "run" / encoder.MODEL_FILE).read_text(encoding="utf-8"), "test")
    assert {"PROTEST", "YIELD"} <= set(head.classes)


@pytest.mark.encoder
def test_accurate_cross_validation_trains_each_fold_on_its_plv_part_and_the_stories(write_plv, write_ngec, monkeypatch):
    pytest.importorskip("torch")
    from communique.extract.events import encoder

    seen = []
    fit_accurate = encoder.fit_accurate

    def recording(own, extra=None, perceptron=None, **options):
        seen.append(([label for _f, label in own.examples], len(extra.examples), extra.weight))
        return fit_accurate(own, extra, perceptron, **options)

    monkeypatch.setattr(encoder, "fit_accurate", recording)
    report = evaluate(write_plv(), Settings(), encoder=True, folds=3, extraction=False, ngec=write_ngec(STORIES).parent)
    # each fold trains on the two PLV rows it does not score, plus the 4 training stories' mentions
    assert [len(labels) for labels, _n, _w in seen] == [2, 2, 2]
    assert {(n, w) for _labels, n, w in seen} == {(4, encoder.NGEC_WEIGHT)}
    assert report.summary["rows"] == 3  # scored on PLV rows only
    assert any("NGEC synthetic training stories" in note for note in report.notes)

