"""A news dateline: ``MOSCOW, Aug. 18 (Reuters) -``, ``KYIV, Ukraine (AP) —``, ``Kyiv, Nov 3 -``.

Owns: the one definition of a dateline that every stage shares. Ingest refuses one as a
headline, nlp ends a sentence after it (left in the lead, the small parser takes the place for
the subject), and the time extractor reads the publication date from it. Must not: decide
years or dates (extract/time/dateline.py does), or look past the head of the article.

A dateline opens a line: a place of one to four capitalised words, maybe a region or country,
maybe a date (weekday, month, day, year), maybe the agency in parentheses, then a mark (a dash,
a colon, or the end of the line). Ordinary lead sentences look like this too ("NATO - the
alliance said", "Moscow: the talks"), so the evidence must add up: a place in capitals needs a
date, an agency, or an en or em dash; a place in title case ("Kyiv, Nov 3 -") needs the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from communique.data.time import lexicon_tables

# a dateline opens the story's first paragraphs, after a headline and a byline at most
HEAD_CHARS = 600
_WORD = r"[A-Z][A-Za-z.'\u2019-]*"
_REGION_WORD = r"[A-Z][A-Za-z.]+"


@dataclass(frozen=True)
class WrittenDate:
    """A dateline's date as written: its offsets, and month, day and year (None) as text."""

    span: tuple[int, int]
    month: str
    day: str
    year: str | None


@dataclass(frozen=True)
class Dateline:
    """Character offsets of one dateline in the text; ``date`` is None without a month and day."""

    start: int
    lead: int  # where the text after the dateline (the lead sentence) starts
    place: tuple[int, int]
    date: WrittenDate | None
    agency: str | None


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # month and weekday names come from the time lexicon, the one list the date parser uses too
    names = lexicon_tables()

    def alternation(section: str) -> str:
        return "|".join(sorted((re.escape(w) for w in names[section]), key=len, reverse=True))

    return re.compile(
        rf"^[ \t]*(?P<place>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
        rf"(?:,[ \t]*{_REGION_WORD}(?:[ \t]+{_REGION_WORD}){{0,2}})?"
        r"(?:,?[ \t]+"
        rf"(?:(?i:{alternation('weekdays')})\.?,?[ \t]+)?"
        rf"(?P<month>(?i:{alternation('months')}))\.?[ \t]+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
        r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?)?"
        r"[ \t]*(?:\((?P<agency>[^)\n]{2,40})\))?"
        r"[ \t]*(?P<mark>--|[-\u2013\u2014\u2015:]|\n)(?P<gap>[ \t]*)",
        re.MULTILINE,
    )


def find_datelines(text: str, head_chars: int = HEAD_CHARS) -> list[Dateline]:
    """The datelines that open a line in the first ``head_chars`` characters of ``text``."""
    found = []
    for match in _pattern().finditer(text, 0, min(len(text), head_chars)):
        dateline = _accepted(match)
        if dateline is not None:
            found.append(dateline)
    return found


def opens_with_dateline(line: str) -> bool:
    """Whether ``line`` starts with a dateline."""
    match = _pattern().match(line)
    return match is not None and _accepted(match) is not None


def _accepted(match: re.Match[str]) -> Dateline | None:
    place, month, agency, mark = match.group("place"), match.group("month"), match.group("agency"), match.group("mark")
    letters = [c for c in place if c.isalpha()]
    in_capitals = all(c.isupper() for c in letters) and len(letters) > 1
    if not (in_capitals or month):
        return None
    # a hyphen or colon is any sentence's, and a dash glued to the next word ("ISIS—the
    # group") a compound's: neither makes a dateline without a date or an agency
    if (mark in ("-", ":", "\n") or not match.group("gap")) and not (month or agency):
        return None
    date = None
    if month:
        year = match.group("year")
        span = (match.start("month"), match.end("year") if year else match.end("day"))
        date = WrittenDate(span, month, match.group("day"), year)
    return Dateline(start=match.start("place"), lead=match.end(), place=match.span("place"), date=date, agency=agency)
