"""Sentence boundaries the pipeline forces before the parser: paragraphs and wire datelines."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("dateline", [
    "CAIRO, March 3 (Reuters) -",
    "KYIV, Ukraine (AP) \u2014",
    "WASHINGTON \u2014",
    "THE HAGUE, Netherlands, Jan. 5, 2024 (AFP) -",
    "Kyiv, Nov 3 -",  # a title-case place, with a date
])
def test_a_dateline_is_not_part_of_the_lead_sentence(parse, dateline):
    doc, _ = parse(f"Talks stall\n\n{dateline} Talks on a ceasefire stalled on Sunday, officials said.")
    lead = [s for s in doc.sents if "ceasefire" in s.text][0]
    assert lead.text.startswith("Talks on a ceasefire")
    # the place is no longer read as the subject of the lead sentence
    assert not any(t.dep_ == "nsubj" and t.text in dateline for t in lead)


@pytest.mark.parametrize("text", [
    "NATO - the alliance - met on Sunday.",  # a spaced hyphen after capitals, no date or agency
    "The US-China talks - what next? Nobody knows.",
])
def test_capitals_and_a_hyphen_are_no_dateline(parse, text):
    doc, _ = parse(text)
    first = next(iter(doc.sents))
    assert first.text.startswith(text.split(" -")[0] + " -")
