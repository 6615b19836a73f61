"""``communique kb``: list, search, explain and import through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communique.cli.kb import kb_app

FIXTURES = Path(__file__).resolve().parents[1] / "actors" / "fixtures"
runner = CliRunner()


def test_search_finds_a_person_by_a_transliteration():
    result = runner.invoke(kb_app, ["search", "Zelenskyy", "--json"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["id"] == "Q3874799" and rows[0]["name"] == "Volodymyr Zelensky"


def test_explain_shows_roles_held_on_a_date():
    result = runner.invoke(kb_app, ["explain", "Lukashenka", "--date", "2024-08-18", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "Q2866" and "president@BLR" in data["roles on 2024-08-18"]


def test_explain_a_country_names_its_leader_on_a_date():
    data = json.loads(runner.invoke(kb_app, ["explain", "USA", "--date", "2016-05-01", "--json"]).stdout)
    assert data["leader"] == "Barack Obama (Q76)" and data["government"] == "GOV-USA"


def test_explain_unknown_actor_exits_2_with_the_error_code():
    result = runner.invoke(kb_app, ["explain", "No Such Person Anywhere"])
    assert result.exit_code == 2
    assert "E604" in result.output


def test_list_filters_by_type_and_country():
    result = runner.invoke(kb_app, ["list", "--type", "person", "--country", "BLR", "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["type"] == "person" and r["country"] == "BLR" for r in rows)
    assert "Q2866" in {r["id"] for r in rows}


def test_import_writes_an_actor_file_that_list_can_read(tmp_path):
    out = tmp_path / "imported.tsv"
    result = runner.invoke(kb_app, ["import", str(FIXTURES / "wdqs_results.json"),
                                    "--format", "wikidata-json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(kb_app, ["search", "Probni", "--actors", str(out), "--json"])
    assert json.loads(listed.stdout.splitlines()[0])["id"] == "Q100000003"


def test_import_with_an_unknown_format_is_a_usage_error(tmp_path):
    result = runner.invoke(kb_app, ["import", str(FIXTURES / "wikidata_export.csv"), "--format", "xml",
                                    "--out", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and "E603" in result.output


def test_explain_a_role_descriptor_on_a_date():
    data = json.loads(runner.invoke(kb_app, ["explain", "the US president", "--date", "2016-05-01", "--json"]).stdout)
    assert data["id"] == "Q76"


def test_explain_an_institution_chief_is_the_office_it_is_named_for():
    # the same resolver as the linker's: "the Pentagon chief" is the defence secretary
    data = json.loads(runner.invoke(kb_app, ["explain", "the Pentagon chief", "--date", "2022-06-01", "--json"]).stdout)
    assert data["id"] == "kb:lloyd-austin"
    data = json.loads(runner.invoke(kb_app, ["explain", "the Belarusian leader", "--date", "2024-08-18", "--json"]).stdout)
    assert data["id"] == "Q2866"
