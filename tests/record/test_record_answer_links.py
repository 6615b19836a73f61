"""Answers linked by a record update over stored statements (no spaCy: the rows are written by
hand, as the extract stage would leave them): the update loads the claims an answer can answer
and tells the score which statements are nested with it."""

from __future__ import annotations

from communique.record.update import update_record
from communique.store import Database


def _article(conn, article_id, published, text):
    conn.execute("INSERT INTO articles (id, published, text) VALUES (?, ?, ?)", [article_id, published, text])


def _statement(conn, article_id, index, text, content, speaker, actor=None, parent=None):
    start = text.index(content)
    conn.execute(
        'INSERT INTO statements (article_id, "index", speaker_name, speaker_actor, speaker_text, cue_text, '
        "content_text, content_spans, kind, stance, certainty, parent) "
        "VALUES (?, ?, ?, ?, ?, 'said', ?, ?, 'indirect', 'assert', 'asserted', ?)",
        [article_id, index, speaker, actor, speaker, content, [[start, start + len(content)]], parent],
    )


def _report(conn, article_id, published, speaker, actor, content, cue="said"):
    """An article that reports one statement: "SPEAKER CUE CONTENT." Returns its text."""
    text = f"{speaker} {cue} {content}."
    _article(conn, article_id, published, text)
    _statement(conn, article_id, 0, text, content, speaker, actor)
    return text


def _mention(conn, article_id, index, text, words, actor):
    start = text.index(words)
    conn.execute('INSERT INTO mentions (article_id, "index", actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                 [article_id, index, actor, start, start + len(words), words])


def _answered(conn, article_id, index):
    """The first article and statement of the claim the statement answers, or None."""
    found = conn.execute(
        "SELECT c.first_article, c.first_statement FROM answers x JOIN claims c ON c.id = x.claim_id "
        "WHERE x.article_id = ? AND x.statement = ?", [article_id, index],
    ).fetchall()
    return found[0] if found else None


def test_an_answerer_of_no_known_country_finds_the_claim_by_its_words(tmp_path):
    with Database(tmp_path / "answers.duckdb") as db:
        conn = db.connection
        conn.execute("INSERT INTO actors (id, name, type, country) VALUES ('Q1', 'Mateusz Morawiecki', 'person', 'POL')")
        _report(conn, "a", "2022-09-27", "Mateusz Morawiecki", "Q1",
                "the damage to the Nord Stream pipelines was an act of sabotage")
        _report(conn, "b", "2022-09-28", "Mateusz Morawiecki", "Q1", "gas prices would rise this winter")
        # a Swedish prosecutor: an actor, of no country the store knows
        _report(conn, "c", "2022-11-18", "Mats Ljungqvist", "local:mats-ljungqvist",
                "investigators confirmed the damage to the Nord Stream pipelines was sabotage")
        update_record(db)
        assert _answered(conn, "c", 0) == ("a", 0)


def test_an_answer_is_not_linked_to_the_saying_it_quotes(tmp_path):
    with Database(tmp_path / "answers.duckdb") as db:
        conn = db.connection
        conn.execute("INSERT INTO actors (id, name, type, country) VALUES ('GOV-USA', 'Government of the United "
                     "States', 'government', 'USA'), ('local:hersh', 'Seymour Hersh', 'person', 'USA')")
        _report(conn, "a", "2023-02-08", "Seymour Hersh", "local:hersh",
                "U.S. Navy divers had planted explosives on the Nord Stream pipelines", cue="wrote that")
        quoted = "the United States was behind the explosions on the Nord Stream pipelines"
        answer = f"there was no truth in a blog post by Seymour Hersh that said {quoted}"
        text = f"The White House said {answer}."
        _article(conn, "b", "2023-02-09", text)
        _statement(conn, "b", 0, text, answer, "Government of the United States", "GOV-USA")
        _statement(conn, "b", 1, text, quoted, "blog post", parent=0)
        _mention(conn, "b", 0, text, "Seymour Hersh", "local:hersh")
        _mention(conn, "b", 1, text, "United States", "GOV-USA")
        update_record(db)
        assert _answered(conn, "b", 0) == ("a", 0)
