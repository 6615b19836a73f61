"""The record compares a report with fewer candidates, and decides as if it compared them all:
answers are scored only against the claims filed under their parties, and a claim that shares
no word with a report is not compared member by member."""

from __future__ import annotations

import itertools

from test_record_units import _claim, _report, _weights

from communique.record.answers import Context, Parties, best_answer, score
from communique.record.claims import ClaimIndex, Similarity
from communique.record.update import _TermWeights

COUNTRIES = {"PUTIN": "RUS", "PESKOV": "RUS", "ZELENSKY": "UKR", "ARAKHAMIA": "UKR", "JOHNSON": "GBR",
             "AUSTIN": "USA", "MIL-RUS": "RUS", "MIL-GBR": "GBR"}


def _claims():
    return [
        _claim(_report("a", 0, "Vladimir Putin", "a ceasefire if Kyiv withdrew its troops", "2024-06-14",
                       actor="PUTIN", about={"GOV-UKR"})),
        _claim(_report("b", 0, "David Arakhamia", "Boris Johnson told Kyiv to keep fighting", "2023-11-24",
                       actor="ARAKHAMIA", about={"JOHNSON"})),
        _claim(_report("c", 0, "Russian military", "the attack was prepared by British specialists", "2022-10-29",
                       actor="MIL-RUS")),
        _claim(_report("d", 0, "Lloyd Austin", "the aid package will arrive next month", "2024-04-01",
                       actor="AUSTIN")),
        _claim(_report("e", 0, "Someone", "the grain deal is over", "2023-07-17", actor=None)),
        _claim(_report("f", 0, "Dmitry Peskov", "Moscow remains open to talks", "2024-05-01", actor="PESKOV")),
    ]


def _answers():
    return [
        _report("x", 0, "Volodymyr Zelensky", "These messages are ultimatum messages", "2024-06-20",
                actor="ZELENSKY", about={"PUTIN"}),
        _report("x", 1, "Boris Johnson", "the account given by Ukraine's negotiator as total nonsense",
                "2024-02-10", actor="JOHNSON", stance="deny", about={"ZELENSKY"}),
        _report("x", 2, "British military", "Moscow was peddling false claims", "2022-10-30",
                actor="MIL-GBR", about={"GOV-RUS"}),
        _report("x", 3, "Nobody Known", "this is false", "2024-07-01", actor=None),
        _report("x", 4, "Dmitry Peskov", "absurd to blame Russia", "2024-07-01", actor="PESKOV", about={"GOV-RUS"}),
    ]


def test_candidates_hold_every_claim_an_answer_can_score_and_keep_their_order():
    claims = _claims()
    parties = Parties(claims, COUNTRIES)
    pruned = False
    for answer, context in itertools.product(_answers(), (None, Context(about={"PUTIN"}))):
        weights = _weights(answer)
        scoring = [c for c in claims if score(answer, weights, c, Similarity(), COUNTRIES, context) > 0]
        candidates = parties.candidates(answer, context)
        assert set(map(id, scoring)) <= set(map(id, candidates)), answer.content
        assert candidates == [c for c in claims if any(c is k for k in candidates)]  # the given order
        pruned |= len(candidates) < len(claims)
        everything = best_answer(answer, weights, claims, Similarity(), COUNTRIES, context)
        filed = best_answer(answer, weights, candidates, Similarity(), COUNTRIES, context)
        assert (everything and everything[0]) is (filed and filed[0])
    assert pruned  # the index does leave claims out


def test_an_answer_with_no_party_has_no_candidates():
    parties = Parties(_claims(), COUNTRIES | {"X": "FRA"})
    stranger = _report("x", 9, "Someone Else", "the offer was an ultimatum", "2024-06-20", actor="X")
    assert parties.candidates(stranger) == []


def test_an_answerer_of_no_known_country_has_every_claim_as_candidate():
    # nothing says whose side it is on, so its words alone can tie it to a claim
    parties = Parties(_claims(), COUNTRIES)
    investigators = _report("x", 9, "Swedish investigators", "the grain deal is over", "2024-06-20", actor="X")
    assert len(parties.candidates(investigators)) == len(_claims())


def test_a_claim_that_shares_only_synonyms_with_a_report_is_still_compared():
    # the member's own words (moscow, begin, negoti) and the report's (russia, start, talk) have
    # nothing in common; as the record weighs them, begin/start and negoti/talk are one term each
    weigh = _TermWeights(None, 10)
    index = ClaimIndex([], Similarity())
    first = _report("a", 0, "Dmitry Peskov", "Moscow could begin negotiations", "2024-01-11", actor="PESKOV")
    again = _report("b", 0, "Dmitry Peskov", "Russia could start talks", "2024-01-11", actor="PESKOV")
    assert not set(first.terms) & set(again.terms)
    assert index.add(first, weigh(first.terms))[0] is index.add(again, weigh(again.terms))[0]
