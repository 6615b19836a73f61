"""The actor knowledge base: coverage, aliases, roles on a date, users' files and imports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.extract.entities.kb import KnowledgeBase, list_entries, load_kb, resolve_name
from communique.extract.entities.kb_io import read_actor_file, write_entries

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_kb_holds_countries_governments_militaries_organisations_and_people(kb):
    types = {e.type for e in kb.entries.values()}
    assert {"person", "country", "government", "military", "organisation"} <= types
    assert len(list_entries(kb, type_="person")) >= 500
    assert len(list_entries(kb, type_="country")) >= 200
    russia = kb.explain("RUS")
    assert (russia.wikidata, russia.capitals, "Russian" in russia.demonyms) == ("Q159", ["Moscow"], True)
    assert kb.get("GOV-RUS").sector == "GOV" and kb.get("MIL-UKR").sector == "MIL"
    for org in ("UN", "NATO", "EU", "OSCE", "IAEA", "ICC", "AU"):
        assert kb.get(org) is not None, org


@pytest.mark.parametrize("alias, qid", [
    ("Zelenskyy", "Q3874799"), ("Zelenskiy", "Q3874799"), ("Zelensky", "Q3874799"),
    ("Lukashenka", "Q2866"), ("Alyaksandr Lukashenka", "Q2866"), ("Vladimir Putin", "Q7747"),
    ("Boris Johnson", "Q180589"), ("Recep Tayyip Erdogan", "Q39259"),
])
def test_transliterations_and_aliases_find_the_same_person(kb, alias, qid):
    assert [e.id for e in kb.find(alias)] == [qid]


@pytest.mark.parametrize("phrase, date, expected", [
    ("the Belarusian president", "2024-08-18", "Q2866"),
    ("the US president", "2016-05-01", "Q76"),
    ("the US president", "2018-05-01", "Q22686"),
    ("the U.S. president", "2022-05-01", "Q6279"),
    ("the British prime minister", "2020-01-01", "Q180589"),
    ("the German chancellor", "2016-01-01", "Q567"),
    ("Russia's foreign minister", "2019-03-01", "kb:sergey-lavrov"),
    ("the NATO secretary-general", "2019-03-01", "kb:jens-stoltenberg"),
    ("the Ukrainian president", "2016-06-01", "kb:petro-poroshenko"),
    ("the Hezbollah leader", "2025-01-01", "kb:naim-qassem"),
    ("the UN chief", "2020-01-01", "Q311440"),
    ("the EU foreign policy chief", "2022-01-01", "Q312901"),
    ("the Malian president", "2024-01-01", "kb:assimi-goita"),
])
def test_role_descriptors_resolve_to_the_holder_on_the_date(kb, phrase, date, expected):
    actor = resolve_name(phrase, date, kb)
    holder = kb.get(expected) or kb.find(expected.split(":")[-1].replace("-", " "))[0]
    assert actor is not None and actor.id == holder.id


def test_handover_day_belongs_to_the_successor(kb):
    assert resolve_name("the US president", "2017-01-20", kb).name == "Donald Trump"
    assert resolve_name("the US president", "2017-01-19", kb).name == "Barack Obama"


def test_former_and_unscoped_roles_do_not_guess(kb):
    assert resolve_name("the former US president", "2024-01-01", kb) is None
    assert resolve_name("the president", "2024-01-01", kb) is None


def test_capitals_and_countries_as_speakers_are_governments(kb):
    assert resolve_name("Moscow", None, kb).id == "GOV-RUS"
    assert resolve_name("Kiev", None, kb).id == "GOV-UKR"
    assert resolve_name("Kyiv", None, kb).id == "GOV-UKR"
    assert resolve_name("Washington", None, kb).id == "GOV-USA"
    assert resolve_name("Russia", None, kb, as_speaker=False).id == "RUS"


def test_users_file_adds_and_overrides_entries():
    kb = load_kb((FIXTURES / "user_actors.tsv", FIXTURES / "user_actors.jsonl"))
    probna = kb.find("Probna")[0]
    assert (probna.id, probna.country, probna.origin) == ("local-mayor-1", "UKR", "file:user_actors.tsv")
    assert kb.find("Bat'ka")[0].id == "Q2866"  # the user's alias joined the shipped person
    assert kb.holder("speaker", "HUN", "2031-01-01").name == "Zoltan Probak"
    assert load_kb() is not kb and "Bat'ka" not in load_kb().get("Q2866").aliases


def test_malformed_or_missing_user_files_raise_catalogued_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tname\troles\nX1\tSomeone\tpresident 20xx..\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E602"):
        read_actor_file(bad)
    with pytest.raises(UsageError, match="E601"):
        read_actor_file(tmp_path / "missing.tsv")
    bad.write_text("id\tname\tgender\nX1\tSomeone\tmale\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E602.*gender"):
        read_actor_file(bad)


def test_a_persons_gender_is_read_and_written_back(kb, tmp_path):
    assert kb.find("Mette Frederiksen")[0].gender == "f"
    assert kb.find("Volodymyr Zelensky")[0].gender == "m"
    path = tmp_path / "people.tsv"
    write_entries([kb.find("Mette Frederiksen")[0]], path)
    assert read_actor_file(path)[0].gender == "f"


def test_import_wikidata_entity_json(kb):
    entries = {e.id: e for e in kb.import_file(FIXTURES / "wikidata_entities.json", "wikidata-json")}
    person, unit = entries["Q100000001"], entries["Q100000002"]
    assert (person.name, person.type, person.country) == ("Ivana Testova", "person", "UKR")
    assert "Ivanna Testova" in person.aliases
    assert (unit.type, unit.country) == ("organisation", "RUS")


def test_import_query_service_json_merges_positions_into_dated_roles(kb):
    [entry] = kb.import_file(FIXTURES / "wdqs_results.json", "wikidata-json")
    assert (entry.id, entry.country) == ("Q100000003", "SRB")
    assert "Petar Probny" in entry.aliases
    roles = {(s.role, s.scope, s.start, s.end) for s in entry.roles}
    assert ("foreign minister", "SRB", "2031-02-01", None) in roles


def test_import_csv_and_use_the_result_as_an_actor_file(kb, tmp_path):
    from communique.extract.entities.kb import import_actor_file

    out = tmp_path / "imported.tsv"
    assert import_actor_file(FIXTURES / "wikidata_export.csv", "csv", out) == 2
    extended = load_kb((out,))
    assert resolve_name("the German chancellor", "2032-01-01", extended).name == "Maria Muster"
    assert resolve_name("the Dutch prime minister", "2030-06-01", extended).name == "Jan Proef"


def test_unknown_import_format_is_a_usage_error(kb):
    with pytest.raises(UsageError, match="E603"):
        kb.import_file(FIXTURES / "wikidata_export.csv", "xml")


def test_heads_of_state_and_government_2022_are_covered(kb, shared_dir):
    """Coverage check against the Wikidata-derived 2022 list (for checking, not copying):
    every G20 and European country's leaders in office in 2022 are in the knowledge base."""
    path = shared_dir / "reference" / "actors" / "world_leaders_2021_wikidata" / "wikidata.csv"
    watched = {"Argentina", "Australia", "Brazil", "Canada", "People's Republic of China", "France",
               "Germany", "India", "Indonesia", "Italy", "Japan", "Mexico", "Russia", "Saudi Arabia",
               "South Africa", "South Korea", "Turkey", "United Kingdom", "United States of America",
               "Ukraine", "Belarus", "Poland", "Hungary", "Israel", "Austria", "Sweden", "Finland",
               "Spain", "Greece", "Romania", "Czech Republic", "Lithuania", "Latvia", "Estonia"}
    qids = {e.wikidata for e in kb.entries.values() if e.wikidata}
    missing = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["country"] in watched and row["start_year"] <= "2022" and (
                not row["end_year"] or row["end_year"] >= "2022"
            ) and "Monarch" not in row["positionLabel"] and "King" not in row["positionLabel"]:
                if row["officeholder"] not in qids:
                    missing.append(f"{row['officeholderLabel']} ({row['positionLabel']})")
    assert len(missing) <= 3, missing


@pytest.mark.parametrize("actor_id, name", [
    ("GOV-USA", "Government of the United States"),
    ("GOV-GBR", "Government of the United Kingdom"),
    ("GOV-NLD", "Government of the Netherlands"),
    ("GOV-RUS", "Government of Russia"),
])
def test_a_government_is_named_as_news_says_it(kb, actor_id, name):
    # the speaker resolver names a capital-as-speaker the same way, so linking keeps the name
    from communique.extract.entities.speakers import government_of

    assert kb.entries[actor_id].name == name
    capital = {"GOV-USA": "Washington", "GOV-GBR": "London", "GOV-NLD": "The Hague", "GOV-RUS": "Moscow"}[actor_id]
    assert government_of(capital) == name


def test_a_group_after_its_countrys_possessive_resolves_by_its_own_name(kb):
    # "they" after "Yemen's Houthi rebels said" carries the group as written
    assert resolve_name("Yemen's Houthi rebels", "2024-01-10", kb).name == "Houthis"
    # a person's name is not guessed from what follows a possessive
    assert resolve_name("Trump's Johnson", "2024-01-10", kb) is None


def test_a_countrys_possessive_keeps_its_own_party(kb):
    assert resolve_name("Britain's Labour Party", "2024-01-10", kb).id == "LABOUR"
    assert resolve_name("New Zealand's Labour Party", "2024-01-10", kb) is None


@pytest.mark.parametrize("phrase, actor_id", [
    ("Russia's defence ministry", "MIL-RUS"),
    ("Ukraine's air force", "MIL-UKR"),
    ("China's foreign ministry", "GOV-CHN"),
    ("Iran's government", "GOV-IRN"),
])
def test_a_countrys_state_body_is_its_government_or_military(kb, phrase, actor_id):
    assert resolve_name(phrase, "2025-01-10", kb).id == actor_id
