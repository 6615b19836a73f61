"""Shared test fixtures: one spaCy pipeline per test session, and the ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "lukashenko-istanbul-talks.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline with communique's boundary component (loaded once)."""
    from communique.nlp import load_pipeline
    from communique.settings import DEFAULT_SPACY_MODEL

    return load_pipeline(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The evaluation data folder; tests that need it skip when it is absent (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip("../shared evaluation data is not present")
    return SHARED


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def parse(nlp):
    """Parse a text as the pipeline would: ``parse(text, boilerplate=[...]) -> (doc, article)``."""
    from communique.model import Article
    from communique.nlp import make_doc

    def _parse(text: str, boilerplate=(), published: str | None = None):
        article = Article(text=text, boilerplate=list(boilerplate), published=published)
        doc = nlp(make_doc(nlp, article))
        return doc, article

    return _parse
