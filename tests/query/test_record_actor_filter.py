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
