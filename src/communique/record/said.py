"""When a statement was said, as an interval of days, from its dating and its article's date.

Owns: reading a statement's ``time_value`` (TIMEX3-style: ``2024-08-18``, ``2024-08``, ``2024``,
``2024-W33``) or its article's publication date into ``(start, end)`` dates, and the gap in days
between two such intervals. Must not: date statements (the extract stage's dating did that).

The basis matters for claims: a statement dated by an expression (``said on Sunday``, ``last
month``) is pinned to that day or period; one dated only by its article (basis ``published``)
was said on or shortly before the publication date, or, for a recap (``Johnson, who allegedly
advised Kiev ...``), any time before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 12)}


@dataclass(frozen=True)
class Said:
    """When something was said: a value as written by the dating stage, its basis, and the days
    it covers. ``start``/``end`` are None when nothing dates it."""

    value: str | None
    basis: str
    start: dt.date | None
    end: dt.date | None

    @property
    def precise(self) -> int:
        """How precise the dating is (higher wins when reports of one claim disagree)."""
        if self.start is None:
            return 0
        width = (self.end - self.start).days
        rank = 3 if width == 0 else 2 if width <= 31 else 1
        return rank + (1 if self.basis == "expression" else 0)


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a TIMEX3-style date value covers, or None when it is not a calendar date."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            year, quarter = int(m[1]), int(m[2])
            last = 3 * quarter
            return dt.date(year, last - 2, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
        if m := _SEASON.match(value):
            year = int(m[1])
            first, last = _SEASON_MONTHS[m[2]]
            return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    except ValueError:
        return None
    return None


def said(time_value: str | None, time_basis: str | None, published: dt.date | None) -> Said:
    """When a statement was said: its own dating when that is a calendar date, else its
    article's publication date, else unknown."""
    days = interval(time_value) if time_basis == "expression" else None
    if days is not None:
        return Said(time_value, "expression", *days)
    if published is not None:
        return Said(published.isoformat(), "published", published, published)
    return Said(None, "unknown", None, None)


def gap_days(a: Said, b: Said) -> int | None:
    """Days between two datings (0 when they overlap), or None when either is undated."""
    if a.start is None or b.start is None:
        return None
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0
