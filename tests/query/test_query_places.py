"""``query places``: every mention is stored with its role; ``literal_only`` keeps the ground."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli.main import app
from communique.errors import UsageError
from communique.model import Article, Place
from communique.query import query
from communique.store import Database

TEXT = "Moscow said the talks in Minsk were useful, the Russian envoy added."


@pytest.fixture
def places_db(tmp_path):
    def at(word: str) -> tuple[int, int]:
        return TEXT.index(word), TEXT.index(word) + len(word)

    article = Article(text=TEXT, places=[
        Place("Moscow", *at("Moscow"), "Moscow", 524901, 55.75, 37.62, "RUS", "city",
              role="metonymic", actor="GOV-RUS"),
        Place("Minsk", *at("Minsk"), "Minsk", 625144, 53.9, 27.57, "BLR", "city"),
        Place("Russian", *at("Russian"), "Russia", 2017370, 60.0, 100.0, "RUS", "country",
              role="demonym"),
    ])
    path = tmp_path / "places.duckdb"
    with Database(path) as db:
        db.add(article)
        assert db.get_article(article.id)["places"] == [p.to_dict() for p in article.places]
    return path


def test_every_role_is_stored_and_literal_only_keeps_the_ground(places_db):
    with Database(places_db, read_only=True) as db:
        rows = query(db, "places")
        assert [(r["text"], r["role"], r["actor"]) for r in rows] == [
            ("Moscow", "metonymic", "GOV-RUS"), ("Minsk", "literal", None),
            ("Russian", "demonym", None)]
        assert [r["text"] for r in query(db, "places", literal_only=True)] == ["Minsk"]
        with pytest.raises(UsageError, match="E304"):
            query(db, "statements", literal_only=True)


def test_literal_only_on_the_command_line(places_db):
    result = CliRunner().invoke(app, ["query", "places", "--db", str(places_db), "--literal-only",
                                      "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Minsk"]
