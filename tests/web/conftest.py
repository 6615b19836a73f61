"""A small database for the dashboard tests: the bundled example, the corpus record fixture
and one hostile article (markup and javascript: URLs in its title, outlet, url and text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.corpus import Corpus
from communique.settings import Settings

HERE = Path(__file__).parent
REPO = HERE.parents[1]
EXAMPLE = REPO / "examples" / "lukashenko-istanbul-talks.txt"
RECORD = REPO / "tests" / "record" / "fixtures" / "articles.jsonl"
HOSTILE = HERE / "fixtures" / "hostile.jsonl"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "news.duckdb"
    with Corpus(db, Settings(published="2024-08-18")) as corpus:
        summary = corpus.ingest([EXAMPLE, RECORD, HOSTILE])
    assert summary.ok and summary.ingested == 8, summary.failed
    return db


@pytest.fixture
def client(web_db):
    from starlette.testclient import TestClient

    from communique.web import create_app

    with TestClient(create_app(web_db)) as test_client:
        yield test_client
