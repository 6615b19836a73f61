"""The record's actor filter: a claim belongs to every speaker its reports name, not only to the
speaker of the report that started it (the record joins one speaker's spellings and a state's
several voices into one claim)."""

from __future__ import annotations

from communique.query.record import RecordFilters, timeline
from communique.store import Database


def test_a_timeline_lists_a_claim_that_another_spelling_of_the_speaker_started(tmp_path):
    with Database(tmp_path / "record.duckdb") as db:
        conn = db.connection
        conn.execute(
            "INSERT INTO claims (id, speaker_key, speaker_name, speaker_actor, said_value, said_basis, said_start, "
            "said_end, content) VALUES ('c1', 'kb:tchiani', 'Abdourahamane Tchiani', 'kb:tchiani', '2023-08-19', "
            "'expression', DATE '2023-08-19', DATE '2023-08-19', 'a transition of no more than three years')"
        )
        for index, name, actor in ((0, "Abdourahamane Tchiani", "kb:tchiani"), (1, "Abdourahamane Tiani", "local:tiani")):
            conn.execute("INSERT INTO articles (id, text) VALUES (?, '')", [f"a{index}"])
            conn.execute(
                'INSERT INTO statements (article_id, "index", speaker_name, speaker_actor) VALUES (?, ?, ?, ?)',
                [f"a{index}", index, name, actor],
            )
            conn.execute("INSERT INTO claim_reports (article_id, statement, claim_id) VALUES (?, ?, 'c1')",
                         [f"a{index}", index])
        assert [c["id"] for c in timeline(db, "Abdourahamane Tiani")] == ["c1"]
        where, params = RecordFilters("local:tiani").where()
        assert conn.execute(f"SELECT id FROM claims c WHERE {where}", params).fetchall() == [("c1",)]


def _claim(conn, claim_id, key, name, actor):
    conn.execute(
        "INSERT INTO claims (id, speaker_key, speaker_name, speaker_actor, said_value, said_basis, said_start, "
        "said_end, content) VALUES (?, ?, ?, ?, '2022-10-29', 'expression', DATE '2022-10-29', DATE '2022-10-29', "
        "'the grain deal is suspended')",
        [claim_id, key, name, actor],
    )


def test_a_timeline_finds_a_speaker_by_a_name_without_its_accents(tmp_path):
    with Database(tmp_path / "record.duckdb") as db:
        _claim(db.connection, "c1", "Q39259", "Recep Tayyip Erdoğan", "Q39259")
        assert [c["id"] for c in timeline(db, "Recep Tayyip Erdogan")] == ["c1"]
        assert [c["id"] for c in timeline(db, "erdogan")] == ["c1"]


def test_a_timeline_of_a_ministry_lists_its_states_claims(tmp_path):
    # the record keys a country's government, military and ministries as one state
    # (record/speakers.py), whatever name the outlet gave the ministry
    with Database(tmp_path / "record.duckdb") as db:
        _claim(db.connection, "c1", "state:RUS", "Russian military", "MIL-RUS")
        _claim(db.connection, "c2", "state:UKR", "Government of Ukraine", "GOV-UKR")
        assert [c["id"] for c in timeline(db, "Ministry of Defence of Russia")] == ["c1"]
