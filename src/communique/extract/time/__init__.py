"""Extractor for times (placeholder until its issue lands; it adds nothing yet)."""

from spacy.tokens import Doc

from communique.model import Article
from communique.settings import Settings


class TimeExtractor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, article: Article) -> None:
        return None


class StatementDater:
    """Dates statements and events (placeholder until the time issue lands)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, article: Article) -> None:
        return None
