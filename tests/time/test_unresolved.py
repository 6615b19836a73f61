"""Without a publication date nothing relative is guessed: value None, an anchor saying what it
is relative to; expressions that name their date keep their value."""

from __future__ import annotations

import pytest

from communique.extract.time import tag


@pytest.mark.parametrize(
    "text, words, anchor",
    [
        ("Last month, Putin recalled the deal.", "Last month", "published-P1M"),
        ("He said earlier this month that talks could resume.", "earlier this month", "published"),
        ("The ministers will meet next week.", "next week", "published+P1W"),
        ("Prices rose yesterday.", "yesterday", "published-P1D"),
        ("The interview was released on Sunday.", "Sunday", "published:previous-Sunday"),
        ("The ceasefire began on Aug. 18.", "Aug. 18", "published:XXXX-08-18"),
        ("The army withdrew three years ago.", "three years ago", "published-P3Y"),
        ("The statement came at 3 p.m.", "3 p.m.", "published:T15:00"),
    ],
)
def test_relative_expressions_are_unresolved_without_a_date(text, words, anchor):
    (expression,) = tag(text, None)
    assert (expression.text, expression.value, expression.anchor) == (words, None, anchor)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Talks collapsed in the spring of 2022.", "2022-SP"),
        ("The treaty was signed on 18 August 2024.", "2024-08-18"),
        ("The war has lasted three years.", "P3Y"),
        ("Envoys meet every week.", "P1W"),
        ("Both sides are now negotiating.", "PRESENT_REF"),
    ],
)
def test_absolute_expressions_keep_their_value_without_a_date(text, value):
    (expression,) = tag(text, None)
    assert (expression.value, expression.anchor) == (value, None)


def test_malformed_publication_date_leaves_relative_expressions_unresolved():
    (expression,) = tag("Turnout fell last year.", "18/08/2024")
    assert (expression.value, expression.anchor) == (None, "published-P1Y")
