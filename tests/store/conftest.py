"""Fixtures of the store tests: a hand-built article and a fresh database path."""

from __future__ import annotations

import pytest
from store_samples import build_article

from communique.model import Article


@pytest.fixture
def article() -> Article:
    return build_article()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.duckdb"
