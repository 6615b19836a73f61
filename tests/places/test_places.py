"""PlaceResolver on real sentences: what a reader of article.places would notice."""

from __future__ import annotations

import pytest

from communique.settings import Settings


def test_reference_article_places(places, example_text):
    found = places(example_text)
    by_text = {p.text: p for p in found}
    assert by_text["Istanbul"].geonameid == 745044
    assert by_text["Istanbul"].country == "TUR"
    assert by_text["Kursk Region"].geonameid == 538555
    assert by_text["Kursk Region"].name == "Kursk Oblast"
    assert by_text["Kursk Region"].country == "RUS"
    assert by_text["Kursk Region"].feature == "region"
    # Moscow and Kiev only ever speak or act for their governments in this article: listed,
    # as metonyms.
    roles = {p.role for p in found if p.text in ("Moscow", "Kiev")}
    assert roles == {"metonymic"}
    assert by_text["Istanbul"].role == by_text["Kursk Region"].role == "literal"
    for place in found:
        assert example_text[place.start:place.end] == place.text


def test_metonymic_capitals_are_listed_as_metonymic(places):
    text = ("Moscow has said it will respond. Washington warned against escalation. "
            "Kiev's assault continued overnight, and Britain urged talks with Ukraine.")
    found = places(text)
    assert {"Moscow", "Washington", "Britain"} <= {p.text for p in found}
    assert {p.role for p in found} == {"metonymic"}


def test_a_metonym_carries_the_actor_the_linker_found(parse, resolver):
    from communique.extract.actors import ActorLinker

    doc, article = parse("Moscow has said it will respond. Russian forces shelled Kharkiv.")
    ActorLinker(Settings())(doc, article)
    resolver(doc, article)
    assert [(p.text, p.role, p.actor) for p in article.places] == [
        ("Moscow", "metonymic", "GOV-RUS"), ("Russian", "demonym", "MIL-RUS"),
        ("Kharkiv", "literal", None)]


def test_literal_uses_are_places(places):
    found = places("He lives in Moscow. Protesters gathered in Kiev on Sunday.")
    assert [(p.text, p.name, p.country) for p in found] == [
        ("Moscow", "Moscow", "RUS"), ("Kiev", "Kyiv", "UKR")]
    assert found[1].geonameid == 703448


def test_demonyms_are_listed_with_their_country(places):
    found = places("Russian troops and Belarusian officials met Ukrainian negotiators in Minsk.")
    assert [(p.text, p.role, p.country) for p in found] == [
        ("Russian", "demonym", "RUS"), ("Belarusian", "demonym", "BLR"),
        ("Ukrainian", "demonym", "UKR"), ("Minsk", "literal", "BLR")]


@pytest.mark.parametrize("text, name, country", [
    ("Shelling was reported in the Donetsk Region on Monday.", "Donetsk Oblast", "UKR"),
    ("Fighting continued in Zaporozhye Region.", "Zaporizhzhia Oblast", "UKR"),
    ("Drones struck targets in the Belgorod Region overnight.", "Belgorod Oblast", "RUS"),
    ("Floods hit New South Wales this week.", "New South Wales", "AUS"),
])
def test_region_aliases(places, text, name, country):
    found = places(text)
    assert [(p.name, p.country, p.feature) for p in found] == [(name, country, "region")]


def test_city_state_pattern_and_context(places):
    found = places("A fire in Alexandria, La., destroyed a home. Deputies from Pineville "
                   "and Rapides Parish responded.")
    alexandria = next(p for p in found if p.text == "Alexandria")
    assert (alexandria.geonameid, alexandria.country) == (4314550, "USA")


def test_boilerplate_is_skipped(parse, resolver):
    text = "Photo: Paris skyline.\nThe summit opened in Geneva."
    doc, article = parse(text, boilerplate=[(0, 21)])
    resolver(doc, article)
    assert [p.text for p in article.places] == ["Geneva"]


@pytest.mark.parametrize("text", [
    "Miss Universe Alicia Machado said Machado was mocked.",       # title, then a surname
    "The Affordable Care Act passed, and Rep. Jim Clyburn (D-S.C.) voted for it.",
    "Reporters waited outside the White House on Friday.",          # not Casablanca
    "He said he didn't know.",                                      # n't is not NT
])
def test_words_and_people_are_not_places(places, text):
    assert [p.text for p in places(text) if p.country != "USA"] == []
    assert all(p.text not in {"Miss", "Machado", "Act", "D", "White House"} for p in places(text))


def test_abbreviations_resolve_as_written(places):
    found = places("Rep. Jim Clyburn (D-S.C.) spoke in Columbia, S.C., on Monday.")
    assert ("S.C.", "South Carolina") in [(p.text, p.name) for p in found]
    columbia = next(p for p in found if p.text == "Columbia")
    assert columbia.country == "USA" and 33 < columbia.lat < 35


@pytest.mark.parametrize("text, words, name, country", [
    # a British story: the airport, not Heathrow, Florida
    ("Passengers were stranded at Heathrow after flights from London were cancelled, the "
     "British airline said.", "Heathrow", "Heathrow", "GBR"),
    # the abbreviation keeps its period: Manitoba, not Man in Côte d'Ivoire
    ("The storm hit Winnipeg, Man., on Tuesday and moved east.", "Man.", "Manitoba", "CAN"),
    # ``, B.C.`` names the province the city is in (its GeoNames admin1 code)
    ("He grew up in Vancouver, B.C., and later moved to Detroit, Mich.", "Vancouver",
     "Vancouver", "CAN"),
    ("He grew up in Vancouver, B.C., and later moved to Detroit, Mich.", "Mich.", "Michigan",
     "USA"),
    # the places named with it: Edmonton ... Alberta
    ("The crash happened near Innisfail, about 30 km south of Red Deer, Alberta.", "Innisfail",
     "Innisfail", "CAN"),
    ("Washington has imposed new tariffs. Officials in Washington declined to comment.",
     "Washington", "Washington", "USA"),
])
def test_disambiguation_in_context(places, text, words, name, country):
    place = next(p for p in places(text) if p.text == words)
    assert (place.name, place.country) == (name, country)
    assert place.feature != "county"
