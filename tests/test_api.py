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
    summary = communique.ingest([source], db=db_path, settings=communique.Settings(published="2024-08-18"))
    assert summary.ingested == 1 and summary.ok
    with communique.open_db(db_path) as db:
        rows = communique.query(db, "articles", text="Istanbul")
        assert [row["id"] for row in rows] == [communique.analyze(example_text, published="2024-08-18").id]
        assert communique.query(db, "articles", text="no such words anywhere") == []
