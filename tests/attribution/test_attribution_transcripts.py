"""Transcript turns (transcripts.py): ``PENCE: Well, look, ...`` is Mike Pence speaking."""

from __future__ import annotations

import pytest

from communique.extract.attribution import AttributionExtractor
from communique.extract.attribution.transcripts import find_turns
from communique.settings import Settings

DIALOGUE = (
    "Mike Pence spoke to Fox News on Sunday. The transcript follows:\n\n"
    '"WALLACE: Let\'s start with the debate. Will she invite Mark Cuban?\n\n'
    '"PENCE: Well, look, this is not a game show. But this is America, Chris.\n\n'
    '"WALLACE: If I may, sir, because we\'ve got limited time.\n\n'
    "UPDATE: This story was updated on Monday.\n"
)


def _turns(nlp, text):
    doc = nlp(text)
    found = find_turns(doc, doc.text, {t.i for t in doc})
    return [(" ".join(doc[i].text for i in source), doc[content[0]].text) for _, source, content in found]


def test_every_turn_of_a_dialogue_is_found_and_a_section_label_is_not(nlp):
    assert _turns(nlp, DIALOGUE) == [("WALLACE", "Let"), ("PENCE", "Well"), ("WALLACE", "If")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one turn, by a person the article names in running text
        ("Hillary Clinton was asked about Benghazi.\n\nCLINTON: I feel a great deal of sympathy.\n", [("CLINTON", "I")]),
        # a two-word label
        ("JAKE TAPPER: Do you think so?\n\nFALLIN: I think he is.\n\nTAPPER: Why?\n", [("JAKE TAPPER", "Do"), ("FALLIN", "I"), ("TAPPER", "Why")]),
    ],
)
def test_turns_by_named_people_or_in_a_dialogue(nlp, text, expected):
    assert _turns(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a headline label, and a section label
        "BUSTED: Emails Reveal a Plan.\n\nThe emails were published on Monday.\n",
        "SHORT READS:\n\nThe senator left.\n\nCORRECTION: An earlier version misspelled a name.\n",
        # a label nobody in the article is called, in an article that is no dialogue
        "HUFFPOLLSTER: A Seismic Shift Among Voters.\n\nVoters moved to Cruz.\n",
        # a colon inside running text
        "The senator had one message: Vote.\n",
        # an interview's one-letter labels name nobody
        "Q: Have you talked to her?\n\nA: It has been about a month.\n\nQ: Why not?\n\nA: No time.\n",
    ],
)
def test_labels_that_are_not_speakers_are_not_turns(nlp, text):
    assert _turns(nlp, text) == []


def test_a_turn_becomes_a_direct_statement_by_the_named_person(parse):
    doc, article = parse(DIALOGUE)
    AttributionExtractor(Settings())(doc, article)
    (turn,) = [s for s in article.statements if s.speaker.text == "PENCE"]
    assert turn.speaker.name == "Mike Pence"
    assert turn.cue.text == ":"
    assert turn.kind == "direct"
    assert turn.content.text == "Well, look, this is not a game show. But this is America, Chris"
    assert article.text[turn.content.start : turn.content.end] == turn.content.text
