"""TimeExtractor on parsed articles: where the publication date comes from (article, option,
dateline) and the reference article's expressions with and without one."""

from __future__ import annotations

import pytest

from communique.extract.time import StatementDater, TimeExtractor, find_dateline
from communique.model import Role, Statement
from communique.settings import Settings


def test_dateline_gives_the_publication_date():
    found = find_dateline("MOSCOW, Aug. 18, 2024 (Reuters) - Talks resumed.")
    assert (found.value, found.span, found.written) == ("2024-08-18", (8, 21), "Aug. 18, 2024")
    assert find_dateline("KYIV, Ukraine, March 3, 2022 — Shelling resumed.").value == "2022-03-03"


def test_no_dateline_no_date():
    assert find_dateline("WASHINGTON (AP) — The Senate voted.") is None
    # A date inside the first sentence is not a dateline.
    assert find_dateline("The President said on Aug. 18, 2024 - that") is None


@pytest.mark.parametrize("text", [
    "MOSCOW, Aug. 18 (Reuters) - Talks resumed.",
    # a year the body mentions is not the dateline's year (issue 14: 1990-10-04, 2012-09-26)
    "FLINT, Mich., Oct. 4 (UPI) — Jobs left the city in the 1990s, Clinton said.",
    "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Stein was a candidate in 2012 as well.",
])
def test_a_dateline_without_a_year_stays_unresolved(text):
    found = find_dateline(text)
    assert found.value is None
    assert text[slice(*found.span)] == found.written


def test_an_unresolved_dateline_year_leaves_the_article_undated_with_a_warning(parse):
    doc, article = parse("FLINT, Mich., Oct. 4 (UPI) — Clinton said jobs left in the 1990s. He spoke yesterday.")
    TimeExtractor(Settings())(doc, article)
    assert (article.published, article.published_basis) == (None, "dateline-no-year")
    assert [w.code for w in article.warnings] == ["W005"]
    assert "'Oct. 4'" in article.warnings[0].reason
    assert next(t for t in article.times if t.text == "yesterday").value is None  # not invented
    TimeExtractor(Settings())(doc, article)  # a second run adds no second warning
    assert len(article.warnings) == 1


def test_statements_of_an_undated_article_stay_undated(parse):
    doc, article = parse("FLINT, Mich., Oct. 4 (UPI) — Clinton said jobs had left the city.")
    TimeExtractor(Settings())(doc, article)
    cue = article.text.index("said")
    article.statements = [Statement(cue=Role.from_spans(article.text, [(cue, cue + 4)]))]
    StatementDater(Settings())(doc, article)
    assert article.statements[0].time.value is None
    assert article.statements[0].time.basis == "unknown"


def test_a_metadata_year_dates_a_yearless_dateline(parse):
    doc, article = parse("FLINT, Mich., Oct. 4 (UPI) — Jobs left in the 1990s.", published="2016-10-05")
    TimeExtractor(Settings())(doc, article)
    assert (article.published, article.warnings) == ("2016-10-05", [])
    # the dateline's date as a time expression takes the metadata's year, not the body's
    assert next(t for t in article.times if t.text.startswith("Oct. 4")).value == "2016-10-04"
    doc, article = parse("FLINT, Mich., Oct. 4 (UPI) — Jobs left in the 1990s.")
    TimeExtractor(Settings(published="2016-10-04"))(doc, article)
    assert (article.published, article.published_basis, article.warnings) == ("2016-10-04", "option", [])


def test_extractor_dates_the_article_from_its_dateline(parse):
    doc, article = parse("MOSCOW, Aug. 18, 2024 (Reuters) - Putin met envoys on Friday.")
    TimeExtractor(Settings())(doc, article)
    assert (article.published, article.published_basis) == ("2024-08-18", "dateline")
    assert [(t.text, t.value) for t in article.times] == [("Aug. 18, 2024", "2024-08-18"), ("Friday", "2024-08-16")]


def test_metadata_date_wins_over_the_dateline(parse):
    doc, article = parse("MOSCOW, Aug. 18, 2024 (Reuters) - Envoys met yesterday.", published="2024-08-19")
    TimeExtractor(Settings())(doc, article)
    assert article.published == "2024-08-19"
    assert article.times[-1].value == "2024-08-18"


def test_option_date_is_used_when_the_article_has_none(parse):
    doc, article = parse("Envoys met yesterday.")
    TimeExtractor(Settings(published="2024-08-18"))(doc, article)
    assert (article.published, article.published_basis) == ("2024-08-18", "option")
    assert article.times[0].value == "2024-08-17"


def test_reference_article_with_publication_date(parse, example_text):
    doc, article = parse(example_text, published="2024-08-18")
    TimeExtractor(Settings())(doc, article)
    values = {t.text: t.value for t in article.times}
    assert values["Sunday"] == "2024-08-18"
    assert values["the spring of 2022"] == "2022-SP"
    assert values["earlier this month"] == "2024-08"
    assert values["Last month"] == "2024-07"
    for expression in article.times:
        assert example_text[expression.start : expression.end] == expression.text


def test_reference_article_without_publication_date(parse, example_text):
    doc, article = parse(example_text)
    TimeExtractor(Settings())(doc, article)
    assert article.published is None
    found = {t.text: t for t in article.times}
    for words in ("Sunday", "earlier this month", "Last month"):
        assert found[words].value is None
        assert found[words].anchor.startswith("published")
    assert found["the spring of 2022"].value == "2022-SP"


def test_dateline_overrules_a_crawl_date(parse):
    doc, article = parse("MOSCOW, Dec. 30 (Reuters) - Envoys met yesterday.", published="2025-01-02")
    article.published_basis = "warc-date"
    TimeExtractor(Settings())(doc, article)
    # No year in the dateline: the one nearest the crawl date.
    assert (article.published, article.published_basis) == ("2024-12-30", "dateline")
    assert article.times[-1].value == "2024-12-29"
