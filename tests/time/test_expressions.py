"""Expression by expression: what the tagger finds and the TIMEX3 value it gives, with the
publication date fixed at Sunday 2024-08-18 (the reference article's)."""

from __future__ import annotations

import pytest

from communique.extract.time import tag

PUBLISHED = "2024-08-18"


def only(text: str, published: str | None = PUBLISHED):
    """The single expression found in ``text``."""
    found = tag(text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    "text, words, kind, value",
    [
        # named dates
        ("The ceasefire began on Aug. 18.", "Aug. 18", "DATE", "2024-08-18"),
        ("The treaty was signed on 18 August 2024.", "18 August 2024", "DATE", "2024-08-18"),
        ("The report is dated 2024-08-18.", "2024-08-18", "DATE", "2024-08-18"),
        ("Bonds due Oct. 15, 1999 were sold.", "Oct. 15, 1999", "DATE", "1999-10-15"),
        ("Talks resumed in July 1997.", "July 1997", "DATE", "1997-07"),
        ("The deal was signed in 2022.", "2022", "DATE", "2022"),
        ("Fighting flared in mid-July.", "mid-July", "DATE", "2024-07"),
        ("The pipeline opens in late 2023.", "late 2023", "DATE", "2023"),
        ("Talks collapsed in the spring of 2022.", "the spring of 2022", "DATE", "2022-SP"),
        ("Inflation peaked in the 1990s.", "the 1990s", "DATE", "199X"),
        ("It was built in the 20th century.", "the 20th century", "DATE", "19"),
        ("Profit fell in the third quarter of 2023.", "the third quarter of 2023", "DATE", "2023-Q3"),
        ("Sales rose in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1"),
        ("Sales fell in the first quarter of last year.", "the first quarter of last year", "DATE", "2023-Q1"),
        ("Profit rose in the final quarter of 2009.", "the final quarter of 2009", "DATE", "2009-Q4"),
        ("Trade slowed in fiscal 2023.", "fiscal 2023", "DATE", "2023"),
        ("Shops closed on Christmas Day.", "Christmas Day", "DATE", "2023-12-25"),
        # counted from the publication date
        ("Last month, Putin recalled the deal.", "Last month", "DATE", "2024-07"),
        ("He said earlier this month that talks could resume.", "earlier this month", "DATE", "2024-08"),
        ("The ministers met last week.", "last week", "DATE", "2024-W32"),
        ("The ministers will meet next week.", "next week", "DATE", "2024-W34"),
        ("Turnout fell last year.", "last year", "DATE", "2023"),
        ("Prices rose yesterday.", "yesterday", "DATE", "2024-08-17"),
        ("The vote is tomorrow.", "tomorrow", "DATE", "2024-08-19"),
        ("Rockets hit the city this morning.", "this morning", "TIME", "2024-08-18TMO"),
        ("Shelling continued last night.", "last night", "TIME", "2024-08-17TNI"),
        ("The army withdrew three years ago.", "three years ago", "DATE", "2021"),
        ("He had resigned in the summer.", "the summer", "DATE", "2024-SU"),
        ("Exports grew last fall.", "last fall", "DATE", "2023-FA"),
        ("The talks start in the coming days.", "the coming days", "DATE", "FUTURE_REF"),
        ("Both sides are now negotiating.", "now", "DATE", "PRESENT_REF"),
        ("He is currently in Minsk.", "currently", "DATE", "PRESENT_REF"),
        ("The minister recently visited Kiev.", "recently", "DATE", "PAST_REF"),
        # durations
        ("The war has lasted three years.", "three years", "DURATION", "P3Y"),
        ("The siege lasted 18 months.", "18 months", "DURATION", "P18M"),
        ("Prices rose over the past two months.", "the past two months", "DURATION", "P2M"),
        ("A two-day summit opened.", "two-day", "DURATION", "P2D"),
        ("They signed a 30-year contract.", "30-year", "DURATION", "P30Y"),
        ("He spoke for several hours.", "several hours", "DURATION", "PTXH"),
        ("The raid took half an hour.", "half an hour", "DURATION", "PT30M"),
        ("Negotiations dragged on for years.", "years", "DURATION", "PXY"),
        # sets
        ("Envoys meet every week.", "every week", "SET", "P1W"),
        ("Inspectors visit each year.", "each year", "SET", "P1Y"),
        ("The bulletin appears daily.", "daily", "SET", "P1D"),
        ("Convoys left twice a day.", "twice a day", "SET", "P1D"),
        ("Protests are held every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        # times of day
        ("The statement came at 3 p.m.", "3 p.m.", "TIME", "2024-08-18T15:00"),
        ("Voting closed at 10:35 a.m. EST.", "10:35 a.m. EST", "TIME", "2024-08-18T10:35"),
        ("Markets closed at noon.", "noon", "TIME", "2024-08-18T12:00"),
        ("The deadline is 5 p.m. EST, Aug. 20.", "5 p.m. EST, Aug. 20", "TIME", "2024-08-20T17:00"),
        ("The launch is set for 18:00 UTC.", "18:00 UTC", "TIME", "2024-08-18T18:00Z"),
    ],
)
def test_expression_value(text, words, kind, value):
    expression = only(text)
    assert (expression.text, expression.type, expression.value) == (words, kind, value)
    assert text[expression.start : expression.end] == words


def test_weekday_in_a_past_tense_report_is_the_last_one():
    # Published on Sunday 2024-08-18: "on Sunday" is that day, "on Friday" two days before.
    assert only("The interview was released on Sunday.").value == "2024-08-18"
    assert only("He said on Friday that talks failed.").value == "2024-08-16"


def test_weekday_in_a_future_tense_report_is_the_next_one():
    assert only("The delegations will meet on Tuesday.").value == "2024-08-20"


def test_month_direction_follows_tense():
    assert only("The offensive began in October.").value == "2023-10"
    assert only("Elections will be held in October.").value == "2024-10"


def test_tense_is_read_from_the_parse(parse):
    from communique.extract.time.tense import doc_direction

    text = "Officials said the vote, which will take place on Saturday, was agreed on Thursday."
    doc, _ = parse(text)
    found = {t.text: t.value for t in tag(text, PUBLISHED, doc_direction(doc))}
    assert found == {"Saturday": "2024-08-24", "Thursday": "2024-08-15"}


def test_previous_day_counts_from_the_last_date_mentioned():
    found = tag("The summit opened on Aug. 12. The previous day, protesters gathered.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("Aug. 12", "2024-08-12"), ("The previous day", "2024-08-11")]


def test_a_year_earlier_in_an_earnings_report_is_the_same_quarter():
    found = tag("Profit rose in the second quarter, from $5 million a year earlier.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("the second quarter", "2024-Q2"), ("a year earlier", "2023-Q2")]


def test_money_per_unit_is_a_set_not_a_duration():
    expression = only("The fee is $5 a day.")
    assert (expression.text, expression.type, expression.value) == ("a day", "SET", "P1D")


@pytest.mark.parametrize(
    "text",
    [
        "She may resign.",  # the modal verb
        "Troops began to march on the capital.",
        "The $1990 fee was paid.",
        "He met Jan Smith.",
        "The sun rose over the sea.",
        "A 6-year-old boy was rescued.",  # an age
        "He won a second term.",  # the ordinal, not a second of time
    ],
)
def test_words_that_only_look_like_times_are_not_tagged(text):
    assert tag(text, PUBLISHED) == []


def test_boilerplate_is_skipped():
    text = "Photo taken on Aug. 12. The talks began on Aug. 14."
    found = tag(text, PUBLISHED, skip=[(0, 23)])
    assert [t.text for t in found] == ["Aug. 14"]


@pytest.mark.parametrize(
    "text",
    ["It formed 99999 years ago.", "Feb. 30, 2024", "2024-13-45", "the 99th century", "every 0 days", "12 a.m."],
)
def test_odd_input_never_raises(text):
    for published in (PUBLISHED, None, "2024-02-29"):
        for expression in tag(text, published):
            assert text[expression.start : expression.end] == expression.text


def test_today_inside_a_name_is_not_a_date():
    assert [t.text for t in tag("Figueroa told USA Today. Today, he resigned.", PUBLISHED)] == ["Today"]


@pytest.mark.parametrize(
    "text, words, value",
    [
        ("Slepian was shot last Oct. 23 at his home.", "last Oct. 23", "2023-10-23"),
        ("In July last year, Hun Sen staged a coup.", "July last year", "2023-07"),
        ("The dividend is payable Dec. 15.", "Dec. 15", "2024-12-15"),
    ],
)
def test_month_and_day_relative_to_publication(text, words, value):
    expression = only(text)
    assert (expression.text, expression.value) == (words, value)
