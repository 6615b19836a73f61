"""``communique ingest --engine dask`` as a user meets it: clear errors, the usual summary line."""

from __future__ import annotations

import sys

import pytest
from scale_samples import INPUTS
from typer.testing import CliRunner

from communique.cli.main import app


@pytest.fixture
def runner():
    return CliRunner()


def test_without_the_dask_extra_the_engine_is_a_clear_error(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as when not installed
    result = runner.invoke(app, ["ingest", *INPUTS, "--db", str(tmp_path / "news.duckdb"), "--engine", "dask"])
    assert result.exit_code == 2
    assert "[E120]" in result.stderr and "pip install 'communique[dask]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_engine_and_a_scheduler_without_dask_are_usage_errors(runner, tmp_path):
    db = str(tmp_path / "news.duckdb")
    result = runner.invoke(app, ["ingest", *INPUTS, "--db", db, "--engine", "spark"])
    assert result.exit_code == 2 and "[E126]" in result.stderr
    result = runner.invoke(app, ["ingest", *INPUTS, "--db", db, "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "[E127]" in result.stderr


@pytest.mark.slow
def test_ingest_on_a_local_cluster_reports_like_a_local_ingest(runner, tmp_path):
    pytest.importorskip("dask.distributed")
    db = str(tmp_path / "news.duckdb")
    result = runner.invoke(app, ["ingest", *INPUTS, "--db", db, "--engine", "dask", "--workers", "2"])
    assert result.exit_code == 1, result.stderr  # two items failed
    assert f"ingested 9, already present 1, skipped 0, failed 2 -> {db}" in result.stderr
    assert "[E007]" in result.stderr and "[E001]" in result.stderr
