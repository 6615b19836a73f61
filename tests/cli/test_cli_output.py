"""What the CLI writes when its output is not a terminal (a pipe, a file): whole lines, never
a hard wrap at 80 columns; a failure is one line naming its source once; --help lists a switch
without a type."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli.main import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lukashenko-istanbul-talks.txt"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def long_paths(tmp_path):
    """A missing and an empty file under a path far longer than 80 columns."""
    folder = tmp_path.joinpath(*["a-rather-long-folder-name-for-wrapping"] * 4)
    folder.mkdir(parents=True)
    empty = folder / "empty-article-with-a-long-name.txt"
    empty.write_text("", encoding="utf-8")
    return [folder / "missing-article-with-a-long-name.txt", empty]


def assert_one_line_per_failure(stderr: str, sources: list[Path]) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    for source in sources:
        mine = [line for line in lines if str(source) in line]
        assert len(mine) == 1, stderr
        assert mine[0].startswith("failed: ") and mine[0].count(str(source)) == 1, mine[0]
    assert len(lines) == len(sources), stderr  # nothing spilled onto a line of its own


def test_failure_lines_are_one_line_naming_the_source_once(runner, long_paths):
    result = runner.invoke(app, ["analyze", *map(str, long_paths), "--format", "json"])
    assert result.exit_code == 1
    assert_one_line_per_failure(result.stderr, long_paths)
    assert "E001" in result.stderr and "E002" in result.stderr


def test_failure_lines_in_a_real_pipe(long_paths):
    """The installed entry point with both streams piped, as ``communique analyze ... 2> log``."""
    done = subprocess.run(
        [sys.executable, "-c", "from communique.cli.main import main; main()", "analyze", *map(str, long_paths)],
        capture_output=True, text=True, env={"PATH": "", "COLUMNS": "80", "NO_COLOR": "1"}, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert_one_line_per_failure(done.stderr, long_paths)


def test_ingest_failure_lines_name_the_source_once(runner, tmp_path, long_paths):
    result = runner.invoke(app, ["ingest", *map(str, long_paths), "--db", str(tmp_path / "q.duckdb")])
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 2
    for source, line in zip(long_paths, failures, strict=True):
        assert line.count(str(source)) == 1, line


def test_analyze_readout_is_not_hard_wrapped_when_piped(runner, nlp):
    as_json = runner.invoke(app, ["analyze", str(EXAMPLE), "--published", "2024-08-18", "--format", "json"])
    statements = json.loads(as_json.stdout)["statements"]
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--published", "2024-08-18"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    long_contents = [s["content"]["text"] for s in statements if len(s["content"]["text"]) > 100]
    assert long_contents
    for content in long_contents:
        # each content on one line of its own, whole (the readout clips at 400 characters)
        assert any(" ".join(content.split())[:390] in line for line in lines), content
    assert any(line.startswith("── The Belarusian president has suggested") for line in lines)


@pytest.fixture
def ingested(runner, tmp_path, nlp):
    db = tmp_path / "news.duckdb"
    done = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db), "--published", "2024-08-18"])
    assert done.exit_code == 0, done.stderr
    return db


def test_query_table_is_not_hard_wrapped_when_piped(runner, ingested):
    rows = [
        json.loads(line)
        for line in runner.invoke(app, ["query", "--db", str(ingested), "--format", "json"]).stdout.splitlines()
    ]
    table = runner.invoke(app, ["query", "--db", str(ingested)])
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    widths = {len(line) for line in lines if line.startswith(("┃", "│", "┏", "└"))}
    assert len(widths) == 1  # one table of one width, no wrapped rows
    for row in rows:
        # the speaker and the start of the content (cells are clipped at 120) sit on the row's line
        start = " ".join(row["content_text"].split())[:60]
        speaker = row["speaker_name"] or ""
        assert any(speaker in line and start in line for line in lines), start


@pytest.mark.parametrize(
    "command",
    [[], ["analyze"], ["ingest"], ["export"], ["kb"], ["kb", "search"], ["kb", "list"], ["kb", "explain"],
     ["eval"], ["eval", "polnear"], ["eval", "speakers"], ["train"], ["train", "attribution"]],
)
def test_help_shows_no_type_on_switches(runner, command):
    result = runner.invoke(app, [*command, "--help"], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "--help" in result.output
