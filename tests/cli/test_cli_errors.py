"""A bad path, encoding or option is a named error line and exit 1 or 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import main as cli_main
from communique.cli.main import app
from communique.store import Database

FIXTURES = Path(__file__).resolve().parents[1] / "actors" / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lukashenko-istanbul-talks.txt"
BINARY = bytes(range(256)) * 4  # not UTF-8 from byte 0x80 on


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    """An empty database of the current schema (export and query need no articles here)."""
    path = tmp_path / "q.duckdb"
    with Database(path):
        pass
    return path


def assert_named_error(result, code: str, *words: str, exit_code: int = 2) -> None:
    """Exit status, the code, the words (a path, a reason) on one error line, no traceback."""
    assert result.exit_code == exit_code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if code in line]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


# ---- item 12: the four tracebacks of the issue, and their neighbours ------------------------
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_into_a_missing_folder_names_the_path(runner, db, tmp_path, fmt):
    out = tmp_path / "no" / "such" / f"x.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert_named_error(result, "E307", str(out), "No such file or directory")


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_onto_a_directory_names_the_path(runner, db, tmp_path, fmt):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path)])
    assert_named_error(result, "E307", str(tmp_path), "s a directory")


@pytest.mark.parametrize("content", [b"name\tcountry\nJos\xe9 Mar\xeda\tESP\n", BINARY], ids=["latin-1", "binary"])
def test_actors_file_that_is_not_utf8(runner, tmp_path, content):
    actors = tmp_path / "actors.tsv"
    actors.write_bytes(content)
    result = runner.invoke(app, ["kb", "search", "Jos", "--actors", str(actors)])
    assert_named_error(result, "E607", str(actors), "not UTF-8", "offset")


def test_analyze_with_a_latin1_actors_file_is_a_usage_error(runner, tmp_path, nlp):
    actors = tmp_path / "actors.tsv"
    actors.write_bytes(b"name\tcountry\nJos\xe9 Mar\xeda\tESP\n")
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--actors", str(actors), "--format", "json"])
    assert_named_error(result, "E607", str(actors))


def test_actors_jsonl_row_that_is_not_an_object(runner, tmp_path):
    actors = tmp_path / "actors.jsonl"
    actors.write_text('{"name": "Jane Roe"}\n[1, 2]\n', encoding="utf-8")
    result = runner.invoke(app, ["kb", "list", "--actors", str(actors)])
    assert_named_error(result, "E602", f"{actors}:2", "expected a JSON object")


def test_kb_import_of_a_binary_file(runner, tmp_path):
    export = tmp_path / "export.json"
    export.write_bytes(BINARY)
    result = runner.invoke(app, ["kb", "import", str(export), "--out", str(tmp_path / "a.tsv")])
    assert_named_error(result, "E608", str(export), "not UTF-8")


def test_kb_import_into_a_missing_folder(runner, tmp_path):
    out = tmp_path / "missing" / "a.tsv"
    result = runner.invoke(app, ["kb", "import", str(FIXTURES / "wdqs_results.json"), "--out", str(out)])
    assert_named_error(result, "E307", str(out))


# ---- the audit: eval and train on bad paths -------------------------------------------------
@pytest.mark.parametrize("task", ["speakers", "statements", "linking", "metonymy"])
def test_eval_on_a_binary_file(runner, tmp_path, task):
    gold = tmp_path / "gold.bin"
    gold.write_bytes(BINARY)
    result = runner.invoke(app, ["eval", task, str(gold)])
    assert_named_error(result, "E309", str(gold), "not UTF-8")


@pytest.mark.parametrize("task", ["speakers", "statements"])
def test_eval_on_a_missing_file_or_a_folder(runner, tmp_path, task):
    missing = tmp_path / "missing.jsonl"
    assert_named_error(runner.invoke(app, ["eval", task, str(missing)]), "E308", str(missing), "No such file")
    assert_named_error(runner.invoke(app, ["eval", task, str(tmp_path)]), "E308", str(tmp_path), "s a directory")


def test_train_refuses_an_out_that_is_a_file_before_training(runner, tmp_path):
    data = tmp_path / "PLV_train.tsv"
    data.write_text("sentence\tmarked_sentence\tgold_root\n", encoding="utf-8")
    taken = tmp_path / "model.json"
    taken.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["train", "events", str(data), "--out", str(taken)])
    assert_named_error(result, "E310", str(taken))


# ---- item 14: small things --------------------------------------------------------------
@pytest.mark.parametrize("value", ["-5", "0"])
def test_max_bytes_must_be_positive(runner, value):
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--max-bytes", value])
    assert result.exit_code == 2 and "--max-bytes" in result.output


def test_e007_says_at_once(runner, tmp_path):
    lines = tmp_path / "news.jsonl"
    lines.write_text('{"text": "unterminated\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(lines), "--format", "json"])
    assert result.exit_code == 1
    assert "E007" in result.stderr and "at column" in result.stderr
    assert "at at" not in result.stderr


def test_a_locked_database_exits_1_not_2(runner, db, monkeypatch):
    """Another process holds the database: after the bounded wait, not a usage error (2) but a
    failure (1)."""
    from communique.store.database import Database as Handle

    monkeypatch.setitem(Handle.__init__.__kwdefaults__, "wait", 0.5)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('locked', flush=True);"
         " sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        for command in (["query", "articles"], ["export", "--table", "articles"]):
            result = runner.invoke(app, [*command, "--db", str(db)])
            assert_named_error(result, "E204", str(db), exit_code=1)
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()


# ---- the safety net ---------------------------------------------------------------------
def test_an_unexpected_exception_is_one_error_line_and_exit_1(monkeypatch, capsys):
    import communique.extract.entities.kb as kb_module

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kb_module, "list_entries", broken)
    monkeypatch.setattr(sys, "argv", ["communique", "kb", "list"])
    monkeypatch.delenv("COMMUNIQUE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    assert exit_info.value.code == 1
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines() == ["error: [E311] unexpected RuntimeError: boom second line (a bug: please "
                                           "report it with the command that caused it)"]
