"""``communique kb search``: the spellings of its options, whole aliases in JSON, capitals as
analysis links them, and a readable line when nothing matches."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from communique.cli.kb import kb_app
from communique.extract.entities.kb import load_kb

runner = CliRunner()


def rows(*arguments: str) -> list[dict[str, str]]:
    result = runner.invoke(kb_app, list(arguments))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_format_json_is_the_same_as_json():
    assert rows("search", "Lukashenko", "--format", "json") == rows("search", "Lukashenko", "--json")
    assert rows("list", "--country", "BLR", "--format", "json") == rows("list", "--country", "BLR", "--json")
    explained = runner.invoke(kb_app, ["explain", "Q2866", "--format", "json"])
    assert json.loads(explained.stdout)["id"] == "Q2866"


def test_an_unknown_format_is_a_usage_error():
    result = runner.invoke(kb_app, ["search", "Kiev", "--format", "xml"])
    assert result.exit_code == 2 and "E301" in result.output


def test_json_gives_every_alias():
    government = next(r for r in rows("search", "Government of Ukraine", "--json") if r["id"] == "GOV-UKR")
    assert government["aliases"].split("|") == load_kb().get("GOV-UKR").aliases
    assert not government["aliases"].endswith("...")


def test_a_capital_finds_the_government_analysis_links_it_to():
    found = [r["id"] for r in rows("search", "Kiev", "--json")]
    assert found[:2] == ["GOV-UKR", "UKR"]
    assert [r["id"] for r in rows("search", "kyiv", "--json")][:2] == ["GOV-UKR", "UKR"]


def test_no_match_is_one_plain_sentence():
    result = runner.invoke(kb_app, ["search", "Nowhere At All"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "No actor matches 'Nowhere At All'."
