"""One endless sentence or one enormous article cannot hold a batch: the caps per sentence and per
article."""

from __future__ import annotations

import pytest

from communique.errors import ItemError
from communique.model import Article, Failure
from communique.nlp import make_doc, split_sentences
from communique.nlp.document import MAX_SENTENCE_TOKENS
from communique.pipeline import Analyzer
from communique.settings import Settings

# words with no sentence-final punctuation among them
_WORDS = "the minister said that troops moved along the river towards the border and officials".split()


def _run_on(tokens: int, comma_every: int = 0) -> str:
    words = [_WORDS[i % len(_WORDS)] + ("," if comma_every and i % comma_every == comma_every - 1 else "") for i in range(tokens)]
    return "Talks stall\n\n" + " ".join(words) + "."


def test_an_endless_sentence_is_cut_before_the_parser(parse):
    text = _run_on(3_000)
    doc, article = parse(text)
    assert doc.text == article.text == text
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
    assert split_sentences(doc) >= 3_000 // MAX_SENTENCE_TOKENS


def test_a_cut_falls_after_a_comma_when_there_is_one(parse):
    doc, _ = parse(_run_on(1_000, comma_every=150))
    cut = [sentence for sentence in doc.sents if len(sentence) > 100]
    assert split_sentences(doc) > 0
    # every sentence the cap made ends on a comma (the parser may add boundaries of its own)
    assert all(sentence[-1].text in {",", "."} for sentence in cut)


def test_a_paragraph_without_line_breaks_is_cut_only_where_sentences_end(parse):
    sentence = 'The minister said on Monday that talks would resume in Vienna, "next week."'
    doc, _ = parse(" ".join([sentence] * 60))  # some 1,000 tokens, no line break
    assert split_sentences(doc) >= 2
    assert all(s.text.startswith("The minister") and s.text.endswith('."') for s in doc.sents)


def test_ordinary_news_is_not_cut(parse, example_text):
    doc, _ = parse(example_text)
    assert split_sentences(doc) == 0


def test_an_article_over_the_token_limit_is_refused_before_parsing(nlp):
    with pytest.raises(ItemError) as caught:
        make_doc(nlp, Article(text=_run_on(500)), max_tokens=100)
    assert caught.value.code.name == "E103" and "100-token limit" in caught.value.reason


def test_the_batch_goes_on_past_an_article_over_the_token_limit(nlp):
    long = Article(text=_run_on(500), source="long.txt")
    short = Article(text="The minister said on Monday that talks would resume.", source="short.txt")
    items = list(Analyzer(Settings(max_tokens=100)).analyze_stream([long, short]))
    assert [type(item) for item in items] == [Failure, Article]
    assert items[0].code == "E103" and items[0].reason.startswith("long.txt: ")
    assert items[1].source == "short.txt"


def test_a_cut_sentence_is_a_warning_on_the_article():
    analyzer = Analyzer(Settings())
    article = analyzer.analyze_article(Article(text=_run_on(1_000)))
    assert [w.code for w in article.warnings] == ["W007"]
    assert str(MAX_SENTENCE_TOKENS) in article.warnings[0].reason
    plain = analyzer.analyze_article(Article(text="Talks stall\n\nThe minister said talks would resume."))
    assert plain.warnings == []
