"""The Python API mirrors the CLI: analyze a text, ingest, query and export through a handle."""

from __future__ import annotations

import pytest

import communique
from communique.errors import SkippedItem


def test_analyze_returns_the_data_model(example_text, nlp):
    article = communique.analyze(example_text, published="2024-08-18")
    assert isinstance(article, communique.Article)
    assert article.published == "2024-08-18" and article.published_basis == "metadata"
    assert article.title.startswith("The Belarusian president has suggested")
    assert article.language == "en"
    captions = [article.text[s:e] for s, e in article.boilerplate]
    assert any(c.startswith("FILE PHOTO") for c in captions)
    assert article.id == communique.analyze(example_text, published="2024-08-18").id


def test_analyze_refuses_non_english(nlp):
    german = (
        "Der belarussische Präsident hat Moskau und Kiew aufgefordert, an den Verhandlungstisch "
        "zurückzukehren, sagte er am Sonntag in einem Interview mit dem russischen Fernsehen."
    )
    with pytest.raises(SkippedItem):
        communique.analyze(german)


def test_ingest_then_query_through_the_api(tmp_path, example_text, nlp):
    source = tmp_path / "article.txt"
    source.write_text(example_text, encoding="utf-8")
    db_path = tmp_path / "news.duckdb"
    with communique.Corpus(db_path, communique.Settings(published="2024-08-18")) as corpus:
        summary = corpus.ingest(source)
        assert summary.ingested == 1 and summary.ok
        assert corpus.ingest(source).already_present == 1
        rows = corpus.query("articles", text="Istanbul")
        expected = communique.analyze(example_text, published="2024-08-18")
        assert [row["id"] for row in rows] == [expected.id]
        assert corpus.query("articles", text="no such words anywhere") == []
        assert corpus.article(expected.id)["text"] == example_text
        assert len(corpus.query("statements")) == len(expected.statements)
        out = tmp_path / "statements.jsonl"
        assert corpus.export(out, "jsonl", "statements") == len(expected.statements)
