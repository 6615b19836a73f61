"""Fixtures of the event tests: the coder, and ``code(text)`` that parses and codes one text."""

from __future__ import annotations

import pytest

from communique.extract.events import EventCoder
from communique.settings import Settings


@pytest.fixture(scope="module")
def coder():
    return EventCoder(Settings())


@pytest.fixture
def code(parse, coder):
    """``code(text, boilerplate=(), setup=None) -> article`` with its events (``setup(article)``
    runs before coding, to add what earlier stages would have found)."""

    def _code(text: str, boilerplate=(), setup=None):
        doc, article = parse(text, boilerplate=boilerplate)
        if setup is not None:
            setup(article)
        coder(doc, article)
        return article

    return _code
