"""Fixtures of the scale tests: the rows a one-process ingest stores, the reference."""

from __future__ import annotations

import pytest
from scale_samples import INPUTS, all_rows


@pytest.fixture(scope="session")
def one_process_rows(tmp_path_factory) -> dict[str, list[tuple]]:
    """The rows a one-process ingest of INPUTS stores (the reference for every engine)."""
    from communique.pipeline import ingest_paths
    from communique.settings import Settings

    db_path = tmp_path_factory.mktemp("one") / "one.duckdb"
    ingest_paths(INPUTS, db_path, Settings())
    return all_rows(db_path)
