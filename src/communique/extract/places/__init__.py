"""The places extractor: every toponym mention, with how it is used, resolved to GeoNames.

Owns: composing recognition (``recognize``) and resolution (``resolve``) over one article, giving
each mention its ``role``, and writing ``article.places``. Must not: decide metonymy itself (it
asks :func:`communique.extract.entities.metonymy.is_agentive`, the one decision the actor linker
also reads), link actors (it reads the linker's mentions for ``actor``) or read ``../shared``.

Every mention is listed, ``Moscow said`` and ``the Russian ambassador`` too: a map of the places
in the news needs them, and geoparsing benchmarks count them. ``role`` tells them apart
(``literal`` | ``metonymic`` | ``demonym``); a query that wants the ground alone filters on it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from communique.extract.entities.metonymy import is_agentive
from communique.extract.places.context import COUNTY_LABEL
from communique.extract.places.gazetteer import Gazetteer, load_gazetteer
from communique.extract.places.recognize import is_demonym, toponym_spans
from communique.extract.places.resolve import Choice, resolve_mentions
from communique.model import Article, Place
from communique.settings import Settings

__all__ = ["ROLES", "PlaceResolver"]

ROLES = ("literal", "metonymic", "demonym")
# Ids of states and their arms (``RUS``, ``GOV-RUS``, ``MIL-RUS``): a place name may denote them.
_STATE_ACTOR = re.compile(r"^(?:[A-Z]{3}-)?[A-Z]{3}$")


class PlaceResolver:
    """Fill ``article.places`` with the toponym mentions of the article, resolved."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gazetteer: Gazetteer = load_gazetteer()

    def __call__(self, doc: Doc, article: Article) -> None:
        spans = toponym_spans(doc, self.gazetteer, article.text, _actor_tokens(doc, article))
        if not spans:
            return
        choices = resolve_mentions(self.gazetteer, article.text,
                                   [(s.start_char, s.end_char) for s in spans],
                                   [s.text + " County" if s.label_ == COUNTY_LABEL else None
                                    for s in spans])
        for span, choice in zip(spans, choices):
            if choice is None:
                continue
            place = self._place(article, span.start_char, span.end_char, choice)
            place.role = self._role(span)
            if place.role != "literal":
                place.actor = _acting_actor(article, place)
            article.places.append(place)

    def _role(self, span: Span) -> str:
        if is_demonym(span.text, self.gazetteer):
            return "demonym"
        return "metonymic" if is_agentive(span) else "literal"

    def _place(self, article: Article, start: int, end: int, choice: Choice) -> Place:
        gaz, entry = self.gazetteer, choice.entry
        return Place(
            text=article.text[start:end], start=start, end=end, name=gaz.names[entry],
            geonameid=gaz.ids[entry],
            lat=round(choice.lat, 5) if choice.lat is not None else None,
            lon=round(choice.lon, 5) if choice.lon is not None else None,
            country=gaz.alpha3(gaz.countries[entry]), feature=gaz.features[entry])


def _actor_tokens(doc: Doc, article: Article) -> set[int]:
    """Tokens of the people and organisations the linker found: ``Jackson said`` is a person."""
    tokens: set[int] = set()
    for mention in article.mentions:
        if _STATE_ACTOR.match(mention.actor):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def _acting_actor(article: Article, place: Place) -> str | None:
    """The actor the linker found on the mention, when it is a state actor of the place's country
    (``GOV-RUS`` for ``Moscow said``, ``MIL-RUS`` for ``Russian forces``); not the person of
    ``the Russian ambassador``, whom the demonym only describes."""
    for mention in article.mentions:
        if mention.start < place.end and place.start < mention.end \
                and place.country and mention.actor.split("-")[-1] == place.country:
            return mention.actor
    return None
