"""Query filters on every table, the row order, and the usage errors."""

from __future__ import annotations

import pytest

from communique.errors import Code, UsageError
from communique.query import TABLES, query


def _titles(rows):
    return [row["title"] for row in rows]


def test_every_table_can_be_queried_and_rows_are_plain_json_values(db):
    assert set(TABLES) == {
        "articles", "statements", "events", "actors", "mentions", "times", "places", "failures",
    }
    counts = {table: len(query(db, table)) for table in TABLES}
    assert counts == {
        "articles": 3, "statements": 4, "events": 2, "actors": 5,
        "mentions": 4, "times": 2, "places": 0, "failures": 2,
    }
    article = query(db, "articles", article=db.connection.execute(
        "SELECT id FROM articles WHERE title = 'Zelensky answers'").fetchone()[0])[0]
    assert article["published"] == "2024-09-02" and article["boilerplate"] == []
    assert isinstance(article["ingested_at"], str)


def test_rows_come_by_publication_date_undated_last_then_index(db):
    assert _titles(query(db, "articles")) == ["Lukashenko warns Kyiv", "Zelensky answers", "Undated wire"]
    statements = query(db, "statements")
    assert [(s["published"], s["index"]) for s in statements] == [
        ("2024-08-18", 0), ("2024-08-18", 1), ("2024-09-02", 0), (None, 0),
    ]
    assert [a["name"] for a in query(db, "actors")] == [
        "Alexander Lukashenko", "Government of Russia", "Government of Ukraine",
        "Sergei Lavrov", "Volodymyr Zelensky",
    ]


def test_statement_offsets_give_the_words_in_the_article(db):
    texts = {a["id"]: a["text"] for a in query(db, "articles")}
    for row in query(db, "statements"):
        text = texts[row["article_id"]]
        assert text[row["content_start"]:row["content_end"]] == row["content_text"]
        assert [text[s:e] for s, e in row["speaker_spans"]] == [row["speaker_text"]]


def test_actor_filter_on_statements_matches_name_id_and_known_actor(db):
    # "The president" is found through its actor id's name; "He" through its canonical name.
    rows = query(db, "statements", actor="lukashenko")
    assert [r["speaker_text"] for r in rows] == ["The president", "He"]
    assert [r["speaker_text"] for r in query(db, "statements", actor="Q481")] == ["The president", "He"]
    # Zelensky's statement is *about* Lukashenko: not matched by the speaker filter.
    assert [r["speaker_name"] for r in query(db, "statements", actor="ZELENSKY")] == ["Volodymyr Zelensky"]
    assert query(db, "statements", actor="Putin") == []


def test_actor_filter_on_events_matches_source_or_target(db):
    assert [e["type"] for e in query(db, "events", actor="ukraine")] == ["THREATEN", "ASSAULT"]
    assert [e["type"] for e in query(db, "events", actor="RUSGOV")] == ["ASSAULT"]
    assert [e["type"] for e in query(db, "events", actor="lukashenko")] == ["THREATEN"]


def test_actor_filter_on_articles_times_and_mentions(db):
    assert _titles(query(db, "articles", actor="Lukashenko")) == ["Lukashenko warns Kyiv", "Zelensky answers"]
    assert _titles(query(db, "articles", actor="lavrov")) == ["Undated wire"]
    assert [t["text"] for t in query(db, "times", actor="zelensky")] == ["overnight"]
    assert [m["text"] for m in query(db, "mentions", actor="lukashenko")] == ["The president", "Lukashenko"]
    actors = query(db, "actors", actor="government")
    assert [a["id"] for a in actors] == ["RUSGOV", "UKRGOV"]
    assert [a["articles"] for a in actors] == [1, 2]


def test_date_range_is_inclusive_and_excludes_undated_articles(db):
    assert _titles(query(db, "articles", since="2024-08-18")) == ["Lukashenko warns Kyiv", "Zelensky answers"]
    assert _titles(query(db, "articles", until="2024-08-18")) == ["Lukashenko warns Kyiv"]
    assert _titles(query(db, "articles", since="2024-08-19", until="2024-09-01")) == []
    # A month or a year covers all of it.
    assert _titles(query(db, "articles", since="2024-09", until="2024-09")) == ["Zelensky answers"]
    assert len(query(db, "statements", since="2024", until="2024")) == 3
    # Actors seen in an article of the range.
    assert [a["id"] for a in query(db, "actors", until="2024-08-31")] == ["Q481", "UKRGOV"]


def test_article_filter_takes_an_id_or_a_prefix(db, corpus):
    august = corpus[2]
    assert len(query(db, "statements", article=august.id)) == 2
    assert len(query(db, "statements", article=august.id[:8])) == 2
    assert query(db, "statements", article="zzzz") == []
    assert {a["id"] for a in query(db, "actors", article=august.id)} == {"Q481", "UKRGOV"}


def test_text_search_is_case_insensitive_and_literal(db):
    assert [r["content_text"] for r in query(db, "statements", text="NEGOTIATE")] == ["Kyiv must negotiate"]
    # '%' is a plain character, not a wildcard.
    assert [r["content_text"] for r in query(db, "statements", text="100%")] == ["Kyiv of 100% failure"]
    assert query(db, "statements", text="1%0") == []
    assert _titles(query(db, "articles", text="talks were over")) == ["Undated wire"]
    assert [e["type"] for e in query(db, "events", text="struck")] == ["ASSAULT"]
    assert [f["source"] for f in query(db, "failures", text="english")] == ["fr.txt"]


def test_filters_combine_and_limit_cuts(db):
    # The cue is searched too; each filter narrows the others.
    rows = query(db, "statements", actor="lukashenko", text="warned", since="2024-08-01")
    assert [r["content_text"] for r in rows] == ["Kyiv of 100% failure"]
    assert query(db, "statements", actor="lukashenko", text="warned", since="2024-09") == []
    assert query(db, "statements", actor="zelensky", text="warned") == []
    assert len(query(db, "statements", limit=2)) == 2


def test_failures_table_lists_failed_and_skipped_items(db):
    rows = query(db, "failures")
    assert {(r["source"], r["code"], r["status"]) for r in rows} == {
        ("empty.txt", "E002", "failed"), ("fr.txt", "E013", "skipped"),
    }
    assert query(db, "failures", since="2000-01-01") == rows
    assert query(db, "failures", until="2000-01-01") == []


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"table": "speakers"}, Code.E302),
        ({"table": "failures", "actor": "x"}, Code.E304),
        ({"table": "failures", "article": "abc"}, Code.E304),
        ({"table": "articles", "since": "18/08/2024"}, Code.E305),
        ({"table": "articles", "until": "2024-02-30"}, Code.E305),
        ({"table": "articles", "limit": 0}, Code.E306),
    ],
)
def test_bad_requests_are_usage_errors(db, kwargs, code):
    table = kwargs.pop("table")
    with pytest.raises(UsageError) as info:
        query(db, table, **kwargs)
    assert info.value.code is code
    assert info.value.reason.startswith(f"[{code.name}]")
