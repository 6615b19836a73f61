"""Training on a tiny PolNeAR-shaped split: the artifact is written, loadable and reproducible."""

from __future__ import annotations

from pathlib import Path

from communique.extract.attribution import AttributionExtractor
from communique.extract.attribution.linear import load_models
from communique.extract.attribution.relations import Models
from communique.model import Article
from communique.settings import Settings
from communique.train.attribution import MODEL_FILE, train

TEXTS = {
    "one": 'Smith said that taxes would rise. "We are ready," Jones added.',
    "two": "The mayor said the roads were open. Officials warned that the dam could fail.",
}
ANNS = {
    "one": (
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 32\tthat taxes would rise\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        "T4\tContent 34 47\t\"We are ready\nT5\tSource 50 55\tJones\nT6\tCue 56 61\tadded\n"
        "E2\tAttribution:T6 Source:T5 Cue:T6 Content:T4\n"
    ),
    "two": (
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 34\tthe roads were open\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        "T4\tSource 36 45\tOfficials\nT5\tCue 46 52\twarned\nT6\tContent 53 76\tthat the dam could fail\n"
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
    ),
}


def _split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in TEXTS.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"{name}_abcd.ann").write_text(ANNS[name], encoding="utf-8")
    return root


def test_train_writes_a_reproducible_loadable_model(tmp_path: Path, nlp):
    split = _split(tmp_path / "split")
    first = train(split, tmp_path / "a", Settings(), epochs=3, seed=1)
    second = train(split, tmp_path / "b", Settings(), epochs=3, seed=1)
    assert first["documents"] == 2
    assert first["examples"]["source"] == 4
    text_a = (tmp_path / "a" / MODEL_FILE).read_text(encoding="utf-8")
    models, meta = load_models(text_a)
    models_b, meta_b = load_models((tmp_path / "b" / MODEL_FILE).read_text(encoding="utf-8"))
    # the same weights and meta; only the date of the run may differ (a run across midnight)
    assert {k: m.weights for k, m in models.items()} == {k: m.weights for k, m in models_b.items()}
    assert meta | {"created": None} == meta_b | {"created": None}
    assert set(models) == {"cue", "extent", "source", "content", "edges"}
    assert meta["seed"] == 1 and second["output"].endswith(MODEL_FILE)

    # the trained model drives the extractor
    extractor = AttributionExtractor(Settings(), models=Models(**models))
    article = Article(text=TEXTS["one"])
    extractor(nlp(article.text), article)
    assert [s.cue.text for s in article.statements][:1] == ["said"]
