"""Fixtures of the places tests: one PlaceResolver, and ``places(text)`` -> the article's places."""

from __future__ import annotations

import pytest

from communique.extract.places import PlaceResolver
from communique.settings import Settings


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver(Settings())


@pytest.fixture
def places(parse, resolver):
    def _places(text: str):
        doc, article = parse(text)
        resolver(doc, article)
        return article.places

    return _places
