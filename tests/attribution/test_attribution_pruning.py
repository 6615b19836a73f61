"""Candidates extraction leaves unscored: the words the cue model never takes for a cue on its training texts (the cue
filter), and content heads beyond the reach of the path features."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path

from communique.extract.attribution import AttributionExtractor, _never_cues, load_default_models, model_sha256
from communique.extract.attribution.relations import Models
from communique.settings import Settings
from communique.train import cue_filter
from communique.train.provenance import FIELDS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "polnear_train"
SHIPPED_MODEL = Path(str(resources.files("communique.data.attribution").joinpath("attribution_model.json")))


def test_the_shipped_filter_is_the_one_made_for_the_shipped_model():
    never = load_default_models().never_cues
    # 'to' before a verb is a cue candidate thousands of times in PolNeAR train and never a cue
    assert ("to", "PART") in never
    assert ("say", "VERB") not in never and ("according", "VERB") not in never


def test_a_filter_made_for_another_model_is_not_used():
    assert _never_cues('{"models": {}}') == frozenset()


def test_a_filtered_word_is_not_scored(parse):
    text = "Smith said that taxes would rise."
    full = load_default_models()
    found = []
    for never in (frozenset(), frozenset({("say", "VERB")})):
        doc, article = parse(text)
        AttributionExtractor(Settings(), models=dataclasses.replace(full, never_cues=never))(doc, article)
        found.append([s.cue.text for s in article.statements])
    assert found == [["said"], []]


def test_never_cues_are_kinds_seen_often_and_never_taken(nlp):
    models: Models = dataclasses.replace(load_default_models(), never_cues=frozenset())
    docs = [nlp("Smith said that the taxes of the state would rise."), nlp("Jones said the state of the roads was bad.")]
    found = {(lemma, pos): count for lemma, pos, count in cue_filter.never_cues(docs, models, min_candidates=2)}
    assert found[("of", "ADP")] == 2 and found[("state", "NOUN")] == 2
    assert ("say", "VERB") not in found  # taken for a cue
    assert ("tax", "NOUN") not in found  # seen once: too few to say


def test_the_filter_is_written_with_its_provenance_and_model(tmp_path: Path):
    summary = cue_filter.train(FIXTURE, tmp_path, Settings(), SHIPPED_MODEL, command="communique train cue-filter x")
    payload = json.loads(Path(summary["output"]).read_text(encoding="utf-8"))
    assert all(payload["meta"].get(field) for field in FIELDS)
    assert payload["meta"]["model_sha256"] == model_sha256(SHIPPED_MODEL.read_text(encoding="utf-8"))
    assert summary["texts"] == 2 and isinstance(payload["never"], list)


def test_a_content_head_beyond_the_path_features_reach_is_no_candidate(parse, extractor, monkeypatch):
    from communique.extract.attribution import features as F
    from communique.extract.attribution import relations as R

    offered = []
    choose = R._choose_content

    def spy(model, options, doc, sentence, sentences):
        offered.extend(feats for option, feats in options if isinstance(option, int))
        return choose(model, options, doc, sentence, sentences)

    monkeypatch.setattr(R, "_choose_content", spy)
    text = (
        "The minister said that the plan, which the committee of the regional council of the northern "
        "province had drafted in the spring of the year before, would be adopted."
    )
    doc, article = parse(text)
    extractor(doc, article)
    assert offered and f"c|path={F.FAR}" not in {f for feats in offered for f in feats}
    assert [s.cue.text for s in article.statements] == ["said"]
