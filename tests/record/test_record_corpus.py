"""The corpus record end to end: ingest a small multi-article set, then ask it questions."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from communique.cli.main import app
from communique.corpus import Corpus
from communique.store import Database

FIXTURE = Path(__file__).parent / "fixtures" / "articles.jsonl"
LINES = FIXTURE.read_text(encoding="utf-8").splitlines()
URL = {json.loads(line)["url"]: i for i, line in enumerate(LINES)}


def _write(path: Path, indices: list[int]) -> Path:
    path.write_text("\n".join(LINES[i] for i in indices) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("record")
    db = folder / "news.duckdb"
    with Corpus(db) as corpus:
        summary = corpus.ingest(FIXTURE)
    assert summary.ingested == len(LINES) and summary.record.articles == len(LINES)
    return db


def _claims(db: Path, **filters):
    with Corpus(db) as corpus:
        return corpus.claims(**filters)


def _article_id(db: Path, url: str) -> str:
    with Database(db, read_only=True) as handle:
        return handle.connection.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchall()[0][0]


def test_wire_copy_is_flagged_and_counted_once(corpus_db):
    copy, original = _article_id(corpus_db, "https://example.net/a1-copy"), _article_id(corpus_db, "https://example.org/a1")
    rows = Corpus(corpus_db).query("articles", limit=None)
    assert {r["id"]: r.get("duplicate_of") for r in rows}[copy] == original
    arakhamia = [c for c in _claims(corpus_db, actor="Arakhamia") if "keep fighting" in c["content"]][0]
    outlets = {r["outlet"] for r in arakhamia["reports"]}
    assert {"Wire One", "Daily Mirror Site", "Other Post"} <= outlets  # quote, copy and recap
    assert any(r["duplicate"] for r in arakhamia["reports"])
    assert arakhamia["distinct_reports"] == 2  # the copy is not a third report


def test_a_later_rejection_answers_the_claim_it_does_not_restate(corpus_db):
    arakhamia = [c for c in _claims(corpus_db, actor="Arakhamia") if "keep fighting" in c["content"]][0]
    answers = arakhamia["answers"]
    assert [(a["stance"], a["speaker"]) for a in answers] == [("reject", "Boris Johnson")]
    johnson = _claims(corpus_db, claim=answers[0]["claim"])[0]
    assert "nonsense" in johnson["content"] and johnson["answers_to"][0]["claim"] == arakhamia["id"]


def test_similar_words_on_other_dates_stay_two_claims_and_the_timeline_is_in_order(corpus_db):
    with Corpus(corpus_db) as corpus:
        line = corpus.timeline("Peskov")
    assert [c["said"]["value"] for c in line] == ["2023-11-27", "2024-06-16"]
    assert line[0]["id"] != line[1]["id"]


def test_a_change_of_position_shows(corpus_db):
    with Corpus(corpus_db) as corpus:
        lines = corpus.positions("negotiations with Russia", actor="Zelensky")
    assert [(line["said"]["value"], line["position"], line["change"]) for line in lines] == [
        ("2022-05-20", "conditional", False),
        ("2024-06-16", "support", True),
    ]


def test_network_and_outlets(corpus_db, tmp_path):
    with Corpus(corpus_db) as corpus:
        edges = corpus.network()
        outlets = corpus.outlets(actor="Arakhamia")
    assert any(e["kind"] == "claim" and e["source_name"] == "David Arakhamia" for e in edges)
    with Corpus(corpus_db) as corpus:
        evening = corpus.network(outlet="Evening Standard")
    assert evening and {e["source_name"] for e in evening if e["kind"] == "claim"} == {"Boris Johnson"}
    mirror = [r for r in outlets if r["outlet"] == "Daily Mirror Site"][0]
    assert mirror["copies"] >= 1 and mirror["reports"] == 0
    runner = CliRunner()
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["network", "--db", str(corpus_db), "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.number_of_edges() == len(edges)


def test_update_is_incremental_and_order_does_not_matter(tmp_path, corpus_db):
    db = tmp_path / "two-runs.duckdb"
    # the denial first, the claim it answers in a later run
    with Corpus(db) as corpus:
        corpus.ingest(_write(tmp_path / "first.jsonl", [URL["https://example.com/c1"], URL["https://example.com/d1"]]))
        second = corpus.ingest(FIXTURE)
    assert second.record.articles == len(LINES) - 2  # only the new articles were read
    arakhamia = [c for c in _claims(db, actor="Arakhamia") if "keep fighting" in c["content"]][0]
    assert [a["stance"] for a in arakhamia["answers"]] == ["reject"]
    assert len(_claims(db, limit=None)) == len(_claims(corpus_db, limit=None))


def test_an_old_database_is_migrated_and_refused_read_only(tmp_path):
    db = tmp_path / "old.duckdb"
    with Corpus(db) as corpus:
        corpus.ingest(_write(tmp_path / "one.jsonl", [0]))
    with Database(db) as handle:  # make it look like a version-1 database
        handle.connection.execute("DROP VIEW edges; DROP VIEW positions")
        for table in ("claims", "claim_reports", "claim_targets", "answers", "duplicates", "record_articles"):
            handle.connection.execute(f"DROP TABLE {table}")
        handle.connection.execute("UPDATE communique_meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(Exception, match="E210"):
        Database(db, read_only=True)
    result = CliRunner().invoke(app, ["record", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _claims(db)


def test_cli_commands(corpus_db):
    runner = CliRunner()
    base = ["--db", str(corpus_db)]
    for command in (["claims"], ["timeline", "Zelensky"], ["positions", "--topic", "negotiations"], ["network"],
                    ["outlets"]):
        text = runner.invoke(app, command + base)
        assert text.exit_code == 0, (command, text.output)
        as_json = runner.invoke(app, command + base + ["--format", "json"])
        assert as_json.exit_code == 0 and all(json.loads(line) for line in as_json.stdout.splitlines())
    # a spelling the knowledge base knows is the same speaker; one it does not is an error
    assert runner.invoke(app, ["timeline", "Zelenskyy", *base, "--format", "json"]).stdout == \
        runner.invoke(app, ["timeline", "Zelensky", *base, "--format", "json"]).stdout
    unknown = runner.invoke(app, ["timeline", "Zelenskky", *base])
    assert unknown.exit_code == 2 and "E901" in unknown.output and "Volodymyr Zelensky" in unknown.output
    nothing = runner.invoke(app, ["positions", "--topic", "quantum chromodynamics", *base])
    assert nothing.exit_code == 0 and "No claim matches" in nothing.output
    assert "Traceback" not in unknown.output + nothing.output


def test_a_wire_copy_republished_weeks_later_is_no_new_claim(tmp_path):
    original = json.loads(LINES[URL["https://example.org/a1"]])
    text = original["text"].replace("KYIV, Nov 25 (Wire One) - ", "By Late Wire staff\n\n")
    late = dict(original, url="https://late.example/a1", outlet="Late Wire", published="2023-12-15",
                title="Negotiator: Johnson told Kyiv to fight on", text=text.replace("Reporting by Wire One staff.", ""))
    feed = tmp_path / "late.jsonl"
    feed.write_text(json.dumps(original) + "\n" + json.dumps(late) + "\n", encoding="utf-8")
    db = tmp_path / "late.duckdb"
    with Corpus(db) as corpus:
        corpus.ingest(feed)
        claims = corpus.claims(actor="Arakhamia", limit=None)
    assert all(c["said"]["value"] != "2023-12-15" for c in claims)
    fighting = [c for c in claims if "keep fighting" in c["content"]][0]
    assert {r["outlet"] for r in fighting["reports"]} == {"Wire One", "Late Wire"}
    assert fighting["distinct_reports"] == 1


def test_a_record_left_behind_is_caught_up_by_the_next_ingest(tmp_path):
    db = tmp_path / "behind.duckdb"
    feed = _write(tmp_path / "one.jsonl", [0])
    from communique.pipeline import ingest_paths
    from communique.settings import Settings

    ingest_paths([feed], db, Settings(corpus_record=False))  # stored, not recorded
    summary = ingest_paths([feed], db, Settings())  # nothing new to store
    assert summary.already_present == 1 and summary.record is not None and summary.record.articles == 1
    assert _claims(db)


def test_record_questions_refuse_bad_limits_and_blank_actors(corpus_db, tmp_path):
    runner = CliRunner()
    base = ["--db", str(corpus_db)]
    for command in (["network", "--limit", "-5"], ["positions", "--topic", "talks", "--limit", "0"],
                    ["claims", "--limit", "0"]):
        result = runner.invoke(app, command + base)
        assert result.exit_code == 2 and "E306" in result.output, (command, result.output)
    for command in (["timeline", ""], ["network", "--actor", " "], ["network", "--actor", "Zzyzx"]):
        result = runner.invoke(app, command + base)
        assert result.exit_code == 2 and "E901" in result.output, (command, result.output)
    result = runner.invoke(app, ["network", *base, "--format", "graphml"])
    assert result.exit_code == 2 and "E905" in result.output and "graphml" in result.output
    empty = tmp_path / "empty.parquet"
    result = runner.invoke(app, ["network", *base, "--relation", "no such relation", "--format", "parquet",
                                 "--out", str(empty)])
    assert result.exit_code == 0
    import pyarrow.parquet as pq

    assert "source" in pq.read_schema(empty).names


def test_an_answer_from_a_wire_copy_says_so(corpus_db):
    arakhamia = [c for c in _claims(corpus_db, actor="Arakhamia") if "keep fighting" in c["content"]][0]
    for answer in arakhamia["answers"]:
        assert {"duplicate", "duplicate_of"} <= set(answer)
    johnson = _claims(corpus_db, claim=arakhamia["answers"][0]["claim"])[0]
    assert johnson["answers_to"][0]["speaker"] == "David Arakhamia"


def test_rebuild_gives_the_same_record_as_an_ingest_in_date_order(tmp_path):
    by_date = sorted(range(len(LINES)), key=lambda i: json.loads(LINES[i])["published"])
    ordered, shuffled = tmp_path / "ordered.duckdb", tmp_path / "shuffled.duckdb"
    with Corpus(ordered) as corpus:
        corpus.ingest(_write(tmp_path / "ordered.jsonl", by_date))
    with Corpus(shuffled) as corpus:
        for i in reversed(by_date):  # newest first, one ingest each
            corpus.ingest(_write(tmp_path / f"one-{i}.jsonl", [i]))
        corpus.update_record(rebuild=True)

    def grouping(db):
        return sorted(sorted((r["article"], r["statement"]) for r in c["reports"]) for c in _claims(db, limit=None))

    assert grouping(shuffled) == grouping(ordered)


def test_the_record_does_not_depend_on_the_ingest_batches(tmp_path):
    # one article per batch, in the file's order (not the order of publication), and one batch
    # for all: the record is built once, oldest article first, so both give the same rows
    from communique.pipeline import ingest_paths
    from communique.settings import Settings

    rows = {}
    for size in (1, 64):
        db_path = tmp_path / f"batch{size}.duckdb"
        ingest_paths([FIXTURE], db_path, Settings(batch_size=size))
        with Database(db_path, read_only=True) as db:
            rows[size] = {
                table: db.connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("claims", "claim_reports", "claim_targets", "answers", "duplicates")
            }
    assert rows[1]["claims"] and rows[1] == rows[64]
