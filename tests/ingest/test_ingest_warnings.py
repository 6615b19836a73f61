"""Warnings: an article kept despite a defect says so, in the readout, the JSON, the database.

Issue 14, item 7: a page that yields only a caption or a stub read "No statements found";
item 3: an unusable publication date is a warning, not a lost article."""

from __future__ import annotations

import io
import json

from ingest_samples import ENGLISH, page
from rich.console import Console

from communique.cli.render import article_json, render_article, warning_lines
from communique.ingest.html import LITTLE_TEXT_CHARS
from communique.model import Article, ArticleWarning
from communique.pipeline import ingest_paths
from communique.settings import Settings
from communique.store import Database

CAPTION = "Supporters wave flags at a rally in Flint on Monday. (Photo by Jane Doe)"


def readout(article: Article) -> str:
    buffer = io.StringIO()
    render_article(Console(file=buffer, width=120), article)
    return buffer.getvalue()


def test_a_stub_page_is_kept_with_a_little_text_warning(read, tmp_path):
    path = tmp_path / "stub.html"
    path.write_text(page(f"<p>{CAPTION}</p>"), encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article) and len(article.text) < LITTLE_TEXT_CHARS
    assert [w.code for w in article.warnings] == ["W006"]
    assert f"({len(article.text.strip())} characters)" in article.warnings[0].reason


def test_a_full_page_has_no_warning(read, tmp_path):
    path = tmp_path / "full.html"
    path.write_text(page(f"<p>{ENGLISH}</p><p>{CAPTION} The rally went on until the evening.</p>"), encoding="utf-8")
    [article] = read(path)
    assert article.warnings == []


def test_the_readout_says_little_text_was_found_not_no_statements():
    warning = ArticleWarning("W006", "[W006] extraction found little main text (73 characters): ...")
    text = readout(Article(text=CAPTION, source="stub.html", warnings=[warning]))
    assert "Extraction found little text" in text and "No statements found" not in text
    assert "No statements found" in readout(Article(text=CAPTION, source="plain.txt"))


def test_warnings_are_in_the_json_and_on_their_own_lines():
    warning = ArticleWarning("W003", "[W003] publication date '7:58 AM ET' is a time without a date: ...")
    article = Article(text=ENGLISH, source="feed.jsonl:3", warnings=[warning])
    assert json.loads(article_json(article))["warnings"] == [{"code": "W003", "reason": warning.reason}]
    assert warning_lines(article) == [f"warning: feed.jsonl:3: {warning.reason}"]


def test_an_undated_readout_names_the_basis():
    article = Article(text=ENGLISH, source="a.txt", published_basis="dateline-no-year")
    assert "unknown (dateline-no-year)" in readout(article)


def test_ingest_records_warnings_in_the_failures_table(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": ENGLISH, "published": "7:58 AM ET"}) + "\n", encoding="utf-8")
    db_path = tmp_path / "c.duckdb"
    summary = ingest_paths([feed], db_path, Settings())
    assert summary.ingested == 1 and summary.ok
    with Database(db_path) as db:
        rows = db._conn.execute("SELECT source, code, status, reason FROM failures").fetchall()
    # the row names its source once, in its own column (the reason does not repeat it)
    assert rows == [(f"{feed}:1", "W003", "warning", "[W003] publication date '7:58 AM ET' is a time "
                     "without a date: date left unresolved")]


def test_a_stored_article_reads_back_with_its_warnings(tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = "FLINT, Mich., Oct. 4 (UPI) \u2014 " + ENGLISH
    feed.write_text(json.dumps({"text": text, "published": "Wed Nov 23"}) + "\n", encoding="utf-8")
    from communique.pipeline import analyze_paths

    [analyzed] = list(analyze_paths([feed], Settings()))
    assert [w.code for w in analyzed.warnings] == ["W001", "W005"]
    db_path = tmp_path / "c.duckdb"
    ingest_paths([feed], db_path, Settings())
    with Database(db_path) as db:
        assert db.get_article(analyzed.id) == analyzed.to_dict()
