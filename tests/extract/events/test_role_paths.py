"""Roles read off the parse (extract/events/roles.py, paths.py): sentences from PLV_train's dev
part (its first 700 rows) and their gold source and target, one per rule."""

from __future__ import annotations

import pytest

from communique.errors import CommuniqueError
from communique.extract.events import EventCoder
from communique.extract.events.paths import parse_paths
from communique.settings import Settings


@pytest.fixture(scope="module")
def coder():
    return EventCoder(Settings())


@pytest.fixture
def event(parse, coder):
    """``event(text, trigger) -> Event``: the event whose trigger starts with ``trigger``."""

    def _event(text: str, trigger: str):
        doc, article = parse(text)
        coder(doc, article)
        found = [e for e in article.events if e.trigger.text.split()[0] == trigger]
        assert found, [(e.type, e.trigger.text, e.source.text, e.target.text) for e in article.events]
        return found[0]

    return _event


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # the actor behind the thing refused, condemned or demanded (dobj>prep>pobj)
        ("Pakistan refused a request from Indian Prime Minister Narendra Modi.", "refused", "Pakistan", "Narendra Modi"),
        ("South Africa's government has condemned an anarchic protest by white farmers.", "condemned",
         "government", "white farmers"),
        # the complement's target: what was agreed is directed at the North (xcomp>prep>pobj)
        ("U.S. President Donald Trump agreed to lift sanctions against North Korea.", "agreed", "Trump", "North Korea"),
        # an event noun's thing belongs to an actor (prep>pobj>prep>pobj)
        ("German prosecutors have launched an investigation into the business dealings of luxury hospitality group Kempinski.",
         "investigation", "prosecutors", "Kempinski"),
    ],
)
def test_the_target_is_the_actor_behind_a_thing(event, text, trigger, source, target):
    found = event(text, trigger)
    assert source in found.source.text
    assert target in found.target.text


def test_a_thing_stays_the_target_when_no_actor_is_behind_it(event):
    found = event("The chairman of the African Union Commission has condemned the attacks.", "condemned")
    assert found.target.text == "the attacks"


def test_a_readiness_adjective_passes_on_the_copula_subject(event):
    found = event("Honduras is willing to withdraw its troops from the border zone.", "withdraw")
    assert found.source.text == "Honduras"


def test_a_pronoun_in_a_reported_clause_stands_for_the_reporter(event):
    # the nearest named place before "they" is Deraa; the ones who said it are the fighters
    found = event("Rebel fighters in Deraa said they will release two soldiers.", "release")
    assert found.source.text == "they" and found.source.name == "fighters"


def test_a_malformed_role_path_is_an_error_naming_its_line():
    with pytest.raises(CommuniqueError) as info:
        parse_paths("VERB\tdobj>poss\tok\nADJ\tdobj\tbad part of speech\n", "paths.tsv")
    assert info.value.code.name == "E806" and "line 2" in info.value.reason


def test_a_text_speaks_for_whoever_issued_it(event):
    found = event("And Amnesty International put out a report accusing the Nigerian army of failing to act.", "accusing")
    assert found.source.text == "Amnesty International" and found.target.text == "the Nigerian army"


def test_saying_that_another_actor_must_act_is_a_request(event, parse, coder):
    found = event("Russia says Israel must end attacks on Syria after latest strikes.", "says")
    assert found.type == "REQUEST"
    assert found.source.text == "Russia" and found.target.text == "Israel"
    assert found.trigger.text == "says must"
    # the speaker's own side obliged ("we must") asks no one
    doc, article = parse("We must stay united, the Polish president said.")
    coder(doc, article)
    assert not [e for e in article.events if e.type == "REQUEST"]


def test_coordinated_event_nouns_share_their_doer_and_their_object(event):
    text = "The OIC expressed its total rejection and strong condemnation of the Israeli Prime Minister's declaration."
    found = event(text, "condemnation")
    assert found.source.text == "The OIC" and "Israeli Prime Minister" in found.target.text
    assert "Israeli Prime Minister" in event(text, "rejection").target.text


def test_coordinated_doers_of_a_reciprocal_event_act_on_each_other(event):
    found = event("Pakistan and Afghanistan have agreed to share intelligence.", "agreed")
    assert [m.text for m in found.target.members] == ["Pakistan", "Afghanistan"]
    assert found.target.spans == found.source.spans and found.target is not found.source
    # an assault by two is not on each other
    assault = event("Russia and Belarus attacked the border posts.", "attacked")
    assert not assault.target.members


def test_an_act_with_no_actor_target_takes_the_named_actor_it_governs(event):
    # "provide" needs a recipient: the money is no actor, the institute is
    found = event("The Japanese government has provided $49 million in grant assistance for the extension of "
                  "intensive care at the Pakistan Institute of Medical Sciences.", "provided")
    assert found.source.text == "The Japanese government" and "Pakistan Institute" in found.target.text


def test_a_place_where_it_happened_is_no_target(parse, coder):
    doc, article = parse("Chancellor Olaf Scholz met in Paris on Monday.")
    coder(doc, article)
    assert not [e for e in article.events if "Paris" in e.target.text]


def test_what_an_attack_is_aimed_at_is_its_target_even_a_thing(event):
    found = event("KABUL - A Taliban attack on a government compound in western Badghis province killed 20 troops.", "attack")
    assert found.source.text == "Taliban" and found.target.text.startswith("a government compound")


def test_a_weapon_that_killed_is_the_doer_named(event):
    found = event("In September, a car bomb in Kiev killed another ethnic Chechen.", "killed")
    assert found.source.text == "a car bomb" and found.target.text == "another ethnic Chechen"


def test_coordinated_doers_agreeing_on_a_thing_agree_with_each_other(event):
    found = event("The European Union and the Mercosur bloc have agreed on the draft text of a trade deal.", "agreed")
    assert found.target.text == found.source.text == "The European Union and the Mercosur bloc"


def test_aid_given_in_a_country_or_for_its_sake_is_given_to_it(event):
    found = event("Germany gave 352.5 million euros to promote private investment and economic development in Ethiopia.", "gave")
    assert found.source.text == "Germany" and found.target.text == "Ethiopia"


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        ("On Thursday, Israel mobilized the army for a potential ground assault against Hamas.", "mobilized",
         "Israel", "Hamas"),
        ("NATO troops remained on alert Sunday in Bosnian Serb territory.", "alert", "NATO troops",
         "Bosnian Serb territory"),
    ],
)
def test_a_mobilization_is_directed_where_the_forces_go_not_at_the_forces(event, text, trigger, source, target):
    found = event(text, trigger)
    assert found.source.text == source and found.target.text == target


def test_a_withdrawal_is_from_the_place_it_leaves_not_from_its_own_troops(event):
    found = event("Honduras is willing to withdraw its troops from a five kilometer zone along the border.", "withdraw")
    assert found.source.text == "Honduras" and found.target.text == "a five kilometer zone"
