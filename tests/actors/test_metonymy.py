"""The one metonymy decision on news sentences: the toponym's reading in each."""

from __future__ import annotations

import pytest

from communique.extract.entities.metonymy import is_agentive


def _reading(parse, text, name):
    doc, _ = parse(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    return "met" if is_agentive(span) else "lit"


@pytest.mark.parametrize("text, name, reading", [
    ("Moscow has said the talks failed.", "Moscow", "met"),
    ("Washington warned of new sanctions.", "Washington", "met"),
    ("Iran denied any involvement in the attack.", "Iran", "met"),
    ("Ukraine's army said it had repelled the attack.", "Ukraine", "met"),
    ("He criticised Kiev's assault on the region.", "Kiev", "met"),
    ("Relations between Moscow and Beijing have improved.", "Beijing", "met"),
    ("The EU imposed sanctions on Russia last year.", "Russia", "met"),
    ("Officials accused Kiev of shelling the plant.", "Kiev", "met"),
    ("Russia is ready to resume negotiations.", "Russia", "met"),
    ("He said Russia is open to talks with Ukraine.", "Ukraine", "met"),
    ("Protesters gathered in Moscow on Sunday.", "Moscow", "lit"),
    ("Missiles struck targets near Kharkiv overnight.", "Kharkiv", "lit"),
    ("He flew to Beijing for the summit.", "Beijing", "lit"),
    ("Russia's invasion of Ukraine began in 2022.", "Ukraine", "lit"),
    ("The war would result in Ukraine's destruction.", "Ukraine", "lit"),
    ("Australia has a population of 26 million.", "Australia", "lit"),
    ("Cambodia is a country in South East Asia.", "Cambodia", "lit"),
    ("Four regions voted to join Russia.", "Russia", "lit"),
])
def test_reading(parse, text, name, reading):
    assert _reading(parse, text, name) == reading
