"""JSON Lines, HTML pages and WARC crawls become Articles with their metadata."""

from __future__ import annotations

import gzip
import json

from ingest_samples import ENGLISH, page, write_warc

from communique.model import Article, Failure


def by_kind(items):
    return [item for item in items if isinstance(item, Article)], [i for i in items if isinstance(i, Failure)]


# --- JSON Lines -----------------------------------------------------------------------------


def test_json_lines_one_article_per_line_with_metadata(read, fixtures):
    path = fixtures / "articles.jsonl"
    items = read(path)
    articles, failures = by_kind(items)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:5", f"{path}:6"]
    first = articles[0]
    assert first.title == "EU proposes new sanctions"
    assert first.url == "https://news.example/eu-sanctions"
    assert first.outlet == "Example News"
    assert first.published == "2024-03-04" and first.published_basis == "metadata"
    assert first.text.startswith("The European Commission proposed")
    # an ISO date-time gives its date
    assert articles[2].published == "2024-03-07"


def test_json_lines_bad_lines_fail_alone_and_the_rest_still_yield(read, fixtures):
    path = fixtures / "articles.jsonl"
    items = read(path)
    assert [item.source.rsplit(":", 1)[1] for item in items] == ["1", "2", "4", "5", "6"]  # line 3 is blank
    failures = {item.source: item for item in items if isinstance(item, Failure)}
    assert failures[f"{path}:2"].code == "E007"  # malformed JSON
    assert failures[f"{path}:4"].code == "E008"  # no text
    assert f"{path}:5" not in failures  # an unreadable date keeps the article (test_ingest_published)
    for failure in failures.values():
        assert failure.reason.startswith("[") and failure.source not in failure.reason
        assert "\n" not in failure.reason


def test_json_lines_gzip_and_ndjson(read, tmp_path):
    record = json.dumps({"text": ENGLISH, "title": "Vienna talks"})
    gz = tmp_path / "feed.jsonl.gz"
    gz.write_bytes(gzip.compress((record + "\n" + record + "\n").encode()))
    nd = tmp_path / "feed.ndjson"
    nd.write_text(record + "\n", encoding="utf-8")
    items = read(gz, nd)
    assert [item.source for item in items] == [f"{gz}:1", f"{gz}:2", f"{nd}:1"]
    assert all(isinstance(item, Article) and item.text == ENGLISH for item in items)


def test_json_line_without_published_takes_the_option(read, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ENGLISH}) + "\n", encoding="utf-8")
    [article] = read(path, published="2024-01-02")
    assert article.published == "2024-01-02" and article.published_basis == "option"


def test_json_line_text_is_normalised_and_boilerplate_marked(read, tmp_path):
    text = "Photo: Reuters\r\n" + ENGLISH
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert article.text == "Photo: Reuters\n" + ENGLISH
    assert [article.text[s:e] for s, e in article.boilerplate] == ["Photo: Reuters"]


def test_json_line_with_non_string_field_or_non_object(read, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"text": ENGLISH, "title": 12}) + "\n" + json.dumps([ENGLISH]) + "\n", encoding="utf-8"
    )
    first, second = read(path)
    assert first.code == "E007" and "'title'" in first.reason
    assert second.code == "E007" and "list" in second.reason


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(read, fixtures):
    path = fixtures / "page.html"
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.title == "Ceasefire talks resume in Doha"
    assert article.outlet == "Example Herald"
    assert article.url == "https://herald.example/world/ceasefire-talks-doha"
    assert article.published == "2024-08-15" and article.published_basis == "metadata"
    assert "Negotiators from both sides returned to Doha" in article.text
    assert "Privacy policy" not in article.text and "Sport" not in article.text  # page furniture left out
    marked = [article.text[s:e] for s, e in article.boilerplate]
    assert marked == ["Photo: Reuters", "Sign up for our daily briefing"]


def test_html_without_a_date_takes_the_option(read, tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(page(f"<p>{ENGLISH}</p>"), encoding="utf-8")
    [article] = read(path, published="2024-05-06")
    assert article.published == "2024-05-06" and article.published_basis == "option"


def test_html_in_a_declared_legacy_charset(read, tmp_path):
    body = "<p>Ministers met at the Café Landtmann in Vienna on Monday to discuss a trade agreement, officials said.</p>"
    path = tmp_path / "latin.html"
    path.write_bytes(page(body).replace("charset='utf-8'", "charset='iso-8859-1'").encode("latin-1"))
    [article] = read(path)
    assert "Café Landtmann" in article.text


def test_gzipped_html(read, fixtures, tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((fixtures / "page.html").read_bytes()))
    [article] = read(path)
    assert article.title == "Ceasefire talks resume in Doha" and article.outlet == "Example Herald"


def test_html_without_suffix_is_recognised(read, tmp_path):
    path = tmp_path / "download"
    path.write_text(page(f"<p>{ENGLISH}</p>", title="Trade talks in Vienna"), encoding="utf-8")
    [article] = read(path)
    assert article.title == "Trade talks in Vienna" and "<p>" not in article.text


# --- WARC -----------------------------------------------------------------------------------


def test_warc_html_responses_become_articles(read, tmp_path):
    dated = page(
        f"<p>{ENGLISH}</p>",
        title="Trade talks in Vienna",
        head="<meta property='article:published_time' content='2024-08-10T09:00:00Z'>"
        "<meta property='og:site_name' content='Vienna Daily'>",
    )
    undated = page("<p>Parliament approved the budget on Wednesday after a debate that lasted two days, the speaker said.</p>")
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            {"uri": "https://vienna.example/trade", "body": dated.encode()},
            {"uri": "https://vienna.example/logo.png", "body": b"\x89PNG....", "content_type": "image/png"},
            {"uri": "https://vienna.example/old", "body": b"", "status": "301 Moved Permanently"},
            {"uri": "https://budget.example/vote", "body": undated.encode(), "date": "2024-08-21T12:00:00Z"},
        ],
    )
    items = read(path)
    assert [item.source for item in items] == [f"{path}#1", f"{path}#4"]
    first, second = items
    assert first.title == "Trade talks in Vienna" and first.outlet == "Vienna Daily"
    assert first.published == "2024-08-10" and first.published_basis == "metadata"
    assert first.url == "https://vienna.example/trade"
    assert "Ministers from both governments" in first.text
    # no date in the page: the crawl date is the last resort
    assert second.published == "2024-08-21" and second.published_basis == "warc-date"
    assert second.url == "https://budget.example/vote"


def test_warc_published_option_beats_the_crawl_date(read, tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [{"uri": "https://x.example/a", "body": page(f"<p>{ENGLISH}</p>").encode()}], gzip=False)
    [article] = read(path, published="2024-08-01")
    assert article.published == "2024-08-01" and article.published_basis == "option"


def test_warc_resource_record_with_html(read, tmp_path):
    path = write_warc(
        tmp_path / "saved.warc",
        [{"uri": "file:///saved.html", "type": "resource", "warc_content_type": "text/html", "body": page(f"<p>{ENGLISH}</p>").encode()}],
        gzip=False,
    )
    [article] = read(path)
    assert isinstance(article, Article) and article.source == f"{path}#1"


def test_warc_bad_page_fails_alone(read, tmp_path):
    empty_page = "<html><head><title>Nothing</title></head><body><script>var a = 1;</script></body></html>"
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            {"uri": "https://x.example/empty", "body": empty_page.encode()},
            {"uri": "https://x.example/good", "body": page(f"<p>{ENGLISH}</p>").encode()},
        ],
    )
    failure, article = read(path)
    assert failure.code == "E009" and failure.source == f"{path}#1"
    assert isinstance(article, Article) and article.source == f"{path}#2"
