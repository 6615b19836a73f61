"""Fixtures the attribution tests share: the extractor (loaded once) and a text-to-statements helper."""

from __future__ import annotations

import pytest

from communique.extract.attribution import AttributionExtractor
from communique.settings import Settings


@pytest.fixture(scope="module")
def extractor():
    return AttributionExtractor(Settings())


@pytest.fixture
def statements(parse, extractor):
    """``statements(text, boilerplate=())``: the statements the extractor finds in ``text``."""

    def _run(text: str, boilerplate=()):
        doc, article = parse(text, boilerplate=boilerplate)
        extractor(doc, article)
        return article.statements

    return _run
