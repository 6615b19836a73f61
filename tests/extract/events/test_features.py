"""The type classifier's features (extract/events/features.py) that PLOVER's conventions need."""

from __future__ import annotations

from communique.extract.events.features import event_features
from communique.extract.events.lexicon import load_lexicon


def _features(parse, text: str, trigger: str) -> list[str]:
    doc, _article = parse(text)
    token = next(t for t in doc if t.text == trigger)
    return event_features(load_lexicon(), token, None, None)


def test_a_promised_deed_is_marked_future_with_its_lexicon_type(parse):
    # PLV codes "said it would free prisoners" as AGREE, not as the release itself
    features = _features(parse, "The Afghan government said on Wednesday it would free 1,500 Taliban prisoners.", "free")
    assert "fut" in features and "sfut" in features
    assert any(f.startswith("fut|") for f in features)
    assert "fut" not in _features(parse, "The Afghan government freed 1,500 Taliban prisoners.", "freed")


def test_a_negated_sentence_pairs_the_negation_with_the_trigger_types(parse):
    # "will not release" is a refusal (REJECT), which the lexicon's YIELD alone would miss
    features = _features(parse, "Israel will not release prisoners who acted against the laws of war.", "release")
    assert "sneg" in features and any(f.startswith("sneg|") and f != "sneg|NONE" for f in features)
    assert "bi=not_release" in features  # lemma bigrams keep the negation next to its verb
    assert not any(f.startswith("sneg") for f in _features(parse, "Israel released prisoners.", "released"))


def test_hedges_and_bigrams_come_from_the_whole_sentence(parse):
    features = _features(parse, "Turkey may launch an offensive after talks with Russia failed.", "offensive")
    assert "smod=may" in features
    assert "bi=talk_with" in features
