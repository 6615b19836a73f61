"""The entity stage's speaker questions: a capital or country as a government, from the one
country table (the knowledge base's ``data/actors/countries.tsv``)."""

from __future__ import annotations

import pytest

from communique.extract.entities.speakers import government_of


@pytest.mark.parametrize("text, government", [
    ("Moscow", "Government of Russia"),
    ("the Kremlin", "Government of Russia"),  # an institutional name of the country table
    ("KIEV", "Government of Ukraine"),
    ("Britain", "Government of the United Kingdom"),
    ("Czechia", "Government of the Czech Republic"),  # the actor's own name, as linking gives it
    ("Brussels", "European Union"),
])
def test_a_capital_country_or_seat_is_the_government_the_actor_links_name(text, government):
    assert government_of(text) == government


@pytest.mark.parametrize("text", ["Victoria", "Stanley", "Hamilton", "Douglas"])
def test_a_territorys_capital_that_is_also_a_given_name_is_no_government(text):
    # the gazetteer's capitals of small territories ("Victoria", Seychelles) made "Victoria
    # said" a government; the country table keeps only capitals news uses for a government
    assert government_of(text) is None


def test_the_sources_are_the_group_as_the_article_introduced_it():
    import communique

    text = (
        "The talks stalled after Boris Johnson arrived in Kyiv, Ukrainska Pravda has learned from "
        "sources close to the president's office.\n\n"
        "Johnson's message, the sources said, was that Putin should be pressured.\n\n"
        "Two European diplomats told Reuters the talks had stalled. The diplomats said a deal was unlikely."
    )
    speakers = {s.speaker.text: s.speaker.name for s in communique.analyze(text, published="2022-05-05").statements}
    assert speakers["the sources"] == "sources close to the president's office"
    assert speakers["The diplomats"] == "Two European diplomats"
