"""StatementDater: the expression that governs a cue dates the statement; otherwise the
publication date; otherwise unknown. Statements are built by hand on parsed documents."""

from __future__ import annotations

from communique.extract.time import StatementDater, TimeExtractor
from communique.model import Event, Role, Statement
from communique.settings import Settings


def _statement(text: str, cue: str, content: str) -> Statement:
    c, s = text.index(cue), text.index(content)
    return Statement(
        cue=Role.from_spans(text, [(c, c + len(cue))]),
        content=Role.from_spans(text, [(s, s + len(content))]),
    )


def _run(parse, text: str, statements, published: str | None = "2024-08-18", events=()):
    doc, article = parse(text, published=published)
    TimeExtractor(Settings())(doc, article)
    article.statements = list(statements)
    article.events = list(events)
    StatementDater(Settings())(doc, article)
    return article


def test_fronted_time_dates_the_statement(parse):
    text = "Last month, Putin recalled that the deal remains on the table."
    article = _run(parse, text, [_statement(text, "recalled", "the deal remains on the table")])
    time = article.statements[0].time
    assert (time.value, time.basis) == ("2024-07", "expression")
    assert article.times[time.time].text == "Last month"


def test_time_inside_a_modifier_of_the_cue_dates_it(parse):
    text = "In an interview released on Sunday, Lukashenko urged the two countries to return to talks."
    article = _run(parse, text, [_statement(text, "urged", "the two countries to return to talks")])
    assert (article.statements[0].time.value, article.statements[0].time.basis) == ("2024-08-18", "expression")


def test_time_inside_the_reported_content_does_not_date_the_statement(parse):
    text = "Lukashenko said the talks collapsed in the spring of 2022."
    article = _run(parse, text, [_statement(text, "said", "the talks collapsed in the spring of 2022")])
    assert (article.statements[0].time.value, article.statements[0].time.basis) == ("2024-08-18", "published")


def test_without_any_date_the_time_is_unknown(parse):
    text = "Lukashenko said the talks must resume."
    article = _run(parse, text, [_statement(text, "said", "the talks must resume")], published=None)
    assert (article.statements[0].time.value, article.statements[0].time.basis) == (None, "unknown")


def test_unresolved_governing_expression_keeps_its_index(parse):
    text = "Last month, Putin recalled that the deal remains on the table."
    article = _run(parse, text, [_statement(text, "recalled", "the deal remains on the table")], published=None)
    time = article.statements[0].time
    assert (time.value, time.basis) == (None, "expression")
    assert article.times[time.time].anchor == "published-P1M"


def test_events_are_dated_by_their_trigger(parse):
    text = "Russian forces shelled Kharkiv on Friday, officials said."
    start = text.index("shelled")
    event = Event(type="ASSAULT", trigger=Role.from_spans(text, [(start, start + len("shelled"))]))
    article = _run(parse, text, [], events=[event])
    assert (article.events[0].time.value, article.events[0].time.basis) == ("2024-08-16", "expression")


def test_reference_article_statements(parse, example_text):
    recalled = _statement(example_text, "recalled", "the Istanbul deal")
    urged = _statement(example_text, "urged", "the two countries")
    article = _run(parse, example_text, [recalled, urged])
    assert article.statements[0].time.value == "2024-07"
    assert article.statements[1].time.value == "2024-08-18"
    assert {s.time.basis for s in article.statements} == {"expression"}


def test_time_of_a_noun_dates_that_thing_not_the_event(parse):
    text = "Peskov condemned the attacks of last month."
    start = text.index("condemned")
    event = Event(type="DISAPPROVE", trigger=Role.from_spans(text, [(start, start + len("condemned"))]))
    article = _run(parse, text, [], events=[event])
    assert article.events[0].time.basis == "published"


def test_time_of_the_statement_occasion_dates_it(parse):
    text = "In a speech on Friday, Peskov condemned the attacks."
    article = _run(parse, text, [_statement(text, "condemned", "the attacks")])
    assert (article.statements[0].time.value, article.statements[0].time.basis) == ("2024-08-16", "expression")


def test_a_date_right_after_the_cue_dates_the_statement_in_the_saying_s_tense(parse):
    # published on a Saturday: "on Friday" is the day before, though the parser hangs it on the
    # reported "would raise" (whose future tense would make it the next Friday)
    text = "Beijing said on Friday it would raise its own levies on U.S. goods."
    article = _run(parse, text, [_statement(text, "said", "it would raise its own levies on U.S. goods")],
                   published="2025-04-12")
    time = article.statements[0].time
    assert (time.value, time.basis) == ("2025-04-11", "expression")


def test_a_date_in_an_earlier_sentence_does_not_date_a_later_statement(parse):
    text = "The minister met his counterpart on Tuesday. The ministry said the strike killed 12 people."
    article = _run(parse, text, [_statement(text, "said", "the strike killed 12 people")], published="2025-04-12")
    assert article.statements[0].time.basis == "published"


def test_a_date_inside_the_reported_noun_keeps_the_reported_tense(parse):
    text = "He said Friday's meeting will decide the budget."
    doc, article = parse(text, published="2025-04-12")
    TimeExtractor(Settings())(doc, article)
    (friday,) = [t for t in article.times if t.text == "Friday"]
    assert friday.value == "2025-04-18"
