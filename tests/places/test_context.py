"""Toponyms the tagger does not label as places, found by where they stand (``context``)."""

from __future__ import annotations

import pytest


def test_both_kursk_mentions_of_the_reference_article_are_places(places, example_text):
    kursk = [p for p in places(example_text) if "Kursk" in p.text]
    assert [p.text for p in kursk] == ["Kursk Region", "Kursk"]
    assert {p.country for p in kursk} == {"RUS"} and {p.role for p in kursk} == {"literal"}


@pytest.mark.parametrize("text, name, country", [
    ("Kelly Schlissberg, a spokeswoman for the Ohio Department of Development, says the agency "
     "will help.", "Ohio", "USA"),                                       # an institution's place
    ("BEIRUT (Reuters) - Officials said the talks would resume.", "Beirut", "LBN"),  # dateline
    ("Floods destroyed crops. BEIRUT: Unknown assailants removed the doors.", "Beirut", "LBN"),
    # tagged as people: a country, a county before an office
    ("The bombing was supposed to cause maximum damage. Sri Lanka has a large Muslim population.",
     "Sri Lanka", "LKA"),
    ("The body was found 2 miles east of Palestine, according to Anderson County Sheriff Greg "
     "Taylor.", "Anderson County", "USA"),
    # after a direction word in an institution's name
    ("She attended Northeast Texas Community College in the fall.", "Texas", "USA"),
    # before a local body or person, whatever the town's size
    ("The grant money Roselle police received from the state paid for two cruisers.",
     "Roselle", "USA"),
    ("The pilot program was unanimously approved by the DeKalb City Council Monday.",
     "DeKalb", "USA"),
    # a legislator's home after the party letter
    ("Rep. Torrey Westrom, R-Elbow Lake, said the talk of cuts was premature.",
     "Elbow Lake", "USA"),
    # a town before its region, even when the tagger saw a person in it
    ("Repeat finalists include Louisville, Ky., New Haven, Conn. and Sioux Falls, S.D. this "
     "year.", "Sioux Falls", "USA"),
    # after ``in``, though the tagger saw a person
    ("The boy was admitted to a hospital in Milton Keynes, but later died.", "Milton Keynes",
     "GBR"),
    # before ``in`` and a place that holds a place of that name
    ("The outbreak may have spread to Warwick in Queensland where horses were sick.",
     "Warwick", "AUS"),
    # a person's home after ``of``
    ("James Tauber of Moorhead was driving a Dodge.", "Moorhead", "USA"),
    # the tagger cut the name (``Beida``); the whole is known
    ("Refugees fled to camps near Goz Beida in eastern Chad.", "Goz Beida", "TCD"),
    # ... or at a particle: ``Rio Grande`` (a city) of ``Rio Grande do Sul`` (a state), and
    # ``the Democratic Republic of the`` / ``Congo`` (the Republic of the Congo alone)
    ("Cases were reported in Rio Grande do Sul, Tocantins and Minas Gerais.",
     "Rio Grande do Sul", "BRA"),
    ("Ebola broke out in the Democratic Republic of the Congo last week.",
     "Democratic Republic of the Congo", "COD"),
])
def test_places_the_tagger_misses(places, text, name, country):
    assert (name, country) in [(p.name, p.country) for p in places(text)]


@pytest.mark.parametrize("text", [
    "George Washington crossed the river, and Washington's troops followed.",
    "The Chicago Tribune reported that Scott and Turner met on Monday.",
])
def test_names_of_people_stay_people(places, text):
    assert [p.text for p in places(text) if p.text in {"Washington", "Scott", "Turner"}] == []


def test_demonyms_inside_names_and_town_homonyms(places):
    found = places("The Russian Foreign Ministry said so. He got tired of Canadian winters.")
    assert [(p.text, p.role, p.country) for p in found] == [
        ("Russian", "demonym", "RUS"), ("Canadian", "demonym", "CAN")]


def test_a_place_and_its_head_that_are_one_name_stay_whole(places):
    # ``Kansas City police``: not Kansas before ``City``
    assert "Kansas" not in [p.text for p in places("Kansas City police arrested two men.")]


def test_counties_of_a_list_are_counties(places):
    found = places("Flood warnings remain for Becker, Clay and Otter Tail counties on Friday.")
    assert [(p.text, p.name, p.feature) for p in found] == [
        ("Becker", "Becker County", "county"), ("Clay", "Clay County", "county"),
        ("Otter Tail", "Otter Tail County", "county")]
    assert {round(p.lat) for p in found} == {46, 47}  # all three in northwest Minnesota


def test_names_listed_with_places_are_places(places):
    found = places("Mosquitoes in East Providence and Barrington have tested positive.")
    assert [(p.text, p.country) for p in found] == [("East Providence", "USA"),
                                                    ("Barrington", "USA")]


def test_a_list_of_more_people_than_places_stays_people(places):
    found = places("Obama, Clinton and Underwood met in Chicago.")
    assert "Clinton" not in [p.text for p in found]
    assert "Obama" not in [p.text for p in places("Obama in Chicago said so.")]
