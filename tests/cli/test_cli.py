"""The command line as a user meets it: analyze, ingest, query, export; exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli.main import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lukashenko-istanbul-talks.txt"
SCHEMA_KEYS = {
    "id", "title", "url", "outlet", "published", "language", "text",
    "statements", "events", "times", "places", "actors",
}


@pytest.fixture
def runner():
    return CliRunner()


def test_analyze_json_prints_one_object_per_article(runner, nlp):
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--published", "2024-08-18", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    article = json.loads(lines[0])
    assert SCHEMA_KEYS <= article.keys()
    assert article["published"] == "2024-08-18"
    assert article["title"].startswith("The Belarusian president has suggested")
    assert article["text"] == EXAMPLE.read_text(encoding="utf-8")
    for start, end in article["boilerplate"]:
        assert "FILE PHOTO" in article["text"][start:end] or "Read more" in article["text"][start:end] \
            or "©" in article["text"][start:end]


def test_analyze_text_is_readable(runner, nlp):
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--published", "2024-08-18"])
    assert result.exit_code == 0, result.stderr
    assert "The Belarusian president has suggested" in result.stdout
    assert "2024-08-18" in result.stdout


def test_analyze_reads_standard_input(runner, nlp):
    text = "The foreign minister said on Monday that the talks would go on.\n"
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["text"].startswith("The foreign minister said")


def test_a_bad_item_fails_alone_with_exit_1(runner, tmp_path, nlp):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["analyze", str(missing), str(EXAMPLE), str(empty), "--format", "json"])
    assert result.exit_code == 1
    assert len([line for line in result.stdout.splitlines() if line.strip()]) == 1
    assert "missing.txt" in result.stderr and "E001" in result.stderr
    assert "empty.txt" in result.stderr and "E002" in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["analyze", str(EXAMPLE), "--published", "Wed Nov 23"],  # no year: E030
        ["analyze", str(EXAMPLE), "--published", "soon"],  # not a date: E014
        ["analyze", str(EXAMPLE), "--format", "xml"],
        ["analyze"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(runner, arguments):
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2


def test_ingest_query_export_round_trip(runner, tmp_path, nlp):
    db = tmp_path / "news.duckdb"
    first = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db), "--published", "2024-08-18"])
    assert first.exit_code == 0, first.stderr
    assert "ingested 1" in first.stderr

    again = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db), "--published", "2024-08-18"])
    assert again.exit_code == 0, again.stderr
    assert "ingested 0, already present 1" in again.stderr

    articles = runner.invoke(app, ["query", "articles", "--db", str(db), "--format", "json"])
    assert articles.exit_code == 0, articles.stderr
    rows = [json.loads(line) for line in articles.stdout.splitlines() if line.strip()]
    assert len(rows) == 1 and rows[0]["title"].startswith("The Belarusian president")

    dated = runner.invoke(
        app, ["query", "articles", "--db", str(db), "--since", "2024-09-01", "--format", "json"]
    )
    assert dated.exit_code == 0 and not dated.stdout.strip()

    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"articles.{fmt}"
        done = runner.invoke(
            app, ["export", "--format", fmt, "--table", "articles", "--db", str(db), "--out", str(out)]
        )
        assert done.exit_code == 0, done.stderr
        assert out.stat().st_size > 0


def test_ingest_records_failures_and_goes_on(runner, tmp_path, nlp):
    db = tmp_path / "news.duckdb"
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    result = runner.invoke(app, ["ingest", str(bad), str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 1
    assert "ingested 1" in result.stderr and "failed 1" in result.stderr and "bad.bin" in result.stderr
    failures = runner.invoke(app, ["query", "failures", "--db", str(db), "--format", "json"])
    rows = [json.loads(line) for line in failures.stdout.splitlines() if line.strip()]
    assert len(rows) == 1 and rows[0]["source"].endswith("bad.bin") and rows[0]["code"] == "E003"


def test_query_without_database_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(app, ["query", "statements", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "E201" in result.stderr


def test_query_table_shows_what_a_reader_needs_with_brackets_intact(runner, tmp_path, nlp):
    # the reference article quotes "this [document] could be a start": rich markup would drop
    # "[document]" from a table cell, and a 26-column table is unreadable in a terminal
    db = tmp_path / "c.duckdb"
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["query", "statements", "--db", str(db), "--text", "document"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "[document]" in result.stdout
    assert "speaker_name" in result.stdout and "content_text" in result.stdout
    assert "speaker_spans" not in result.stdout and "--format json" in result.stdout


def test_help_and_errors_keep_square_brackets(runner, tmp_path):
    # "[encoder]" is the extra to install, not rich markup
    assert "communique[encoder]" in " ".join(runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "200"}).stdout.split())
    result = runner.invoke(app, ["query", "statements", "--db", str(tmp_path / "no[pe].duckdb")])
    assert result.exit_code == 2
    assert "no[pe].duckdb" in result.stderr
