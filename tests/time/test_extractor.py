"""TimeExtractor on parsed articles: where the publication date comes from (article, option,
dateline) and the reference article's expressions with and without one."""

from __future__ import annotations

from communique.extract.time import TimeExtractor, find_dateline
from communique.settings import Settings


def test_dateline_gives_the_publication_date():
    assert find_dateline("MOSCOW, Aug. 18 (Reuters) - Talks resumed, officials said on 1 March 2024.") == (
        "2024-08-18",
        (8, 15),
    )
    assert find_dateline("KYIV, Ukraine, March 3, 2022 — Shelling resumed.")[0] == "2022-03-03"


def test_no_dateline_no_date():
    assert find_dateline("WASHINGTON (AP) — The Senate voted.") is None
    # A dateline without a year and no year in the article: unknown, not guessed.
    assert find_dateline("MOSCOW, Aug. 18 (Reuters) - Talks resumed.") is None
    # A date inside the first sentence is not a dateline.
    assert find_dateline("The President said on Aug. 18, 2024 - that") is None


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
