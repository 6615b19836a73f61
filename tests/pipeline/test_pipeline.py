"""The pipeline streams articles through every stage and turns a crash into a recorded failure."""

from __future__ import annotations

from spacy.language import Language

from communique.model import Article, Failure
from communique.pipeline import Analyzer, get_analyzer
from communique.settings import Settings


def test_failures_pass_through_in_a_stream():
    analyzer = get_analyzer(Settings())
    items = [
        Failure(source="bad.txt", reason="[E002] file is empty", code="E002"),
        Article(text="The minister said the talks would resume on Monday.", source="good.txt"),
    ]
    results = list(analyzer.analyze_stream(items))
    assert [type(r).__name__ for r in results] == ["Failure", "Article"]
    assert results[0].source == "bad.txt"


@Language.component("test_explode")
def _explode(doc):
    if "explode" in doc.text:
        raise RuntimeError("boom")
    return doc


def test_an_extractor_crash_fails_only_that_article():
    # both articles go through nlp.pipe in one batch: the component after the parse must run
    # outside it, or its exception would end the batch
    analyzer = Analyzer(Settings())
    analyzer.nlp.add_pipe("test_explode", after="communique_attribution")
    items = [
        Article(text="This one will explode, officials said.", source="a.txt"),
        Article(text="This one is fine, officials said.", source="b.txt"),
    ]
    results = list(analyzer.analyze_stream(items))
    assert isinstance(results[0], Failure)
    assert results[0].code == "E102" and "boom" in results[0].reason and results[0].source == "a.txt"
    assert isinstance(results[1], Article) and results[1].statements


def test_one_analyzer_per_settings():
    assert get_analyzer(Settings()) is get_analyzer(Settings())


def test_offsets_index_the_returned_text(example_text):
    article = get_analyzer(Settings(published="2024-08-18")).analyze_article(
        Article(text=example_text, published="2024-08-18")
    )
    for statement in article.statements:
        for role in (statement.speaker, statement.cue, statement.content):
            for start, end in role.spans:
                assert article.text[start:end].strip()
    for time in article.times:
        assert article.text[time.start : time.end] == time.text
    for place in article.places:
        assert article.text[place.start : place.end] == place.text
    for mention in article.mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_worker_processes_keep_input_order_and_failures(tmp_path):
    from communique.pipeline import analyze_items

    items = [
        Article(text=f"Officials said on Monday that talks number {n} would resume.", source=f"{n}.txt")
        for n in range(5)
    ]
    items.insert(2, Failure(source="bad.txt", reason="[E002] file is empty", code="E002"))
    results = list(analyze_items(items, Settings(workers=2, batch_size=2)))
    assert [r.source for r in results] == ["0.txt", "1.txt", "bad.txt", "2.txt", "3.txt", "4.txt"]
    assert isinstance(results[2], Failure)
    assert all(isinstance(r, Article) for i, r in enumerate(results) if i != 2)
