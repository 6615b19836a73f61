"""``communique analyze --only`` / ``--without`` choose the extractors; a bad name is exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli.main import app

TEXT = "Sergei Lavrov said on Monday in Moscow that talks with Ukraine would resume.\n"


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def _analyze(*options: str) -> dict:
    result = CliRunner().invoke(app, ["analyze", *options, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_only_runs_the_named_extractors(article_file):
    article = _analyze(article_file, "--only", "attribution,times")
    assert article["statements"] and article["times"]
    assert article["places"] == [] and article["actors"] == []


def test_without_leaves_out_the_named_extractor(article_file):
    article = _analyze(article_file, "--without", "places")
    assert article["statements"] and article["actors"] and article["places"] == []


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--only", "attribution,speakers"], "[E041] unknown extractor 'speakers' (expected one of: times, attribution, actors, places, events, dating)"),
        (["--only", "times", "--without", "places"], "[E042]"),
        (["--without", "times"], "[E043] extractor dating needs times"),
    ],
)
def test_a_bad_choice_is_a_usage_error(article_file, options, words):
    result = CliRunner().invoke(app, ["analyze", article_file, *options])
    assert result.exit_code == 2
    assert words in result.stderr
