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
    # "Kursk Region" is in the quoted condition ("if it goes on like in Kursk Region"), another
    # clause: the assault's own clause names no place
    assert assault.place is None


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


# The five errors issue #18 found on this article, one test each.


def test_moscow_and_kiev_is_a_two_actor_source_each_with_its_metonymy(article):
    talks = [e for e in article.events if e.type == "CONSULT" and e.source.text == "Moscow and Kiev"]
    assert len(talks) == 2  # the headline's talks and the first sentence's negotiations
    for event in talks:
        members = event.source.members
        assert [m.text for m in members] == ["Moscow", "Kiev"]
        assert [m.actor for m in members] == ["GOV-RUS", "GOV-UKR"]
        assert event.source.actor is None
        assert event.source.name == "Government of Russia and Government of Ukraine"
        for member in members:
            (start, end), = member.spans
            assert article.text[start:end] == member.text


def test_proposal_and_suggested_are_one_event(article):
    requests = [e for e in article.events if e.source.name == "Vladimir Putin" and e.type == "REQUEST"]
    assert len(requests) == 1
    assert requests[0].trigger.text == "proposal suggested"
    assert len(requests[0].trigger.spans) == 2


def test_warned_is_a_statement_not_a_threat(article):
    assert not _events(article, "warned")
    assert not [e for e in article.events if e.type == "THREATEN" and e.source.name == "Alexander Lukashenko"]


def test_destruction_is_not_placed_in_kursk(article):
    start = article.text.index("Ukraine’s destruction")
    (destruction,) = [e for e in article.events if e.trigger.text == "destruction" and e.trigger.start > start]
    assert destruction.place is None


def test_missing_sources_of_talks_and_attacks(article):
    open_to = article.text.index("open to talks")
    talks = next(e for e in _events(article, "talks") if e.trigger.start > open_to)
    assert talks.source.name == "Government of Russia" and talks.source.text == "it"
    assert talks.target.name == "Government of Ukraine"
    (attacks,) = _events(article, "attacks")
    assert attacks.source.name == "Government of Ukraine"


def test_admitting_a_claim_is_no_retreat(article):
    # "staff ... admit he had an influential role", "Zelensky admitted last month that Ukraine
    # could open talks": statements, not RETREAT (access) events
    assert not _events(article, "admit") and not _events(article, "admitted")
