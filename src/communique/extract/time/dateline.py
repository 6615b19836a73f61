"""The publication date written in a news dateline: ``MOSCOW, Aug. 18 (Reuters) -``.

Owns: recognising a dateline at the head of an article and the date it gives. A dateline without
a year takes its year from the latest year the article itself writes out (news names the current
year when it matters: "in 2024"); with no year anywhere the date stays unknown rather than
guessed. Must not: look past the first lines of the article, or overrule a date from metadata.
"""

from __future__ import annotations

import re
from datetime import date

from communique.extract.time.core import LEX
from communique.extract.time.lexicon import alternation

_MONTHS = alternation(LEX.months)
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’ -]{1,40}?(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+){0,2})?),?[ \t]+"
    rf"(?:(?i:{alternation(LEX.weekdays)})\.?,?[ \t]+)?"
    rf"(?P<month>(?i:{_MONTHS}))\.?[ \t]+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
    r"[ \t]*(?:\((?P<agency>[^)\n]{2,40})\)[ \t]*)?(?:[-–—:]|\n)",
    re.MULTILINE,
)
_YEAR = re.compile(r"(?<![\d$])(?:19|20)\d\d(?!\d)")


def find_dateline(
    text: str, near: date | None = None, head_chars: int = 400
) -> tuple[str, tuple[int, int]] | None:
    """``(YYYY-MM-DD, (start, end))`` of the dateline's date when the article opens with one.

    Only the first ``head_chars`` characters are searched: a dateline is the article's first line
    or opens its first paragraph. A dateline without a year takes the year that puts it nearest
    ``near`` (a crawl date) when given, else the latest year the article writes out.
    """
    match = DATELINE.search(text[:head_chars])
    if match is None or not match.group("place")[0].isupper():
        return None
    month = LEX.months[match.group("month").lower()]
    day = int(match.group("day"))
    if match.group("year"):
        year = int(match.group("year"))
    elif near is not None:
        year = min((near.year - 1, near.year, near.year + 1), key=lambda y: abs((_safe(y, month, day) - near).days))
    else:
        years = [int(y) for y in _YEAR.findall(text)]
        if not years:
            return None
        year = max(years)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    end = match.end("year") if match.group("year") else match.end("day")
    return found.isoformat(), (match.start("month"), end)


def _safe(year: int, month: int, day: int) -> date:
    """The date, with 29 February moved to the 28th in a common year (for distance only)."""
    return date(year, month, min(day, 28) if month == 2 else day)
