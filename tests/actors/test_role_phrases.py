"""role_phrases: one reading of a role descriptor, whether an article or a string holds it."""

from __future__ import annotations

import pytest

from communique.errors import UsageError
from communique.extract.actors import ActorLinker
from communique.extract.entities.kb import KnowledgeBase, load_kb, resolve_name
from communique.extract.entities.role_phrases import read_role_phrase, resolve_role_phrase, role_at, split_words
from communique.settings import Settings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def linker() -> ActorLinker:
    return ActorLinker(Settings())


@pytest.fixture
def linked(parse, linker):
    """``linked(text, published)`` -> {mention text: actor id} of the linked article."""

    def _linked(text: str, published: str) -> dict[str, str]:
        doc, article = parse(text, published=published)
        linker(doc, article)
        return {m.text: m.actor for m in article.mentions}

    return _linked


# Each descriptor denotes the same holder in an article and at ``communique kb explain``.
@pytest.mark.parametrize("phrase, date, expected", [
    ("the Pentagon chief", "2022-06-01", "kb:lloyd-austin"),
    ("the new Pentagon chief", "2022-06-01", "kb:lloyd-austin"),  # not the US president
    ("the Belarusian leader", "2024-08-18", "Q2866"),
    ("the US president", "2016-05-01", "Q76"),
    ("Russia's foreign minister", "2019-03-01", "Q58217"),
    ("the president of Belarus", "2024-08-18", "Q2866"),
])
def test_article_and_kb_explain_name_the_same_holder(kb, linked, phrase, date, expected):
    assert kb.explain(phrase, date).id == expected
    assert resolve_name(phrase, date, kb).id == expected
    sentence = phrase[:1].upper() + phrase[1:]
    assert linked(f"{sentence} said on Monday that talks would go on.", date)[sentence] == expected


def test_unscoped_role_is_the_article_s_holder_or_nobody(kb, linked):
    # In an article, "the foreign minister" is the last foreign minister it named; alone it
    # names nobody, so explain refuses rather than guess a country.
    text = "Sergey Lavrov arrived in Ankara. The foreign minister said the talks were useful."
    assert linked(text, "2019-03-01")["The foreign minister"] == "Q58217"
    assert resolve_role_phrase("the foreign minister", kb, "2019-03-01") is None
    with pytest.raises(UsageError, match="E604"):
        kb.explain("the foreign minister", "2019-03-01")


def test_historical_phrase_names_no_current_holder(kb):
    for phrase in ("the former US president", "the then-president", "ex-Pentagon chief"):
        assert resolve_role_phrase(phrase, kb, "2024-01-01") is None, phrase


def test_phrase_spans_its_qualifiers_and_scope(kb):
    words = split_words("the acting Russian foreign minister")
    role, end = role_at(words, 3)
    phrase = read_role_phrase(words, 3, end, role, kb)
    assert (phrase.start, phrase.end, phrase.role, phrase.scope, phrase.historical) == (
        0, 5, "foreign minister", "RUS", False)
    words = split_words("the president of Belarus")
    phrase = read_role_phrase(words, 1, 2, "president", kb)
    assert (phrase.start, phrase.end, phrase.scope) == (0, 4, "BLR")
    words = split_words("the Pentagon's chief")
    phrase = read_role_phrase(words, 3, 4, "head", kb)
    assert (phrase.role, phrase.scope) == ("defence minister", "USA")


def test_split_words_keeps_names_whole_and_splits_as_the_tokenizer_does():
    assert split_words("Russia's foreign minister") == ["Russia", "'s ", "foreign ", "minister"]
    assert split_words("the then-president") == ["the ", "then", "-", "president"]
    assert split_words("Côte d'Ivoire's president") == ["Côte ", "d'Ivoire", "'s ", "president"]
