"""``/search``: ranked full-text search over statement contents and article titles (the record's
search index), its filters, its pages, and queries that look like SQL."""

from __future__ import annotations

import pytest

from communique.record.text import terms
from communique.store import Database


def _search(client, **params):
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _holds(hit, word):
    stem = terms(word)[0]
    return any(stem in terms(hit[field] or "") for field in ("speaker", "content", "title"))


def test_results_hold_every_word_stemmed_and_are_ranked(client):
    found = _search(client, q="negotiate", size=50)  # the stem finds "negotiations", "negotiator"
    assert found["terms"] == ["negoti"] and found["total"] == len(found["results"]) >= 5
    assert all(_holds(hit, "negotiate") for hit in found["results"])
    scores = [hit["score"] for hit in found["results"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    both = _search(client, q="Putin talks", size=50)["results"]
    assert both and all(_holds(hit, "Putin") and _holds(hit, "talks") for hit in both)


def test_a_speakers_name_finds_what_they_said_where_the_content_never_names_them(client):
    found = _search(client, q="Johnson", size=200)["results"]
    said = [h for h in found if h["speaker"] == "Boris Johnson" and "johnson" not in terms(h["content"] or "")]
    assert said  # e.g. "he denied the accusation": his name is only the speaker's


def test_a_word_in_the_content_outranks_the_same_word_only_in_the_title(client):
    results = _search(client, q="Istanbul", size=50)["results"]
    in_content = [h["score"] for h in results if "istanbul" in terms(h["content"] or "")]
    title_only = [h["score"] for h in results if "istanbul" not in terms(h["content"] or "")]
    assert in_content and title_only and min(in_content) > max(title_only)


def test_rarer_words_weigh_more(client):
    # "Istanbul" is rarer in the fixture than "Russia": a statement holding both ranks above
    # a statement holding only Russia, and its score is above Russia's alone
    russia = {(h["article"], h["statement"]): h["score"] for h in _search(client, q="Russia", size=200)["results"]}
    both = _search(client, q="Russia Istanbul", size=200)["results"]
    assert both and all(h["score"] > russia[(h["article"], h["statement"])] for h in both)


@pytest.mark.parametrize("name, value, check", [
    ("actor", "Johnson", lambda h: h["speaker"] == "Boris Johnson"),
    ("outlet", "wire one", lambda h: h["outlet"] == "Wire One"),
    ("since", "2024-01-01", lambda h: h["published"] >= "2024-01-01"),
    ("until", "2023-12", lambda h: h["published"] <= "2023-12-31"),
    ("stance", "assert", lambda h: h["stance"] == "assert"),
    ("certainty", "denied", lambda h: h["certainty"] == "denied"),
])
def test_filters_narrow_the_results(client, name, value, check):
    everything = _search(client, q="Johnson", size=200)
    narrowed = _search(client, q="Johnson", size=200, **{name: value})
    assert 0 < narrowed["total"] < everything["total"]
    assert all(check(hit) for hit in narrowed["results"])


def test_pages_are_disjoint_and_cover_the_ranking(client):
    whole = _search(client, q="Russia", size=200)
    pages = [_search(client, q="Russia", size=3, offset=offset) for offset in range(0, whole["total"], 3)]
    assert all(page["total"] == whole["total"] for page in pages)
    keys = [(h["article"], h["statement"]) for page in pages for h in page["results"]]
    assert keys == [(h["article"], h["statement"]) for h in whole["results"]]
    past = _search(client, q="Russia", size=3, offset=whole["total"] + 3)
    assert past["results"] == [] and past["total"] == whole["total"]


@pytest.mark.parametrize("query", ["' OR 1=1 --", "100%_", '"; DROP TABLE articles; --', "x') UNION SELECT 1 --",
                                   "\\", "%", "*"])
def test_sql_metacharacters_are_just_text(client, web_db, query):
    found = _search(client, q=query)
    assert found["total"] == 0 and found["results"] == []
    assert client.get("/search", params={"q": query}).status_code == 200
    with Database(web_db, read_only=True) as db:
        assert db.counts()["articles"] == 8


def test_stop_words_alone_match_as_a_substring(client):
    found = _search(client, q="the")  # no content term: a plain substring match instead
    assert found["terms"] == [] and found["total"] > 0
    assert all("the" in (h["content"] or "").lower() or "the" in (h["title"] or "").lower() for h in found["results"])
