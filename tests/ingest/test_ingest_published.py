"""Publication dates in the shapes news metadata uses; a date that cannot be read in full keeps
its article, undated, with a warning (issue 14: "7:58 AM ET" used to drop the article, E014)."""

from __future__ import annotations

import json

import pytest
from ingest_samples import ENGLISH, page

from communique.errors import UsageError
from communique.ingest.published import published_option, read_published
from communique.model import Article


@pytest.mark.parametrize("value, expected", [
    ("2016-11-24", "2016-11-24"),
    ("2016-11-24T10:00:00Z", "2016-11-24"),
    ("2016-11-24T23:30:00-05:00", "2016-11-24"),  # the publisher's calendar day, not UTC's
    ("Thu, 24 Nov 2016 10:00:00 GMT", "2016-11-24"),
    ("24 November 2016", "2016-11-24"),
    ("Nov. 24, 2016, 7:58 AM ET", "2016-11-24"),
    ("Thursday, November 24, 2016", "2016-11-24"),
    ("11/24/2016", "2016-11-24"),
])
def test_common_date_formats_are_read(value, expected):
    assert read_published(value).date == expected
    assert read_published(value).warning is None
    assert published_option(value) == expected


@pytest.mark.parametrize("value, code", [
    ("Wed Nov 23", "W001"),  # no year
    ("November 2016", "W002"),  # no day
    ("7:58 AM ET", "W003"),  # a time, no date
    ("last Sunday", "W004"),  # not a date
    (20161124, "W004"),  # not a string
])
def test_a_partial_or_unreadable_date_is_unresolved_with_a_warning(value, code):
    found = read_published(value)
    assert found.date is None
    assert found.warning.code == code
    assert found.warning.reason.startswith(f"[{code}] publication date {value!r}")


@pytest.mark.parametrize("value", [None, "", "  "])
def test_no_date_given_is_no_warning(value):
    assert read_published(value).date is None and read_published(value).warning is None


@pytest.mark.parametrize("value, code", [("Wed Nov 23", "E030"), ("7:58 AM ET", "E030"), ("soon", "E014")])
def test_the_published_option_needs_a_full_date(value, code):
    with pytest.raises(UsageError) as raised:
        published_option(value)
    assert raised.value.code.name == code


@pytest.mark.parametrize("value, code", [("7:58 AM ET", "W003"), ("Wed Nov 23", "W001"), ("last Sunday", "W004")])
def test_a_json_line_with_an_unusable_date_is_kept_undated_with_the_warning(read, tmp_path, value, code):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "published": value}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.published is None and article.published_basis is None
    assert [w.code for w in article.warnings] == [code]
    assert article.to_dict()["warnings"] == [{"code": code, "reason": article.warnings[0].reason}]


def test_an_unusable_metadata_date_gives_way_to_the_option(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "published": "Wed Nov 23"}) + "\n", encoding="utf-8")
    [article] = read(path, published="2016-11-23")
    assert (article.published, article.published_basis) == ("2016-11-23", "option")
    assert [w.code for w in article.warnings] == ["W001"]  # the metadata was still wrong


def test_a_json_line_with_a_written_date(read, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "published": "Thu, 24 Nov 2016 10:00:00 GMT"}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert (article.published, article.published_basis, article.warnings) == ("2016-11-24", "metadata", [])


def test_an_html_page_with_a_time_only_date_is_kept(read, tmp_path, monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction

    def with_time_only_date(*args, **kwargs):
        document = real(*args, **kwargs)
        document.date = "7:58 AM ET"  # what a custom date format or a bad page can hand back
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", with_time_only_date)
    path = tmp_path / "page.html"
    path.write_text(page(f"<p>{ENGLISH} {ENGLISH}</p>"), encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article) and article.published is None
    assert [w.code for w in article.warnings] == ["W003"]
