"""Actors: the extractor that puts the article's actors on it, as the entity stage resolves them.

Owns: :class:`ActorLinker`, which fills ``article.actors`` (unique; knowledge-base or
article-local), ``article.mentions``, ``statement.speaker.actor`` (normalising
``speaker.name`` to the canonical name) and the source/target actors of events that earlier
extractors put on the article. Who a span is gets decided in ``extract/entities``
(``ArticleEntities.link``), not here. Must not: create statements or events, or touch places.

Public helpers: :func:`load_kb` (the knowledge base, once per process) and
:func:`resolve_name` (a speaker name or descriptor -> an actor, for other extractors).
"""

from __future__ import annotations

from spacy.tokens import Doc

from communique.extract.entities.article import ArticleEntities
from communique.extract.entities.kb import KnowledgeBase, load_kb, resolve_name
from communique.model import Article
from communique.settings import Settings

__all__ = ["ActorLinker", "KnowledgeBase", "load_kb", "resolve_name"]


class ActorLinker:
    """Links actor mentions, speakers and event parties to actors (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kb_files = tuple(settings.actor_files)
        self.kb = load_kb(self.kb_files)  # loaded here, so a bad actor file fails at the start

    def __call__(self, doc: Doc, article: Article) -> None:
        published = (article.published or self.settings.published or None)
        ArticleEntities(doc, self.kb_files, published[:10] if published else None).link(article)
