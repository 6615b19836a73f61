"""The places extractor: toponyms recognised, metonyms set aside, the rest resolved to GeoNames.

Owns: composing recognition (``recognize``), metonymy (``metonymy``) and resolution
(``resolve``) over one article, and writing ``article.places``. Must not: link actors (a
metonymic ``Moscow`` is left to the actor linker, which reads the same parse) or read
``../shared``.

Metonymic mentions are resolved together with the literal ones, because ``Moscow said``
still tells the resolver that the article is about Russia, but only literal ones become places.
"""

from __future__ import annotations

from spacy.tokens import Doc

from communique.extract.places.gazetteer import Gazetteer, load_gazetteer
from communique.extract.places.metonymy import is_metonymic
from communique.extract.places.recognize import toponym_spans
from communique.extract.places.resolve import Choice, resolve_mentions
from communique.model import Article, Place
from communique.settings import Settings

__all__ = ["PlaceResolver", "is_metonymic"]


class PlaceResolver:
    """Fill ``article.places`` with the literal toponyms of the article, resolved."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gazetteer: Gazetteer = load_gazetteer()

    def __call__(self, doc: Doc, article: Article) -> None:
        spans = toponym_spans(doc, self.gazetteer, article.text)
        if not spans:
            return
        choices = resolve_mentions(self.gazetteer, article.text,
                                   [(s.start_char, s.end_char) for s in spans])
        for span, choice in zip(spans, choices):
            if choice is None or is_metonymic(span):
                continue
            article.places.append(self._place(article, span.start_char, span.end_char, choice))

    def _place(self, article: Article, start: int, end: int, choice: Choice) -> Place:
        gaz, entry = self.gazetteer, choice.entry
        return Place(
            text=article.text[start:end], start=start, end=end, name=gaz.names[entry],
            geonameid=gaz.ids[entry],
            lat=round(choice.lat, 5) if choice.lat is not None else None,
            lon=round(choice.lon, 5) if choice.lon is not None else None,
            country=gaz.alpha3(gaz.countries[entry]), feature=gaz.features[entry])
