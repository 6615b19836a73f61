"""Extractor for actors and mentions (placeholder until its issue lands; it adds nothing yet)."""

from spacy.tokens import Doc

from communique.model import Article
from communique.settings import Settings


class ActorLinker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, article: Article) -> None:
        return None
