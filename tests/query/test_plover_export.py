"""``--format plover``: events as PLOVER records (issue #18), from the database and from analyze."""

from __future__ import annotations

import io
import json

import pytest
from conftest import RUSSIA, UKRAINE
from typer.testing import CliRunner

from communique.cli.main import app
from communique.errors import UsageError
from communique.model import Article, Event, Place, Role
from communique.query import export
from communique.query.plover import ACTOR_FIELDS, LOCATION_FIELDS, RECORD_FIELDS, article_records
from communique.store import Database

# The fields of a PLOVER record (PLOVER gold-standard records, PLOVER_GSR_CAMEO)
PLOVER_FIELDS = {
    "id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "eventLoc",
    "publication", "url", "language",
}


def validate(record: dict) -> None:
    """The field list of a PLOVER record, with the types each field must have."""
    assert set(record) == PLOVER_FIELDS == set(RECORD_FIELDS)
    assert isinstance(record["id"], str) and record["event"]
    assert isinstance(record["mode"], str) and isinstance(record["context"], list)
    for role in ("source", "target"):
        assert isinstance(record[role], list)
        for actor in record[role]:
            assert set(ACTOR_FIELDS) <= set(actor) <= {*ACTOR_FIELDS, "wikidata"}
    if record["eventLoc"] is not None:
        assert set(record["eventLoc"]) == set(LOCATION_FIELDS)
    assert record["eventText"] in record["text"]


def _with_two_actors_and_a_place(db):
    text = "Kyiv and Moscow held talks in Istanbul. Nothing else happened."
    kyiv, moscow, talks, istanbul = (text.index(w) for w in ("Kyiv", "Moscow", "talks", "Istanbul"))
    members = [
        Role.from_spans(text, [(kyiv, kyiv + 4)], name="Government of Ukraine", actor="UKRGOV"),
        Role.from_spans(text, [(moscow, moscow + 6)], name="Government of Russia", actor="RUSGOV"),
    ]
    article = Article(
        text=text, published="2024-09-02", source="d.txt", outlet="Wire", url="https://example.org/d",
        language="en", actors=[UKRAINE, RUSSIA],
        places=[Place("Istanbul", istanbul, istanbul + 8, "Istanbul", 745044, 41.01, 28.95, "TUR", "city")],
        events=[Event(
            type="CONSULT", mode="meet", context=["diplomatic"], cameo="04",
            source=Role.from_spans(text, [(kyiv, moscow + 6)], name="Government of Ukraine and Government of Russia",
                                   members=members),
            trigger=Role.from_spans(text, [(talks, talks + 5)]), place=0,
        )],
    )
    assert db.add(article)
    return article


def test_stored_events_export_as_plover_records(db, tmp_path):
    article = _with_two_actors_and_a_place(db)
    out = tmp_path / "events.jsonl"
    written = export(db, out, "plover", "events")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == len(records) >= 3
    for record in records:
        validate(record)
    talks = next(r for r in records if r["event"] == "CONSULT")
    assert [a["actorText"] for a in talks["source"]] == ["Kyiv", "Moscow"]
    assert [a["code"] for a in talks["source"]] == ["UKR", "RUS"]
    assert talks["eventLoc"] == {"name": "Istanbul", "geonamesID": 745044, "lat": 41.01, "lon": 28.95}
    assert talks["text"] == "Kyiv and Moscow held talks in Istanbul."
    assert talks["date"] == "2024-09-02" and talks["context"] == ["diplomatic"] and talks["mode"] == "meet"
    assert (talks["publication"], talks["url"], talks["language"]) == ("Wire", "https://example.org/d", "en")
    threat = next(r for r in records if r["event"] == "THREATEN")
    assert threat["source"] == [{"actorText": "He", "code": "BLR", "wikidata": "Q481"}]
    # the same records as an analysed article gives (analyze --format plover)
    assert [r for r in records if r["id"].startswith(article.id)] == list(article_records(article))


def test_plover_is_for_events_only(db):
    with pytest.raises(UsageError) as info:
        export(db, io.StringIO(), "plover", "statements")
    assert info.value.code.name == "E807"


def test_cli_export_and_analyze_write_plover(db, tmp_path):
    db.close()  # the CLI opens the file itself
    out = tmp_path / "plover.jsonl"
    result = CliRunner().invoke(app, ["export", "--format", "plover", "--table", "events", "--db", str(db.path),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    for line in out.read_text(encoding="utf-8").splitlines():
        validate(json.loads(line))


def test_analyze_format_plover(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russian troops attacked Ukrainian positions near Kharkiv on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "plover", "--published", "2024-08-18"])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    validate(record)
    assert record["event"] == "ASSAULT" and record["date"] == "2024-08-12"  # the event's own date: Monday
