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


_OFFICE_TEXT = (
    "The meeting between Volodymyr Zelensky and Vladimir Putin stalled after Boris Johnson arrived "
    "in Kyiv, Ukrainska Pravda has learned from sources close to the president's office.\n\n"
    "The sources said Johnson had urged Kyiv to keep fighting."
)


def test_a_group_described_by_an_office_is_named_by_its_holder_in_the_outlets_country():
    import communique

    article = communique.analyze(_OFFICE_TEXT, published="2022-05-05",
                                 url="https://www.pravda.com.ua/eng/news/2022/05/5/talks-stalled/")
    names = {s.speaker.text: s.speaker.name for s in article.statements}
    # a Ukrainian outlet's "the president" is Ukraine's, though Putin is a president named too
    assert names["sources close to the president's office"] == "sources close to Zelensky's office"
    assert names["The sources"] == "sources close to Zelensky's office"


def test_an_office_of_another_country_is_not_the_outlets():
    import communique

    text = _OFFICE_TEXT.replace("the president's office", "the president of France")
    article = communique.analyze(text, published="2022-05-05", url="https://www.pravda.com.ua/eng/news/1/")
    assert "Zelensky" not in " ".join(s.speaker.name or "" for s in article.statements)


@pytest.mark.parametrize("url", [None, "https://www.example.com/talks-stalled"])
def test_an_office_whose_country_the_article_does_not_give_stays_as_written(url):
    import communique

    article = communique.analyze(_OFFICE_TEXT, published="2022-05-05", url=url)
    names = {s.speaker.text: s.speaker.name for s in article.statements}
    assert names["The sources"] == "sources close to the president's office"


@pytest.mark.parametrize("url, country", [
    ("https://www.pravda.com.ua/eng/news/1", "UKR"),
    ("https://www.bbc.co.uk/news/world", "GBR"),  # .uk, not the ISO code GB
    ("www.spiegel.de/politik", "DEU"),
    ("https://www.reuters.com/world/", None),
    ("https://news.example.io/a", None),  # a country-code domain sold as a generic one
    ("not a url", None),
    (None, None),
])
def test_an_outlets_country_is_its_country_code_domain(url, country):
    from communique.extract.entities.home import home_country

    assert home_country(url) == country


def _the_statement(text: str, speaker: str | None = None, cue: str | None = None):
    """The one statement of ``text`` whose speaker (or cue) is written so."""
    import communique

    (found,) = [s for s in communique.analyze(text).statements
                if (speaker is None or s.speaker.text == speaker) and (cue is None or s.cue.text == cue)]
    return found


def test_the_statement_is_the_one_its_last_speaker_issued():
    text = ("The Economic Community of West African States (ECOWAS) said in a statement after an emergency "
            "summit in Abuja that it would take all measures necessary to restore constitutional order. "
            "\"Such measures may include the use of force,\" the statement said.")
    issued = _the_statement(text, speaker="the statement")
    # named and linked as the organisation (its span's open parenthesis cut off the acronym)
    assert issued.speaker.name == "Economic Community of West African States"
    assert issued.speaker.actor == "ECOWAS"


def test_a_statement_nobody_issued_before_stays_a_statement():
    import communique

    (said,) = communique.analyze("The statement said the talks would resume on Monday.").statements
    assert said.speaker.name == "statement"


def test_the_bloc_is_the_organisation_the_knowledge_base_linked_just_before():
    # the tagger sees no organisation here (and calls "bloc" a proper noun); the linker knows ECOWAS
    text = ("In resolutions read out by ECOWAS Commission President Omar Touray after a second emergency "
            "summit, the bloc said it had directed the deployment of a standby force.")
    said = _the_statement(text, cue="said")
    assert (said.speaker.name, said.speaker.actor) == ("Economic Community of West African States", "ECOWAS")


def test_a_name_that_begins_with_the_is_no_descriptor():
    import communique

    text = ("Donald Trump met voters in Ohio. The Central and East European Coalition said it wants to "
            "preserve its non-endorsement policy.")
    names = [s.speaker.name for s in communique.analyze(text).statements]
    assert "Donald Trump" not in names


def test_the_bloc_is_not_the_news_agency_that_filed_the_story():
    text = ("ABUJA, Aug 10 (Reuters) - West African leaders on Thursday ordered the activation of a standby force.\n\n"
            "In resolutions read out by ECOWAS Commission President Omar Touray after a second emergency "
            "summit, the bloc said it had directed the deployment of the ECOWAS standby force.")
    assert _the_statement(text, speaker="the bloc").speaker.actor == "ECOWAS"
