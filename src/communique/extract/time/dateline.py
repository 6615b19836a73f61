"""The publication date written in a news dateline: ``MOSCOW, Aug. 18 (Reuters) -``.

Owns: recognising a dateline at the head of an article and the date it gives. A dateline without
a year takes the year that puts it nearest a known date (a crawl date) when there is one; else
its year stays unresolved. The year is never borrowed from the body: "the 1990s" or "in 2012"
in a 2016 story says nothing about when the story was filed. Must not: look past the first lines
of the article, or overrule a date from metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from communique.dateline import find_datelines
from communique.extract.time.core import LEX


@dataclass(frozen=True)
class DatelineDate:
    """The date a dateline writes: ``value`` ISO ``YYYY-MM-DD``, or None when it has no year and
    none was known; ``span`` its offsets in the text; ``written`` the words (``Oct. 4``)."""

    value: str | None
    span: tuple[int, int]
    written: str


def find_dateline(text: str, near: date | None = None, head_chars: int = 400) -> DatelineDate | None:
    """The date of the dateline the article opens with, or None without a dated dateline.

    Only the first ``head_chars`` characters are searched: a dateline is the article's first line
    or opens its first paragraph. A dateline without a year takes the year that puts it nearest
    ``near`` (a crawl date) when given; else its ``value`` is None (unresolved, not guessed).
    """
    written = next((d.date for d in find_datelines(text, head_chars) if d.date is not None), None)
    if written is None:
        return None
    month = LEX.months[written.month.lower()]
    day = int(written.day)
    words = text[written.span[0] : written.span[1]]
    if written.year:
        year = int(written.year)
    elif near is not None:
        year = min((near.year - 1, near.year, near.year + 1), key=lambda y: abs((_safe(y, month, day) - near).days))
    else:
        if day > (29 if month == 2 else 31) or (month in (4, 6, 9, 11) and day > 30):
            return None  # no such day in any year: not a date
        return DatelineDate(None, written.span, words)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return DatelineDate(found.isoformat(), written.span, words)


def _safe(year: int, month: int, day: int) -> date:
    """The date, with 29 February moved to the 28th in a common year (for distance only)."""
    return date(year, month, min(day, 28) if month == 2 else day)
