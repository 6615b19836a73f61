"""The database: round trip, offsets, idempotence, global actors, failures, open errors."""

from __future__ import annotations

import duckdb
import pytest
from store_samples import build_article

from communique.errors import Code, StoreError
from communique.model import Actor, Article, Failure
from communique.store import Database


def test_article_reads_back_exactly_as_stored(db_path, article):
    with Database(db_path) as db:
        assert db.add(article) is True
        assert db.contains(article.id)
    # After closing and reopening (so it really came from the file).
    with Database(db_path, read_only=True) as db:
        assert db.get_article(article.id) == article.to_dict()


def test_missing_article_reads_back_as_none(db_path):
    with Database(db_path) as db:
        assert db.get_article("0" * 20) is None
        assert not db.contains("0" * 20)


def test_an_unannotated_article_round_trips_too(db_path):
    bare = Article(text="Nothing was said.")
    with Database(db_path) as db:
        db.add(bare)
        assert db.get_article(bare.id) == bare.to_dict()


def test_offsets_are_python_indices_in_python_and_in_sql(db_path, article):
    with Database(db_path) as db:
        db.add(article)
        conn = db.connection
        text = conn.execute("SELECT text FROM articles").fetchone()[0]
        mentions = conn.execute('SELECT "start", "end", text FROM mentions ORDER BY "index"').fetchall()
        assert [text[s:e] for s, e, _ in mentions] == [m for _, _, m in mentions] == ["Łukaszenka", "Kyiv"]
        # The SQL macro gives the same words, despite the emoji before "Kyiv".
        in_sql = conn.execute(
            'SELECT span_text(a.text, m."start", m."end") FROM mentions m '
            'JOIN articles a ON a.id = m.article_id ORDER BY m."index"'
        ).fetchall()
        assert [row[0] for row in in_sql] == ["Łukaszenka", "Kyiv"]
        spans = conn.execute("SELECT content_spans FROM statements WHERE \"index\" = 0").fetchone()[0]
        assert [text[s:e] for s, e in spans] == ["that talks in Minsk had failed", "he warned Kyiv"]
        boilerplate = db.get_article(article.id)["boilerplate"]
        assert [text[s:e] for s, e in boilerplate] == ["FILE PHOTO: © Reuters"]


def test_adding_the_same_article_again_is_a_no_op(db_path, article):
    with Database(db_path) as db:
        assert db.add(article) is True
        before = db.counts()
        assert db.add(article) is False
        assert db.add(build_article()) is False  # same text, new object: same id
        assert db.counts() == before
    with Database(db_path) as db:
        assert db.add(article) is False
        assert db.counts() == before
    assert before["articles"] == 1 and before["statements"] == 2 and before["mentions"] == 2


def test_add_many_stores_a_batch_and_skips_repeats(db_path):
    first, second = build_article(" One."), build_article(" Two.")
    with Database(db_path) as db:
        db.add(first)
        assert db.add_many([first, second, second, build_article(" Three.")]) == [False, True, False, True]
        counts = db.counts()
        assert counts["articles"] == 3
        assert counts["statements"] == 6
        for a in (first, second):
            assert db.get_article(a.id) == a.to_dict()


def test_a_bad_article_fails_alone_and_leaves_nothing_behind(db_path):
    good = build_article(" Good.")
    bad = build_article(" Bad.", published="last Tuesday")
    with Database(db_path) as db:
        results = db.add_many([good, bad])
        assert results[0] is True
        assert isinstance(results[1], StoreError) and results[1].code is Code.E202
        # The reason says what is wrong; the caller (a failures row, a summary line) names the item.
        assert "last Tuesday" in results[1].reason and "aBad" not in results[1].reason
        with pytest.raises(StoreError, match=r"\[E202\]"):
            db.add(bad)
        assert not db.contains(bad.id)
        assert db.counts()["articles"] == 1
        orphans = db.connection.execute(
            "SELECT count(*) FROM statements WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0


def test_a_database_error_mid_batch_keeps_the_good_articles(db_path):
    """An error DuckDB raises (not one caught while converting) falls back to one-by-one."""
    good = build_article(" Fine.")
    # A geonameid too large for BIGINT only fails when Arrow/DuckDB see it.
    bad = build_article(" Huge.")
    bad.places[0].geonameid = 2**70
    with Database(db_path) as db:
        results = db.add_many([good, bad])
        assert results[0] is True and isinstance(results[1], StoreError)
        assert db.contains(good.id) and not db.contains(bad.id)
        assert db.counts()["places"] == 1


def test_actors_are_global_and_each_article_keeps_its_own_list(db_path):
    first = build_article(" One.")
    second = build_article(" Two.")
    # The second article knows the Wikidata id the first lacked, and calls the actor otherwise.
    second.actors[1] = Actor("UKRGOV", "Ukrainian government", "government", "UKR", "Q1363410", "GOV")
    third = build_article(" Three.")
    third.actors[1] = Actor("UKRGOV", "Ukraine", "government", None, "Q999", None)
    with Database(db_path) as db:
        db.add(first)
        # Upsert against the stored row, and within one batch.
        assert db.add_many([second, third]) == [True, True]
        actors = db.connection.execute("SELECT id, name, wikidata FROM actors ORDER BY id").fetchall()
        # One row per actor; the first name stays, the missing Wikidata id is filled in.
        assert actors == [
            ("Q481", "Alexander Lukashenko", "Q481"),
            ("UKRGOV", "Government of Ukraine", "Q1363410"),
        ]
        assert db.get_article(first.id)["actors"] == first.to_dict()["actors"]
        assert db.get_article(second.id)["actors"] == second.to_dict()["actors"]
        assert db.get_article(third.id)["actors"] == third.to_dict()["actors"]
        country = db.connection.execute("SELECT country FROM actors WHERE id = 'UKRGOV'").fetchall()
        assert country == [("UKR",)]


def test_child_rows_need_their_article(db_path, article):
    with Database(db_path) as db:
        db.add(article)
        with pytest.raises(duckdb.ConstraintException):
            db.connection.execute(
                "INSERT INTO times (article_id, \"index\", text, \"start\", \"end\", type) "
                "VALUES ('no-such-article', 0, 'x', 0, 1, 'DATE')"
            )


def test_failures_are_recorded_once_per_source_and_code(db_path):
    with Database(db_path) as db:
        db.add_failure(Failure("bad.txt", "[E002] file is empty", "E002"))
        db.add_failure(Failure("bad.txt", "[E002] file is empty (again)", "E002"))
        db.add_failure(Failure("bad.txt", "[E015] cannot read file (denied)", "E015"))
        db.add_failure(Failure("fr.txt", "[E013] language is 'fr', not English: skipped", "E013", "skipped"))
    with Database(db_path) as db:
        rows = db.connection.execute(
            "SELECT source, code, status, reason FROM failures ORDER BY source, code"
        ).fetchall()
        assert rows == [
            ("bad.txt", "E002", "failed", "[E002] file is empty (again)"),
            ("bad.txt", "E015", "failed", "[E015] cannot read file (denied)"),
            ("fr.txt", "E013", "skipped", "[E013] language is 'fr', not English: skipped"),
        ]
        undated = db.connection.execute("SELECT count(*) FROM failures WHERE recorded_at IS NULL")
        assert undated.fetchone()[0] == 0


def test_storing_an_article_clears_the_failures_of_its_source(db_path):
    fixed = build_article(" Fixed.")  # source corpus/aFixed..txt
    with Database(db_path) as db:
        db.add_failures(
            [
                Failure(fixed.source, "[E102] analysis failed (boom)", "E102"),
                Failure(fixed.source, "[E003] file looks binary, not text (NUL byte)", "E003"),
                Failure(fixed.source, "[E013] language is 'fr', not English: skipped", "E013", "skipped"),
                Failure("other.txt", "[E002] file is empty", "E002"),
            ]
        )
        assert db.add_many([fixed]) == [True]
        rows = db.connection.execute("SELECT source, code FROM failures ORDER BY source, code").fetchall()
    # The failed rows of the stored item go with the same transaction; a skip and other items stay.
    assert rows == [(fixed.source, "E013"), ("other.txt", "E002")]


def test_clear_failures_removes_only_failed_rows_of_those_sources(db_path):
    with Database(db_path) as db:
        db.add_failures([Failure(name, "[E002] file is empty", "E002") for name in ("a.txt", "b.txt")])
        db.clear_failures(["a.txt", "c.txt"])
        db.clear_failures([])
        assert db.connection.execute("SELECT source FROM failures").fetchall() == [("b.txt",)]


def test_present_answers_for_a_whole_batch(db_path):
    stored, missing = build_article(" One."), build_article(" Two.")
    with Database(db_path) as db:
        db.add(stored)
        assert db.present([stored.id, missing.id]) == {stored.id}
        assert db.present([]) == set()


def test_read_only_open_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"\[E201\].*missing\.duckdb.*no such file"):
        Database(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match=r"\[E201\]"):
        Database(path)


def test_a_database_of_another_schema_version_is_refused(db_path):
    with Database(db_path) as db:
        db.connection.execute("UPDATE communique_meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"\[E203\].*999"):
        Database(db_path)


def test_a_plain_duckdb_file_is_not_mistaken_for_a_communique_database(db_path):
    conn = duckdb.connect(str(db_path))
    conn.execute("CREATE TABLE other (x INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match=r"\[E201\]|\[E203\]"):
        Database(db_path, read_only=True)
    # A writer adds the communique tables next to the existing ones.
    with Database(db_path) as db:
        assert db.counts()["articles"] == 0


def test_a_version_2_database_gains_the_place_role_columns(db_path, article):
    # A database written before places had a role: the columns are added on opening for
    # writing, and its places (all literal then) read back as literal.
    with Database(db_path) as db:
        db.add(article)
        db.connection.execute("ALTER TABLE places DROP COLUMN actor")
        db.connection.execute("ALTER TABLE places DROP COLUMN role")
        db.connection.execute("UPDATE communique_meta SET value = '2' WHERE key = 'schema_version'")
    with Database(db_path) as db:
        assert [p["role"] for p in db.get_article(article.id)["places"]] == ["literal"]
        db.connection.execute("UPDATE places SET role = NULL")
        assert db.get_article(article.id) == article.to_dict()
