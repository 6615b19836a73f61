"""The accurate configuration: the fine-tuned MiniLM tagger (encoder.py, train/encoder.py).

The helpers that need no torch always run; the rest skip without the ``encoder`` extra and are
marked ``encoder`` (.ci/run runs them with the extra: ``pytest -m encoder``)."""

from __future__ import annotations

import numpy as np
import pytest

from communique.evaluate.polnear import Attribution
from communique.extract.attribution.encoder import LABELS, STRIDE, WINDOW, per_token, piece_tokens, windows
from communique.train.encoder import token_labels


@pytest.mark.parametrize("n_pieces", [0, 1, WINDOW - 2, WINDOW - 1, 1000, 5000])
def test_windows_cover_every_word_piece(n_pieces):
    starts = windows(n_pieces)
    covered = set()
    for start in starts:
        covered |= set(range(start, min(n_pieces, start + WINDOW - 2)))
    assert covered == set(range(n_pieces))
    assert all(b - a == STRIDE for a, b in zip(starts, starts[1:]))


def test_a_token_scores_the_mean_of_the_word_pieces_that_start_in_it(nlp):
    doc = nlp("Lukashenko urged talks.")
    # word pieces as a tokenizer would cut them: "luka", "##shenko", "urged", "talks", "."
    offsets = [(0, 4), (4, 10), (11, 16), (17, 22), (22, 23)]
    owners = piece_tokens(doc, offsets)
    assert owners.tolist() == [0, 0, 1, 2, 3]
    pieces = np.array([[0.2] * 6, [0.6] * 6, [1.0] * 6, [0.0] * 6, [0.5] * 6], np.float32)
    scores = per_token(doc, pieces, owners)
    assert scores.shape == (len(doc), len(LABELS))
    assert scores[0, 0] == pytest.approx(0.4, abs=1e-3)
    assert scores[1, 0] == pytest.approx(1.0, abs=1e-3)


def test_token_labels_mark_the_cue_head_and_the_content_edges(nlp):
    text = "Lukashenko said the talks must resume."
    doc = nlp(text)
    gold = Attribution(source=[(0, 10)], cue=[(11, 15)], content=[(16, 38)])
    labels = token_labels(doc, [gold])
    column = {name: k for k, name in enumerate(LABELS)}
    assert labels[1, column["cue_head"]] == 1 and labels[:, column["cue_head"]].sum() == 1
    assert labels[0, column["in_source"]] == 1
    assert labels[2, column["content_start"]] == 1
    assert labels[5, column["content_end"]] == 1  # "resume", not the period
    assert labels[6].sum() == 0


@pytest.fixture(scope="module")
def tagger():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from communique.extract.attribution.encoder import load_tagger

    return load_tagger()


@pytest.mark.encoder
def test_the_shipped_tagger_finds_the_reference_cues(tagger, parse, example_text):
    doc, _ = parse(example_text)
    scores = tagger(doc)
    assert scores.shape == (len(doc), len(LABELS))
    cue_heads = {doc[i].text for i in np.flatnonzero(scores[:, 0] > 0.5)}
    assert {"urged", "warned", "denied"} <= cue_heads


@pytest.mark.encoder
def test_the_accurate_configuration_attributes_the_reference_article(tagger, parse, example_text):
    from communique.extract.attribution import AttributionExtractor
    from communique.extract.attribution.features import SCORES_KEY
    from communique.settings import Settings

    doc, article = parse(example_text)
    AttributionExtractor(Settings(accurate_attribution=True))(doc, article)
    by_cue = {s.cue.text: s for s in article.statements}
    assert by_cue["warned"].speaker.name == "Alexander Lukashenko"
    assert by_cue["has denied"].stance == "deny"
    assert SCORES_KEY not in doc.user_data  # the scores do not outlive the step


def test_without_the_extra_the_accurate_configuration_names_what_is_missing(monkeypatch):
    import builtins

    from communique.errors import ModelLoadError
    from communique.extract.attribution import AttributionExtractor, encoder
    from communique.settings import Settings

    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch":
            raise ImportError("No module named 'torch'", name="torch")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    encoder.load_tagger.cache_clear()
    # whichever of the extra's packages is missing first is the one named
    missing = r"E405.* needs (\w+), which is not installed .*\[encoder\].* \./packages/encoder-weights"
    with pytest.raises(ModelLoadError, match=missing):
        encoder.EncoderTagger(weights=None)
    # the CLI's path: the extractor loads the shipped weights first, and still gets E405
    with pytest.raises(ModelLoadError, match=missing):
        AttributionExtractor(Settings(accurate_attribution=True))
    encoder.load_tagger.cache_clear()


@pytest.mark.encoder
def test_without_the_weights_distribution_the_accurate_configuration_is_e405(monkeypatch):
    import builtins

    pytest.importorskip("torch")  # without torch, that is the E405 named first

    from communique.errors import ModelLoadError
    from communique.extract.attribution import encoder

    real_import = builtins.__import__

    def no_weights(name, *args, **kwargs):
        if name == "communique_encoder_weights":
            raise ImportError("No module named 'communique_encoder_weights'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weights)
    encoder.load_tagger.cache_clear()
    with pytest.raises(ModelLoadError, match=r"E405.*encoder weights package.*packages/encoder-weights"):
        encoder.load_tagger()
    encoder.load_tagger.cache_clear()


@pytest.mark.encoder
def test_weights_of_another_model_are_refused_with_e402(tagger):
    from communique.errors import ModelLoadError
    from communique.extract.attribution.encoder import EncoderTagger

    with pytest.raises(ModelLoadError, match="E402"):
        EncoderTagger({"head.weight": tagger.torch.zeros(3, 3)})


@pytest.mark.encoder
@pytest.mark.slow
def test_training_the_accurate_configuration_writes_loadable_artifacts(tagger, shared_dir, tmp_path, nlp):
    from safetensors.torch import load_file

    from communique.extract.attribution.encoder import WEIGHTS_RESOURCE, EncoderTagger
    from communique.extract.attribution.linear import load_models
    from communique.settings import Settings
    from communique.train.attribution import ENCODER_MODEL_FILE, train
    from communique.train.encoder import EPOCHS

    lines: list[str] = []
    summary = train(
        shared_dir / "eval" / "polnear" / "train",
        tmp_path,
        Settings(),
        epochs=1,
        limit=2,
        encoder=True,
        log=lines.append,
    )
    assert summary["output"].endswith(ENCODER_MODEL_FILE)
    assert any(line.startswith(f"encoder epoch {EPOCHS}/{EPOCHS}") for line in lines)
    models, meta = load_models((tmp_path / ENCODER_MODEL_FILE).read_text())
    assert "encoder" in meta and set(models) == {"cue", "extent", "source", "content", "edges"}
    # both artifacts say what built them (train/provenance.py)
    from communique.train.provenance import FIELDS, read_meta

    top_meta = read_meta(tmp_path / WEIGHTS_RESOURCE)
    assert all(meta[field] and top_meta[field] == meta[field] for field in FIELDS)
    assert meta["command"].endswith("--encoder  # from Python, with limit=2, every_annotator=True")
    assert top_meta["epochs"] == str(EPOCHS)
    # the linear models learned weights on the encoder's score features
    assert any(feature.startswith("e|") for feature in models["cue"].weights)
    retrained = EncoderTagger(load_file(str(tmp_path / WEIGHTS_RESOURCE)))
    doc = nlp("The minister said the talks had failed.")
    scores = retrained(doc)
    assert scores.shape == (len(doc), len(LABELS)) and ((scores >= 0) & (scores <= 1)).all()
