"""Each extractor is a spaCy component: added by name to a plain spaCy pipeline, it writes its
results to ``Doc._.communique_*``; one that needs an earlier one says so (E040)."""

from __future__ import annotations

import pytest
import spacy

from communique.errors import UsageError
from communique.extract.components import article_from_doc, select
from communique.settings import DEFAULT_SPACY_MODEL

TEXT = (
    "Russian Foreign Minister Sergei Lavrov said on Monday in Moscow that talks with Ukraine "
    "would resume. Russian troops attacked Kharkiv on Sunday, Ukraine's army said."
)

# component -> (the components it is added after, what must be on the Doc once it ran)
CASES = {
    "times": ([], lambda doc: [t.text for t in doc._.communique_times] == ["Monday", "Sunday"]),
    "attribution": ([], lambda doc: any(s.speaker.text.endswith("Lavrov") for s in doc._.communique_statements)),
    "actors": ([], lambda doc: "Sergey Lavrov" in {a.name for a in doc._.communique_actors}),
    "places": ([], lambda doc: {"Moscow", "Kharkiv"} <= {p.name for p in doc._.communique_places}),
    "events": ([], lambda doc: "ASSAULT" in {e.type for e in doc._.communique_events}),
    "dating": (
        ["times", "attribution"],
        lambda doc: doc._.communique_dated
        and doc._.communique_statements[0].time.basis == "expression",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_extractor_is_a_component_of_a_plain_spacy_pipeline(name):
    nlp = spacy.load(DEFAULT_SPACY_MODEL)  # spaCy finds the factory by its entry point
    before, found = CASES[name]
    for earlier in before:
        nlp.add_pipe(f"communique_{earlier}")
    nlp.add_pipe(f"communique_{name}")
    doc = nlp(TEXT)
    assert found(doc)


def test_a_component_without_the_one_it_needs_says_which(nlp):
    bare = spacy.blank("en")
    bare.add_pipe("communique_dating")
    with pytest.raises(UsageError) as caught:
        bare("Talks resumed on Monday.")
    assert caught.value.code.name == "E040"
    assert "communique_times" in caught.value.reason


def test_the_article_is_built_from_the_doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("communique_times")
    doc = nlp("The talks resumed on Monday.")
    article = article_from_doc(doc)
    assert article.text == doc.text
    assert [t.text for t in article.times] == ["Monday"]
    assert doc._.communique_statements is None and article.statements == []  # not run, nothing set


def test_a_component_that_reads_more_goes_on_without_it(nlp):
    # actors links the speakers of statements when attribution ran, and works without it
    bare = spacy.blank("en")
    bare.add_pipe("communique_actors")
    doc = bare("Sergei Lavrov arrived.")
    assert "Sergey Lavrov" in {a.name for a in doc._.communique_actors}


NAMES = ["times", "attribution", "actors", "places", "events", "dating"]


def test_select_keeps_pipeline_order():
    assert select(NAMES, only=["attribution", "times"]) == ("times", "attribution")
    assert select(NAMES, without=["places"]) == ("times", "attribution", "actors", "events", "dating")
    assert select(NAMES) == tuple(NAMES)


@pytest.mark.parametrize(
    ("only", "without", "code", "words"),
    [
        (["attribution", "tims"], [], "E041", "'tims' (expected one of: times, attribution, actors, places, events, dating)"),
        ([], ["statements"], "E041", "'statements'"),
        (["times"], ["places"], "E042", "--only and --without"),
        (["dating"], [], "E043", "dating needs times"),
        ([], ["times"], "E043", "dating needs times"),
    ],
)
def test_a_bad_choice_of_extractors_is_a_usage_error(only, without, code, words):
    with pytest.raises(UsageError) as caught:
        select(NAMES, only, without)
    assert caught.value.code.name == code
    assert words in caught.value.reason
