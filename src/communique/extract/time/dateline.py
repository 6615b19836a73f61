"""The publication date written in a news dateline: ``MOSCOW, Aug. 18 (Reuters) -``.

Owns: recognising a dateline at the head of an article and the date it gives. A dateline without
a year takes its year from the latest year the article itself writes out (news names the current
year when it matters: "in 2024"); with no year anywhere the date stays unknown rather than
guessed. Must not: look past the first lines of the article, or overrule a date from metadata.
"""

from __future__ import annotations

import re
from datetime import date

from communique.dateline import find_datelines
from communique.extract.time.core import LEX

_YEAR = re.compile(r"(?<![\d$])(?:19|20)\d\d(?!\d)")


def find_dateline(
    text: str, near: date | None = None, head_chars: int = 400
) -> tuple[str, tuple[int, int]] | None:
    """``(YYYY-MM-DD, (start, end))`` of the dateline's date when the article opens with one.

    Only the first ``head_chars`` characters are searched: a dateline is the article's first line
    or opens its first paragraph. A dateline without a year takes the year that puts it nearest
    ``near`` (a crawl date) when given, else the latest year the article writes out.
    """
    written = next((d.date for d in find_datelines(text, head_chars) if d.date is not None), None)
    if written is None:
        return None
    month = LEX.months[written.month.lower()]
    day = int(written.day)
    if written.year:
        year = int(written.year)
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
    return found.isoformat(), written.span


def _safe(year: int, month: int, day: int) -> date:
    """The date, with 29 February moved to the 28th in a common year (for distance only)."""
    return date(year, month, min(day, 28) if month == 2 else day)
