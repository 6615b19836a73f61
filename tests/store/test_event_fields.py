"""The PLOVER event fields (issue #18) in the store: actors of a coordinated role, context, CAMEO
root; and a database of the version before them gains the columns when opened for writing."""

from __future__ import annotations

from store_samples import build_article

from communique.model import Event, Role
from communique.store import Database
from communique.store.schema import ADDED_COLUMNS


def _with_plover_fields():
    article = build_article(suffix=" Moscow and Kiev held talks.")
    text = article.text
    start = text.index("Moscow and Kiev")
    members = [
        Role.from_spans(text, [(start, start + 6)], name="Government of Russia", actor="GOV-RUS"),
        Role.from_spans(text, [(start + 11, start + 15)], name="Government of Ukraine", actor="GOV-UKR"),
    ]
    source = Role.from_spans(text, [(start, start + 15)], name="Government of Russia and Government of Ukraine",
                             members=members)
    talks = text.index("talks", start)
    article.events.append(
        Event(type="CONSULT", mode="meet", source=source, trigger=Role.from_spans(text, [(talks, talks + 5)]),
              context=["diplomatic"], cameo="04")
    )
    return article


def test_members_context_and_cameo_read_back(db_path):
    article = _with_plover_fields()
    with Database(db_path) as db:
        db.add(article)
    with Database(db_path, read_only=True) as db:
        stored = db.get_article(article.id)
    assert stored == article.to_dict()
    event = stored["events"][-1]
    assert [m["actor"] for m in event["source"]["members"]] == ["GOV-RUS", "GOV-UKR"]
    assert event["context"] == ["diplomatic"] and event["cameo"] == "04"


def test_a_version_2_database_gains_the_event_columns(db_path):
    article = build_article()
    with Database(db_path) as db:
        db.add(article)
        for column in ADDED_COLUMNS["events"]:
            db.connection.execute(f"ALTER TABLE events DROP COLUMN {column}")
        db.connection.execute("UPDATE communique_meta SET value = '2' WHERE key = 'schema_version'")
    with Database(db_path) as db:
        columns = {row[0] for row in db.connection.execute("DESCRIBE events").fetchall()}
        assert set(ADDED_COLUMNS["events"]) <= columns
        stored = db.get_article(article.id)
        assert all(e["context"] == [] and e["source"]["members"] == [] for e in stored["events"])
        db.add(_with_plover_fields())  # and new articles store their fields
