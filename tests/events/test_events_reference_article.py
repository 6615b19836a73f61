"""End to end on the reference article (examples/lukashenko-istanbul-talks.txt, 2024-08-18)."""

from __future__ import annotations

import pytest

import communique
from communique.extract.events import EventCoder
from communique.nlp import load_pipeline, make_doc
from communique.settings import Settings


@pytest.fixture(scope="module")
def article(example_text):
    settings = Settings()
    analyzed = communique.analyze(example_text, published="2024-08-18")
    nlp = load_pipeline(settings.spacy_model)
    doc = nlp(make_doc(nlp, analyzed))
    # The pipeline may already run the coder; running it again must give the same events.
    EventCoder(settings)(doc, analyzed)
    return analyzed


def _events(article, trigger):
    return [e for e in article.events if e.trigger.text == trigger]


def test_kiev_assault_on_russian_territory(article):
    (assault,) = _events(article, "assault")
    assert assault.type == "ASSAULT"
    assert assault.source.name == "Government of Ukraine"
    assert "Russian territory" in assault.target.text
    assert article.places[assault.place].name == "Kursk Oblast"


def test_moscow_accuses_kiev(article):
    (accusation,) = _events(article, "accused")
    assert accusation.type == "ACCUSE"
    assert (accusation.source.actor, accusation.target.actor) == ("GOV-RUS", "GOV-UKR")


def test_johnson_allegedly_advised_kiev(article):
    (advice,) = _events(article, "advised")
    assert advice.type == "REQUEST"
    assert advice.source.name == "Boris Johnson" and advice.target.name == "Government of Ukraine"
    assert advice.certainty == "alleged"
    assert article.statements[advice.statement].speaker.name == "Government of Russia"


def test_urged_return_to_talks(article):
    (urged,) = _events(article, "urged")
    assert urged.type == "REQUEST" and urged.mode == "meet"
    assert urged.source.name == "Alexander Lukashenko"
    talks = [e for e in _events(article, "talks") if e.source.text == "the two countries"]
    assert talks and talks[0].type == "CONSULT" and talks[0].certainty == "hedged"
    assert article.statements[talks[0].statement].cue.text == "urged"


def test_headline_suggestion_is_linked_to_its_statement(article):
    talks = _events(article, "talks")[0]
    assert talks.type == "CONSULT"
    assert talks.source.text == "Moscow and Kiev"
    statement = article.statements[talks.statement]
    assert statement.speaker.name == "Alexander Lukashenko" and "suggested" in statement.cue.text


def test_no_event_comes_from_the_photo_caption(article):
    caption_end = article.text.index("Savostyanov") + len("Savostyanov")
    caption_start = article.text.index("FILE PHOTO")
    for event in article.events:
        assert not (caption_start <= event.trigger.start < caption_end)


def test_every_event_has_consistent_offsets_and_types(article):
    from communique.extract.events.lexicon import TYPES

    assert len(article.events) >= 10
    for event in article.events:
        assert event.type in TYPES
        assert event.certainty in ("asserted", "hedged", "alleged", "denied")
        for role in (event.source, event.target, event.trigger):
            assert role.text == " ".join(article.text[s:e] for s, e in role.spans)
        assert event.source.spans or event.target.spans
