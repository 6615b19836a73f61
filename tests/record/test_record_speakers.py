"""Speaker keys: one speaker's several names in the corpus meet in one claim key."""

from __future__ import annotations

import datetime as dt

from communique.record import said, text
from communique.record.claims import ClaimIndex, Similarity
from communique.record.reports import Report
from communique.record.speakers import SpeakerBook, _Actor, keys_for_name

ACTORS = {
    a.id: a
    for a in (
        _Actor("Q180589", "Boris Johnson", "person", "GBR"),
        _Actor("local:johnson", "Johnson", "person", None),
        _Actor("local:ecowas", "Ecowas", "organisation", None),
        _Actor("GOV-RUS", "Government of Russia", "government", "RUS"),
        _Actor("MIL-RUS", "Russian military", "military", "RUS"),
        # one local id for every country's "Foreign Ministry": its country is the first one seen
        _Actor("local:foreign-ministry", "Foreign Ministry", "organisation", "RUS"),
        _Actor("local:defense-ministry", "Defense Ministry", "organisation", "RUS"),
        _Actor("Q7747", "Vladimir Putin", "person", "RUS"),
    )
}


def _report(article, speaker_name, speaker_text, actor=None, content="the talks were constructive"):
    day = dt.date(2022, 10, 29)
    return Report(
        article_id=article, index=0, speaker_name=speaker_name, speaker_actor=actor, speaker_text=speaker_text,
        cue="said", content=content, content_spans=[(0, len(content))], stance="assert", certainty="asserted",
        kind="indirect", parent=None, responds_to=None, said=said.said(None, "unknown", day), published=day,
        outlet=None, terms=text.terms(content),
    )


def _key(book, report):
    book.assign(report)
    return report.speaker_key


def test_a_bare_surname_is_the_one_known_person_of_that_name():
    book = SpeakerBook(ACTORS, {})
    report = _report("a", "Johnson", "who", "local:johnson")
    assert _key(book, report) == "Q180589"
    assert report.speaker_actor == "Q180589"


def test_a_surname_two_known_people_share_is_the_one_the_article_names():
    actors = dict(ACTORS, Q1="_", **{"Q2": _Actor("Q2", "Mike Johnson", "person", "USA")})
    del actors["Q1"]
    assert _key(SpeakerBook(actors, {"a": {"Q2"}}), _report("a", "Johnson", "who", "local:johnson")) == "Q2"
    assert _key(SpeakerBook(actors, {}), _report("a", "Johnson", "who", "local:johnson")) == "local:johnson"


def test_a_local_id_the_knowledge_base_knows_in_another_case_is_that_actor():
    assert _key(SpeakerBook(ACTORS, {}), _report("a", "Ecowas", "the bloc Ecowas", "local:ecowas")) == "ECOWAS"


def test_a_countrys_government_military_and_ministries_are_one_state():
    book = SpeakerBook(ACTORS, {})
    keys = {
        _key(book, _report("a", "Government of Russia", "Moscow", "GOV-RUS")),
        _key(book, _report("b", "Russian military", "the Russian military", "MIL-RUS")),
        _key(book, _report("c", "Defense Ministry", "The Defense Ministry", "local:defense-ministry")),
        _key(book, _report("d", "Foreign Ministry", "Russia's Foreign Ministry", "local:foreign-ministry")),
    }
    assert keys == {"state:RUS"}
    # the country the outlet names wins over the local id's
    assert _key(book, _report("e", "Foreign Ministry", "Armenia's Foreign Ministry", "local:foreign-ministry")) == "state:ARM"
    # a person of that state stays a speaker of their own
    assert _key(book, _report("f", "Vladimir Putin", "Putin", "Q7747")) == "Q7747"


def test_a_presidential_administration_speaks_for_its_state():
    actors = dict(ACTORS, **{"local:pa": _Actor("local:pa", "presidential administration", "organisation", None)})
    book = SpeakerBook(actors, {})
    assert _key(book, _report("a", "presidential administration", "Azerbaijan's presidential administration",
                              "local:pa")) == "state:AZE"


def test_a_name_a_user_types_stands_for_the_key_the_record_gives_that_speaker():
    # a ministry by any wording is its state, as the record keys its voices
    assert keys_for_name("Ministry of Defence of Russia") == {"state:RUS"}
    assert keys_for_name("Russian Defence Ministry") == {"state:RUS"}
    assert keys_for_name("Presidential Administration of Azerbaijan") == {"state:AZE"}
    # a person is their actor, whatever the accents
    assert keys_for_name("Recep Tayyip Erdogan") == {"Q39259"}
    # nobody the knowledge base knows: the query matches names as text
    assert keys_for_name("sources close to Zelensky") == frozenset()


def test_a_name_nobody_linked_is_the_actor_of_that_name_in_its_article():
    book = SpeakerBook(ACTORS, {"a": {"local:defense-ministry"}})
    assert _key(book, _report("a", "Defense Ministry", "it")) == "state:RUS"
    assert _key(book, _report("b", "Defense Ministry", "it")) == "name:defense ministry"


def test_a_common_noun_speaker_is_keyed_with_its_country_as_a_code():
    book = SpeakerBook(ACTORS, {})
    assert _key(book, _report("a", "Ukraine's negotiators", "Ukraine's negotiators")) == \
        _key(book, _report("b", "Ukrainian negotiators", "Ukrainian negotiators"))
    assert _key(book, _report("c", "he", "he")) is None


def test_one_communique_credited_to_the_military_and_to_the_ministry_is_one_claim():
    book = SpeakerBook(ACTORS, {})
    index = ClaimIndex([], Similarity())
    content = "it was suspending its participation in the Black Sea grain deal"
    first = _report("a", "Russian military", "Russian military", "MIL-RUS", content)
    second = _report("b", "Defense Ministry", "Russia's Defense Ministry", "local:defense-ministry", content)
    claims = set()
    for report in (first, second):
        book.assign(report)
        claims.add(index.add(report, text.weights(report.terms, {}, 10))[0].id)
    assert len(claims) == 1


def _compatriot(article, actor, country, content, day="2023-06-27"):
    published = dt.date.fromisoformat(day)
    report = Report(
        article_id=article, index=0, speaker_name=actor, speaker_actor=actor, speaker_text=actor, cue="said",
        content=content, content_spans=[(0, len(content))], stance="assert", certainty="asserted",
        kind="indirect", parent=None, responds_to=None, said=said.said(day, "expression", published),
        published=published, outlet=None, terms=text.terms(content),
    )
    report.speaker_country = country
    return report


def test_another_speaker_of_one_country_joins_only_in_near_the_same_words_and_days():
    index = ClaimIndex([], Similarity())
    first = _compatriot("a", "GOV-BLR", "BLR", "Wagner chief Yevgeny Prigozhin was in Saint Petersburg, not in Belarus")
    same = _compatriot("b", "LUKASHENKO", "BLR", "Prigozhin is in Saint Petersburg and not in Belarus")
    loose = _compatriot("c", "MAKEI", "BLR", "the fighters could stay at a camp near Asipovichy")
    foreign = _compatriot("d", "PESKOV", "RUS", "Prigozhin is in Saint Petersburg and not in Belarus")
    later = _compatriot("e", "TSIKHANOUSKAYA", "BLR", "Prigozhin is in Saint Petersburg and not in Belarus",
                        day="2023-07-20")
    claim = index.add(first, text.weights(first.terms, {}, 10))[0]
    assert index.add(same, text.weights(same.terms, {}, 10))[0] is claim
    for other in (loose, foreign, later):
        assert index.add(other, text.weights(other.terms, {}, 10))[0] is not claim


def test_a_record_keyed_by_an_older_version_is_rebuilt_once(tmp_path):
    from communique.record import update_record
    from communique.store import Database

    with Database(tmp_path / "old.duckdb") as db:
        conn = db.connection
        conn.execute("INSERT INTO articles (id, text) VALUES ('a1', 'Nothing said here.')")
        conn.execute("INSERT INTO record_articles (article_id) VALUES ('a1')")
        conn.execute("INSERT INTO claims (id, speaker_key, content) VALUES ('old', 'MIL-RUS', 'old key')")
        update_record(db)
        assert conn.execute("SELECT count(*) FROM claims").fetchall() == [(0,)]  # rebuilt: no statements
        assert conn.execute("SELECT count(*) FROM record_articles").fetchall() == [(1,)]
        conn.execute("INSERT INTO claims (id, speaker_key, content) VALUES ('new', 'state:RUS', 'kept')")
        update_record(db)
        assert conn.execute("SELECT id FROM claims").fetchall() == [("new",)]
