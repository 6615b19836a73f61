"""The time stage: every time expression resolved against the publication date, and every
statement and event dated.

Owns: :class:`TimeExtractor` (fills ``article.times``; takes the publication date from the
article, else ``Settings.published``, else a dateline such as ``MOSCOW, Aug. 18 (Reuters) -``)
and :class:`StatementDater` (runs last; sets ``.time`` on every statement and event). The
grammar lives in ``rules_*.py`` over the word tables of ``data/time/lexicon.toml``; ``tagger``
runs it, ``tense`` reads the parse, ``dating`` links expressions to cues and triggers. Must not:
guess a date: without a publication date, relative expressions keep ``value=None`` and an
``anchor`` saying what they are relative to (``published-P1M``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from communique.errors import Code
from communique.extract.time.calendar import parse_iso
from communique.extract.time.dateline import find_dateline
from communique.extract.time.dating import content_tokens, date_role
from communique.extract.time.tagger import tag, text_direction
from communique.extract.time.tense import doc_direction
from communique.model import Article, ArticleWarning
from communique.settings import Settings

__all__ = ["StatementDater", "TimeExtractor", "find_dateline", "tag", "text_direction"]


class TimeExtractor:
    """Finds and normalises the article's time expressions (``article.times``).

    The publication date is, in order: the article's own (metadata), ``Settings.published``
    (``--published``), a dateline at the head of the text; a WARC crawl date is replaced by a
    dateline when there is one. A dateline without a year and nothing else to date the article
    leaves ``published`` None with basis ``dateline-no-year`` and a warning (W005).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, article: Article) -> None:
        """Fill ``article.times``; set ``article.published`` from a dateline when it has none."""
        if not article.published and self.settings.published:
            article.published, article.published_basis = self.settings.published, "option"
        crawled = article.published_basis == "warc-date"
        if not article.published or crawled:
            # A dateline is the publisher's own word; a crawl date only says when it was fetched.
            found = find_dateline(article.text, parse_iso(article.published) if crawled else None)
            if found is not None and found.value is not None:
                article.published, article.published_basis = found.value, "dateline"
            elif found is not None:
                article.published_basis = "dateline-no-year"
                warning = ArticleWarning(code=Code.W005.name, reason=Code.W005.format(written=found.written))
                if warning not in article.warnings:  # analyzing the same article again adds none
                    article.warnings.append(warning)
        published = article.published if parse_iso(article.published) else None
        article.times = tag(article.text, published, doc_direction(doc), skip=article.boilerplate)


class StatementDater:
    """Dates statements and events (runs after every other extractor).

    Each gets a :class:`~communique.model.TimeRef`: the time expression that syntactically governs
    its cue (statements) or trigger (events), else the publication date, else unknown.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, article: Article) -> None:
        for statement in article.statements:
            blocked = content_tokens(doc, statement.content)
            statement.time = date_role(doc, article, statement.cue, blocked)
        for event in article.events:
            event.time = date_role(doc, article, event.trigger)
