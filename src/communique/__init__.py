"""communique: who said what, who did what to whom, when and where, from news.

The Python API mirrors the CLI; each function here is what one command calls:

    import communique
    article = communique.analyze(text, published="2024-08-18")   # communique analyze
    for statement in article.statements: ...
    with communique.Corpus("news.duckdb") as corpus:
        corpus.ingest(["news/"])                                      # communique ingest
        rows = corpus.query("statements", actor="Lukashenko")        # communique query
        corpus.export("statements.parquet", "parquet")               # communique export

Heavy modules (spaCy, DuckDB) are imported on first use, so ``import communique`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique.model import Actor, Article, Event, Failure, Place, Role, Statement, TimeExpression
from communique.settings import Settings

if TYPE_CHECKING:
    from communique.corpus import Corpus

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Event", "Failure", "Place", "Role", "Settings", "Statement", "TimeExpression",
    "Corpus", "analyze",
]


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyze one article's text and return the data model, fully annotated.

    Raises ``ItemError`` / ``SkippedItem`` (for example a non-English text) instead of returning
    a Failure: a single call has no batch to go on with.
    """
    from communique.ingest.article import build_article
    from communique.ingest.published import read_published
    from communique.pipeline import get_analyzer

    settings = settings or Settings()
    given = read_published(published)  # a date without a year or day: unresolved, with a warning
    article = build_article(
        text,
        source="<api>",
        settings=settings,
        title=title,
        url=url,
        outlet=outlet,
        published=given.date,
        find_headline=title is None,
        warnings=[given.warning] if given.warning else None,
    )
    return get_analyzer(settings).analyze_article(article)


def __getattr__(name: str) -> Any:
    # Corpus pulls in DuckDB and the pipeline; import it only when asked for.
    if name == "Corpus":
        from communique.corpus import Corpus

        return Corpus
    raise AttributeError(name)
