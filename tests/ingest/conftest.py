"""Fixtures for the ingest tests: the fixture folder and a reader that lists results."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.ingest import read_items
from communique.model import Article, Failure
from communique.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def read():
    """``read(*paths, **settings) -> list`` of Articles and Failures."""

    def _read(*paths, **options) -> list[Article | Failure]:
        return list(read_items(paths, Settings(**options)))

    return _read
