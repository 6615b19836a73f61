"""The record's pieces on small hand-made inputs: terms, datings, positions, copies, claims, answers."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.record import duplicates, polarity, said, text
from communique.record.answers import answer_stance, best_answer, family
from communique.record.claims import ClaimIndex, Similarity, is_recap
from communique.record.reports import Report

ARTICLE = (
    "Ukraine's chief negotiator David Arakhamia said on Friday that Boris Johnson told Kyiv in April 2022 "
    "to keep fighting and not to sign any deal with Russia. When we returned from Istanbul, Boris Johnson "
    "came to Kyiv and said that we would not sign anything with them at all, and let's just fight, "
    "Arakhamia told a television interviewer. Russia has said it was open to a deal at the time."
)
OTHER_STORY = (
    "Kremlin spokesman Dmitry Peskov said on Monday that Russia remained open to negotiations with Ukraine, "
    "but that Kyiv had to recognise the new territorial realities first. Ukraine's foreign ministry "
    "rejected the demand and said talks could only start once Russian troops left Ukrainian soil entirely."
)


def test_terms_stem_and_keep_negations():
    assert text.terms("We will never negotiate with Putin") == ["never", "negoti", "putin"]
    assert "negoti" in text.terms("ruled out negotiations")


def test_wire_copy_is_a_duplicate_and_another_story_is_not():
    original = duplicates.signature(ARTICLE)
    copy = duplicates.signature("KYIV (Reuters) - " + ARTICLE + " Reporting by Reuters staff.")
    other = duplicates.signature(OTHER_STORY)
    assert duplicates.similarity(original, copy) is not None
    assert duplicates.similarity(original, other) is None


def test_trimmed_copy_is_contained():
    original = duplicates.signature(ARTICLE + " " + OTHER_STORY)
    trimmed = duplicates.signature(ARTICLE)
    assert duplicates.similarity(original, trimmed) is not None


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2024-08-18", dt.date(2024, 8, 18), dt.date(2024, 8, 18)),
        ("2024-07", dt.date(2024, 7, 1), dt.date(2024, 7, 31)),
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ],
)
def test_said_intervals(value, start, end):
    assert said.interval(value) == (start, end)


def test_said_falls_back_to_the_publication_date():
    when = said.said("PRESENT_REF", "expression", dt.date(2024, 8, 18))
    assert (when.basis, when.start) == ("published", dt.date(2024, 8, 18))
    assert said.said(None, "unknown", None).start is None


@pytest.mark.parametrize(
    ("content", "stance", "expected"),
    [
        ("Russia should attend the next peace summit", "assert", "support"),
        ("there will be no talks with Putin", "assert", "oppose"),
        ("negotiations with Putin are impossible", "assert", "oppose"),
        ("a decree on the impossibility of negotiating with Putin", "assert", "oppose"),
        ("Kyiv is ready to negotiate once Russian troops leave", "assert", "conditional"),
        ("there would be no talks as long as the attacks go on", "assert", "conditional"),
        ("Moscow would return to the grain deal only if its demands were met", "assert", "conditional"),
        ("Russia is open to talks", "deny", "oppose"),
        ("it is not impossible to resume talks", "assert", "support"),
        ("Ukraine was ready for a dialogue with Russia, but with another president", "assert", "conditional"),
        ("we will wait for the current president to change his position", "assert", "conditional"),
        ("These messages are ultimatum messages", "assert", "oppose"),
        ("the agreements had effectively ceased to be valid today", "assert", "oppose"),
    ],
)
def test_position(content, stance, expected):
    assert polarity.position(content, stance) == expected


def _report(article, index, speaker, content, day, *, actor=None, basis="expression", cue="said",
            parent=None, stance="assert", about=(), dates=()):
    published = dt.date.fromisoformat(day)
    return Report(
        article_id=article, index=index, speaker_name=speaker, speaker_actor=actor, speaker_text=speaker,
        cue=cue, content=content, content_spans=[(0, len(content))], stance=stance, certainty="asserted",
        kind="indirect", parent=parent, responds_to=None,
        said=said.said(day, basis, published), published=published, outlet=None,
        terms=text.terms(content), about=set(about), dates=list(dates),
    )


def _weights(report):
    return text.weights(report.terms, {}, 10)


def test_same_saying_in_two_outlets_is_one_claim_and_other_dates_are_not():
    index = ClaimIndex([], Similarity())
    quote = _report("a", 0, "Dmitry Peskov", "Russia remains open to negotiations with Ukraine", "2022-03-01", actor="P")
    summary = _report("b", 3, "Dmitry Peskov", "Moscow was open to negotiations", "2022-03-02", actor="P")
    later = _report("c", 1, "Dmitry Peskov", "Russia remains open to negotiations with Ukraine", "2024-06-16", actor="P")
    first, _ = index.add(quote, _weights(quote))
    assert index.add(summary, _weights(summary))[0] is first
    assert index.add(later, _weights(later))[0] is not first


def test_other_speaker_or_other_meaning_is_another_claim():
    index = ClaimIndex([], Similarity())
    a = _report("a", 0, "Dmitry Peskov", "Russia remains open to negotiations", "2022-03-01", actor="P")
    b = _report("b", 0, "Sergei Lavrov", "Russia remains open to negotiations", "2022-03-01", actor="L")
    c = _report("c", 0, "Dmitry Peskov", "the grain corridor will close next week", "2022-03-01", actor="P")
    claims = {index.add(r, _weights(r))[0].id for r in (a, b, c)}
    assert len(claims) == 3


def test_a_recap_months_later_joins_the_original():
    index = ClaimIndex([], Similarity())
    original = _report("a", 0, "David Arakhamia", "Boris Johnson told Kyiv to keep fighting and sign nothing",
                       "2023-11-24", actor="A")
    recap = _report("b", 2, "David Arakhamia", "Johnson had told Kyiv to keep fighting", "2024-03-01",
                    actor="A", basis="published", cue="has said")
    assert is_recap(recap)
    first, _ = index.add(original, _weights(original))
    assert index.add(recap, _weights(recap))[0] is first


def test_a_report_dated_only_by_its_article_weeks_later_joins_the_original():
    index = ClaimIndex([], Similarity())
    original = _report("a", 0, "David Arakhamia", "Russia was ready to end the war if Kyiv agreed to neutrality",
                       "2023-11-24", actor="A")
    weeks_on = _report("b", 6, "David Arakhamia", "Russia was ready to end the war in exchange for neutrality",
                       "2024-01-11", actor="A", basis="published")
    said_again = _report("c", 0, "David Arakhamia", "Russia was ready to end the war in exchange for neutrality",
                         "2024-01-10", actor="A")
    year_on = _report("d", 1, "David Arakhamia", "Russia was ready to end the war in exchange for neutrality",
                      "2024-12-01", actor="A", basis="published")
    assert not is_recap(weeks_on)
    first, _ = index.add(original, _weights(original))
    assert index.add(weeks_on, _weights(weeks_on))[0] is first
    # dated by its own words to January, or a year on: said again, a claim of its own
    assert index.add(said_again, _weights(said_again))[0] is not first
    assert index.add(year_on, _weights(year_on))[0] is not first


def test_unresolved_pronoun_joins_nothing():
    index = ClaimIndex([], Similarity())
    a = _report("a", 0, "he", "the talks will resume", "2022-03-01")
    b = _report("b", 0, "he", "the talks will resume", "2022-03-01")
    assert index.add(a, _weights(a))[0] is not index.add(b, _weights(b))[0]


def test_a_denial_that_does_not_restate_the_claim_finds_it():
    index = ClaimIndex([], Similarity())
    claim_report = _report("a", 0, "David Arakhamia", "Boris Johnson told Kyiv to keep fighting", "2023-11-24",
                           actor="A", about={"JOHNSON"})
    unrelated = _report("z", 0, "Dmitry Peskov", "the grain deal is over", "2023-11-24", actor="P", about={"GOV-UKR"})
    claim, _ = index.add(claim_report, _weights(claim_report))
    other, _ = index.add(unrelated, _weights(unrelated))
    late_last_year = said.Said("2023-Q4", "expression", dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    denial = _report("c", 0, "Boris Johnson", "the account given by a senior Ukrainian negotiator as total nonsense",
                     "2024-02-10", actor="JOHNSON", cue="dismissed", stance="deny", dates=[late_last_year])
    assert answer_stance(denial) == "reject"
    found = best_answer(denial, _weights(denial), [claim, other], Similarity())
    assert found is not None and found[0] is claim
    # an answer never answers what was said after it
    early = _report("d", 0, "Boris Johnson", "nonsense", "2023-01-01", actor="JOHNSON", stance="deny")
    assert best_answer(early, _weights(early), [claim], Similarity()) is None


def test_country_government_and_military_are_one_family():
    assert family("GOV-RUS") == family("MIL-RUS") == family("RUS") == "RUS"
    assert family("Q7747") == "Q7747"


def test_answer_words_make_an_assertion_an_answer():
    rejection = _report("a", 0, "Volodymyr Zelensky", "These messages are ultimatum messages", "2024-06-14")
    confirmation = _report("b", 0, "Vladimir Putin", "the negotiator had later admitted publicly that it was so",
                           "2024-02-09")
    plain = _report("c", 0, "Vladimir Putin", "the talks will resume next week", "2024-02-09")
    assert answer_stance(rejection) == "reject"
    assert answer_stance(confirmation) == "confirm"
    assert answer_stance(plain) is None


def test_an_answer_needs_a_party_in_common():
    index = ClaimIndex([], Similarity())
    offer = _report("a", 0, "Vladimir Putin", "a ceasefire if Ukraine withdrew its troops", "2024-06-14",
                    actor="PUTIN", about={"GOV-UKR"})
    claim, _ = index.add(offer, _weights(offer))
    stranger = _report("a", 5, "Someone Else", "the offer was an ultimatum", "2024-06-14", actor="X")
    named = _report("a", 6, "Lloyd Austin", "Putin's offer was an ultimatum", "2024-06-14", actor="AUSTIN",
                    about={"PUTIN"})
    assert best_answer(stranger, _weights(stranger), [claim], Similarity()) is None
    assert best_answer(named, _weights(named), [claim], Similarity())[0] is claim


def test_candidate_claims_load_in_a_fixed_order_whatever_the_rows_order(tmp_path):
    # ties between candidates go to the first one, so the order must come from the claims, not
    # from where a rebuilt or batch-by-batch database happens to keep its rows
    from communique.record.update import _claims_from_rows
    from communique.store import Database

    with Database(tmp_path / "order.duckdb") as db:
        for cid, day in (("c3", "2024-03-01"), ("c1", "2024-01-01"), ("c2b", "2024-02-01"), ("c2a", "2024-02-01")):
            db.connection.execute(
                "INSERT INTO claims (id, speaker_key, said_value, said_basis, said_start, said_end, content) "
                "VALUES (?, 'P', ?, 'expression', ?, ?, 'talks')", [cid, day, day, day],
            )
        loaded = [c.id for c in _claims_from_rows(db.connection, "c.speaker_key = ?", ["P"])]
    assert loaded == ["c1", "c2a", "c2b", "c3"]


def _in_article(index, paragraph, kind, content, speaker="Vladimir Putin"):
    report = _report("a", index, speaker, content, "2022-10-12", actor="PUTIN")
    report.kind, report.paragraph = kind, paragraph
    return report


def test_a_quote_right_after_its_summary_backs_it_whatever_its_words():
    index = ClaimIndex([], Similarity())
    summary = _in_article(0, 1, "indirect", "Russia was ready to send gas through the intact pipeline string")
    quote = _in_article(1, 1, "direct", "The ball is in the EU's court. If they want, they will simply turn on the tap")
    claim = index.add(summary, _weights(summary))[0]
    assert index.add(quote, _weights(quote))[0] is claim
    # a condition the quote gives holds for the claim its summary words without one
    assert claim.position == "conditional"


def test_a_summary_after_a_quote_or_a_quote_two_paragraphs_on_is_another_claim():
    index = ClaimIndex([], Similarity())
    quote = _in_article(0, 1, "direct", "The sabotage of the pipelines is an act of international terrorism")
    summary = _in_article(1, 1, "indirect", "one string of the pipeline appeared intact")
    far_quote = _in_article(2, 3, "direct", "The ball is in the EU's court")
    claims = {index.add(r, _weights(r))[0].id for r in (quote, summary, far_quote)}
    assert len(claims) == 3


def test_the_quote_after_the_lead_backs_it_and_one_further_down_needs_shared_words():
    index = ClaimIndex([], Similarity())
    lead = _in_article(0, 0, "indirect", "Moscow used a false pretext to block the grain corridor", "Dmytro Kuleba")
    backing = _in_article(1, 1, "direct", "We warned about these plans", "Dmytro Kuleba")
    lower = _in_article(2, 2, "indirect", "the ministry would ask the UN to act", "Dmytro Kuleba")
    unrelated = _in_article(3, 3, "direct", "Nobody will be left without bread", "Dmytro Kuleba")
    claim = index.add(lead, _weights(lead))[0]
    assert index.add(backing, _weights(backing))[0] is claim
    assert index.add(lower, _weights(lower))[0] is not claim
    assert index.add(unrelated, _weights(unrelated))[0] not in (claim, index.assigned[lower.key][0])


def _claim(report):
    """The claim ``report`` starts in an index of its own."""
    return ClaimIndex([], Similarity()).add(report, _weights(report))[0]


def _answered(answer, claims, countries=None, context=None):
    """The claim ``answer`` is linked to, or None."""
    found = best_answer(answer, _weights(answer), claims, Similarity(), countries, context)
    return found[0] if found else None


def test_a_quote_that_names_nobody_answers_whom_its_summary_names():
    from communique.record.answers import Context

    claim = _claim(_report("a", 0, "Vladimir Putin", "a ceasefire if Kyiv withdrew its troops from four regions",
                           "2024-06-14", actor="PUTIN", about={"GOV-UKR"}))
    quote = _report("b", 1, "Volodymyr Zelensky", "These messages are ultimatum messages", "2024-06-14", actor="ZELENSKY")
    countries = {"ZELENSKY": "UKR", "PUTIN": "RUS"}
    assert _answered(quote, [claim], countries) is None
    # the summary the quote backs ("Zelensky rejected a demand by Putin ...") names the claimant
    assert _answered(quote, [claim], countries, Context(about={"PUTIN"})) is claim


def test_a_person_of_the_claimants_country_names_the_claimant():
    told = _claim(_report("a", 0, "David Arakhamia", "Boris Johnson told Kyiv to keep fighting", "2023-11-24",
                          actor="ARAKHAMIA", about={"JOHNSON"}))
    said_too = _claim(_report("b", 0, "Maria Zakharova", "Johnson banned Kiev from signing a peace deal", "2023-11-28",
                              actor="ZAKHAROVA", about={"JOHNSON"}))
    # "Ukraine's chief negotiator" was linked to Zelensky: a Ukrainian, like the claimant
    dismissal = _report("c", 0, "Boris Johnson", "the account given by Ukraine's chief negotiator as total nonsense",
                        "2024-01-11", actor="JOHNSON", stance="deny", about={"ZELENSKY"})
    countries = {"ARAKHAMIA": "UKR", "ZELENSKY": "UKR", "ZAKHAROVA": "RUS", "JOHNSON": "GBR"}
    assert _answered(dismissal, [said_too, told], countries) is told


def test_a_reaction_answers_the_claim_its_article_retold():
    from communique.record.answers import Context

    claim = _claim(_report("a", 0, "David Arakhamia", "Boris Johnson told Kyiv to keep fighting", "2023-11-24",
                           actor="ARAKHAMIA", about={"JOHNSON"}))
    reaction = _report("b", 5, "Johnson", "the story was nothing but Russian propaganda", "2024-02-09", actor="JOHNSON")
    assert _answered(reaction, [claim]) is None
    assert _answered(reaction, [claim], context=Context(discussed={claim.id})) is claim


def test_a_claim_about_the_answerers_country_by_a_word_is_about_the_answerer():
    claim = _claim(_report("a", 0, "Russian military", "the attack had been prepared under the guidance of British "
                           "specialists", "2022-10-29", actor="MIL-RUS"))
    rebuttal = _report("b", 2, "British military", "Moscow was peddling false claims of an epic scale", "2022-10-29",
                       actor="MIL-GBR", about={"GOV-RUS"})
    assert _answered(rebuttal, [claim], {"MIL-GBR": "GBR", "MIL-RUS": "RUS"}) is claim


def test_the_answerers_own_state_named_is_the_accused_not_the_claimant():
    claim = _claim(_report("b", 0, "Russian military", "Kyiv was preparing a provocation at the plant", "2022-09-27",
                           actor="MIL-RUS", about={"GOV-UKR"}))
    answer = _report("b", 1, "Dmitry Peskov", "it was predictably stupid and absurd to blame Russia", "2022-09-28",
                     actor="PESKOV", about={"GOV-RUS"})
    answer.speaker_country = "RUS"
    assert _answered(answer, [claim], {"PESKOV": "RUS", "MIL-RUS": "RUS"}) is None


def test_an_answer_is_not_linked_to_the_saying_it_quotes():
    from communique.record.answers import Context, nested_statements

    told = _claim(_report("a", 0, "Seymour Hersh", "U.S. Navy divers had planted explosives on the pipelines",
                          "2023-02-08", actor="HERSH", about={"GOV-USA"}))
    # "there was no truth in a blog post by Hersh that said the United States was behind the
    # explosions": the blog post's saying is a statement nested in the answer
    answer = _report("b", 0, "Adrienne Watson", "there was no truth in a blog post by Seymour Hersh that said the "
                     "United States was behind the explosions", "2023-02-08", actor="GOV-USA", about={"HERSH"})
    quoted = _report("b", 1, "blog post", "the United States was behind the explosions", "2023-02-08",
                     actor="POST", parent=0, about={"GOV-USA"})
    nested = nested_statements([answer, quoted])
    assert nested == {("b", 1): {("b", 0)}, ("b", 0): {("b", 1)}}
    claims = [told, _claim(quoted)]
    countries = {"GOV-USA": "USA", "HERSH": "USA"}
    assert _answered(answer, claims, countries) is claims[1]  # the quoted saying shares every word
    assert _answered(answer, claims, countries, Context(nested=nested[answer.key])) is told


def test_countries_in_common_and_one_article_alone_link_nothing():
    # Zakharova's two points of one briefing; the White House's rebuttal shares no word with
    # either and names neither: which of them it answers, nothing says
    remark = _claim(_report("a", 0, "Maria Zakharova", "a remark the American president made in February",
                            "2022-09-28", actor="ZAKHAROVA"))
    rebuttal = _report("a", 2, "Karine Jean-Pierre", "suggestions of U.S. involvement were preposterous and not true",
                       "2022-09-28", actor="JEAN-PIERRE", about={"USA"})
    countries = {"ZAKHAROVA": "RUS", "JEAN-PIERRE": "USA"}
    assert _answered(rebuttal, [remark], countries) is None
    # a word in common says it: the remark is about "involvement"
    involved = _claim(_report("a", 1, "Maria Zakharova",
                              "the American president must answer for his involvement in the explosions",
                              "2022-09-28", actor="ZAKHAROVA"))
    assert _answered(rebuttal, [remark, involved], countries) is involved


def test_of_equal_scores_the_claim_of_a_named_claimant_wins():
    # a report ("The Washington Post reported ...") and a saying inside it credited to a common
    # noun ("the team would have reported to ...") score alike against Zelensky's denial
    content = "a small team of Ukrainian special forces planned the attack on the pipelines"
    team = _claim(_report("a", 1, "team", content, "2023-06-06", about={"ZELENSKY"}))
    post = _claim(_report("a", 0, "The Washington Post", content, "2023-06-06", actor="POST", about={"ZELENSKY"}))
    denial = _report("b", 0, "Volodymyr Zelensky", "that Ukraine was behind the attack on the pipelines", "2023-06-12",
                     actor="ZELENSKY", stance="deny")
    for claims in ([team, post], [post, team]):
        assert _answered(denial, claims) is post


def test_two_rebuttals_side_by_side_do_not_answer_each_other():
    # "The White House said: This is false and complete fiction. A CIA spokesperson said: This
    # claim is completely and utterly false." Both answer the report they follow, not each other
    white_house = _report("a", 3, "Adrienne Watson", "This is false and complete fiction", "2023-02-08",
                          actor="GOV-USA")
    cia = _report("a", 4, "Tammy Thorp", "This claim is completely and utterly false", "2023-02-08")
    assert _answered(cia, [_claim(white_house)]) is None
    # a rejection reported elsewhere is still a claim a later answer can take up
    zelensky = _report("b", 0, "Volodymyr Zelensky", "rejected a demand by Putin that Kyiv give up four regions",
                       "2024-06-14", actor="ZELENSKY", stance="deny", about={"PUTIN"})
    harris = _report("c", 0, "Kamala Harris", "Putin's demand that Kyiv give up four regions is a call for surrender",
                     "2024-06-15", actor="HARRIS", about={"PUTIN", "UKR"})
    assert _answered(harris, [_claim(zelensky)], {"ZELENSKY": "UKR", "HARRIS": "USA", "PUTIN": "RUS"}) is not None


def test_an_answerer_of_no_known_country_is_tied_by_its_words():
    sabotage = _claim(_report("a", 0, "Mateusz Morawiecki", "the damage to the pipelines was an act of sabotage",
                              "2022-09-27", actor="MORAWIECKI"))
    other = _claim(_report("a", 1, "Mateusz Morawiecki", "gas prices will rise this winter", "2022-09-27",
                           actor="MORAWIECKI"))
    # Swedish prosecutors: no actor with a country, and nobody named in what they say
    confirming = _report("b", 0, "Mats Ljungqvist", "traces of explosives confirmed the damage to the pipelines was "
                         "caused by sabotage", "2022-11-18", actor="local:mats-ljungqvist")
    countries = {"MORAWIECKI": "POL"}
    assert _answered(confirming, [other, sabotage], countries) is sabotage
    unrelated = _report("b", 1, "Mats Ljungqvist", "the investigation is confirmed to continue", "2022-11-18",
                        actor="local:mats-ljungqvist")
    assert _answered(unrelated, [other, sabotage], countries) is None
    # the same words from an answerer whose country is known and who shares no party: no link
    assert _answered(confirming, [other, sabotage], countries | {"local:mats-ljungqvist": "SWE"}) is None
    # nor from a speaker nobody resolved ("her campaign", "I"): whose words they are is unknown
    confirming.speaker_actor = None
    assert _answered(confirming, [other, sabotage], countries) is None


def test_an_answerer_of_no_known_country_needs_more_than_one_word_in_common():
    # "This is a big political win for me" is not an answer to "If we win big in California ..."
    win = _claim(_report("a", 0, "Bernie Sanders", "we win big", "2016-06-01", actor="SANDERS"))
    boast = _report("b", 0, "Local Candidate", "a win for sure", "2016-06-02", actor="local:candidate",
                    stance="admit")
    assert _answered(boast, [win], {"SANDERS": "USA"}) is None


def test_general_rejection_words_make_an_answer():
    for content in ("The president is deeply mistaken", "the reports do not correspond to reality",
                    "suggestions of U.S. involvement were preposterous", "inspectors found no mines on the roofs"):
        assert answer_stance(_report("a", 0, "X", content, "2023-06-24")) == "reject", content


def test_saying_the_other_side_deflects_is_an_answer():
    for content in ("the Armenian leadership was trying to shift responsibility for its failures onto Russia",
                    "the reports were a coordinated attempt to divert attention", "Kyiv is looking for a scapegoat"):
        assert answer_stance(_report("a", 0, "X", content, "2023-09-25")) == "reject", content
    assert answer_stance(_report("a", 0, "X", "the army will shift its forces to the south", "2023-09-25")) is None


def test_a_summary_answers_what_the_quote_backing_it_answers():
    summary = _report("a", 0, "Kamala Harris", "Putin's latest offer amounted to a demand for Ukraine to give up",
                      "2024-06-15")
    quote = _report("a", 1, "Kamala Harris", "He is not calling for negotiations, he is calling for surrender",
                    "2024-06-15")
    assert answer_stance(summary) is None
    assert answer_stance(summary, quote) == "reject"


def test_answers_compare_a_countrys_names_as_one_word():
    assert text.fold_countries({"ukrain": 1.0, "ukrainian": 2.0, "negoti": 1.0}) == {"UKR": 2.0, "negoti": 1.0}
    answer = _weights(_report("a", 0, "X", "the account given by Ukraine's chief negotiator", "2024-01-11"))
    claim = _weights(_report("b", 0, "Y", "Johnson told Ukrainian officials to fight on", "2023-11-25"))
    assert Similarity()(answer, claim) == 0.0
    assert Similarity()(text.fold_countries(answer), text.fold_countries(claim)) > 0.0


def _unit(cosine_with_first: float):
    """A unit vector at the given cosine to (1, 0): what the encoder gives a content."""
    return [cosine_with_first, (1 - cosine_with_first**2) ** 0.5]


def test_with_the_encoder_two_points_of_one_story_stay_two_claims_but_an_answer_still_finds_its_claim():
    # the encoder scores any two sentences of one story about as alike as this (cosine 0.55):
    # for claims that is too little to be one saying, for an answer enough to point at the claim
    first = _report("a", 0, "Dmitry Peskov", "the summit results are close to zero", "2024-06-17", actor="P")
    second = _report("b", 0, "Dmitry Peskov", "Kyiv must withdraw its troops first", "2024-06-17", actor="P")
    first.vector, second.vector = _unit(1.0), _unit(0.55)
    similarity = Similarity(encoder=True)
    index = ClaimIndex([], similarity)
    assert index.add(first, _weights(first))[0] is not index.add(second, _weights(second))[0]
    assert similarity(_weights(first), _weights(second), first.vector, second.vector) < 0.15
    answers = similarity.for_answers()
    assert answers(_weights(first), _weights(second), first.vector, second.vector) == pytest.approx(0.30)


def test_one_saying_retold_in_other_words_is_one_claim():
    # how the record weighs reports: synonyms of data/record/synonyms.tsv as one term
    from communique.record.update import _TermWeights

    weigh = _TermWeights(None, 10)
    index = ClaimIndex([], Similarity())
    pairs = [
        ("his words had been distorted by Russian media", "Moscow had twisted his remarks for propaganda"),
        ("Russia could start negotiations with us even tomorrow", "Moscow could begin talks the next day"),
    ]
    for number, (one, other) in enumerate(pairs):
        a = _report(f"a{number}", 0, "David Arakhamia", one, "2024-01-11", actor=f"A{number}")
        b = _report(f"b{number}", 0, "David Arakhamia", other, "2024-01-11", actor=f"A{number}")
        assert index.add(a, weigh(a.terms))[0] is index.add(b, weigh(b.terms))[0], other
    assert text.fold_synonyms({"negoti": 1.0, "talk": 2.0, "ukrain": 1.0}) == {"talk": 2.0, "ukrain": 1.0}
