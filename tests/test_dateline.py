"""The shared dateline definition (communique/dateline.py), on hand-written leads."""

from __future__ import annotations

import pytest

from communique.dateline import find_datelines, opens_with_dateline


@pytest.mark.parametrize("text, dateline, date", [
    ("MOSCOW, Aug. 18 (Reuters) - The Kremlin said", "MOSCOW, Aug. 18 (Reuters) - ", "Aug. 18"),
    ("KYIV, Ukraine (AP) \u2014 Russian forces struck", "KYIV, Ukraine (AP) \u2014 ", None),
    ("THE HAGUE \u2014 Judges ruled on Monday", "THE HAGUE \u2014 ", None),
    ("WASHINGTON, Tuesday, March 3, 2015\nThe bill passed.", "WASHINGTON, Tuesday, March 3, 2015\n", "March 3, 2015"),
    # a title-case place counts when a date follows it
    ("Kyiv, Nov 3 - The president said so.", "Kyiv, Nov 3 - ", "Nov 3"),
    ("Gaza Talks Stall\n\nCAIRO, Nov 3 (Reuters) - Talks stalled", "CAIRO, Nov 3 (Reuters) - ", "Nov 3"),
])
def test_a_dateline_is_found_with_its_date(text, dateline, date):
    (found,) = find_datelines(text)
    assert text[found.start : found.lead] == dateline
    assert (text[slice(*found.date.span)] if found.date else None) == date


@pytest.mark.parametrize("text", [
    "NATO - the alliance said it would respond.",  # a hyphen needs a date or an agency
    "Moscow: the talks are over.",
    "ISIS\u2014the group said it was behind the attack.",  # a dash glued to the next word
    "Moscow \u2014 the talks are over.",  # a title-case place needs a date
    "U.S.-backed forces advanced on the town.",
    "Trump, Clinton - a rivalry that never ends.",
])
def test_a_lead_that_only_looks_like_a_dateline_is_none(text):
    assert find_datelines(text) == []
    assert not opens_with_dateline(text)


def test_only_the_head_of_the_article_is_searched():
    text = "A headline\n\n" + "The lead sentence goes on. " * 40 + "\nCAIRO, Nov 3 (Reuters) - Late."
    assert find_datelines(text) == []
