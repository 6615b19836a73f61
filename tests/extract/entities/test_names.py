"""The people an article names: one honorific table serves the speaker resolver and the actor
mentions alike."""

from __future__ import annotations

from communique.extract.entities.names import HONORIFICS, ArticleNames


def test_miss_before_a_name_says_the_person_is_a_woman(parse):
    # "Robin" says nothing by itself (the census gives it to both); the honorific the actor
    # links already read ("Miss") settles it for the pronoun check too
    doc, _ = parse("Miss Robin Carter spoke to reporters on Monday.")
    assert ArticleNames(doc).gender("Robin Carter") == "f"


def test_every_honorific_has_a_gender():
    assert HONORIFICS["miss"] == "f" and HONORIFICS["mr."] == "m"
    assert set(HONORIFICS.values()) == {"m", "f"}
