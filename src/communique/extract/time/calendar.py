"""Calendar arithmetic and TIMEX3 value formatting.

Owns: shifting a date by calendar units, and writing the TIMEX3 value of the period (day, week,
month, quarter, ...) that contains a date. Must not: know any English word or read the text;
it is plain date logic, so that every rule in the grammar writes values the same way.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Granularities a date can be written at, finest first.
GRANULARITIES = ("day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century")

# Months that belong to each TIMEX3 season (northern hemisphere). Winter is counted in the year
# its December falls in, as TIMEX3 and HeidelTime do.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` calendar ``unit``s (negative goes back)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    if unit == "month":
        return add_months(day, amount)
    if unit == "quarter":
        return add_months(day, 3 * amount)
    if unit == "half":
        return add_months(day, 6 * amount)
    if unit == "year":
        return add_months(day, 12 * amount)
    if unit == "decade":
        return add_months(day, 120 * amount)
    if unit == "century":
        return add_months(day, 1200 * amount)
    raise ValueError(unit)


def quarter_of(day: date) -> int:
    """The quarter (1-4) a date falls in."""
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> tuple[int, str]:
    """The (year, season code) a date falls in; January and February belong to last winter."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    for code, start in (("WI", 12), ("FA", 9), ("SU", 6), ("SP", 3)):
        if day.month >= start:
            return day.year, code
    raise AssertionError(day)


def value_of(day: date, granularity: str) -> str:
    """The TIMEX3 value of the ``granularity`` period that contains ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        year, code = season_of(day)
        return f"{year:04d}-{code}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(granularity)


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (ISO, Monday=1) nearest ``anchor`` in ``direction``.

    Past (-1): the most recent such day on or before the anchor, as in a report of what happened
    "on Sunday". Future (+1): the next such day on or after it. Unknown (0): the one in the
    anchor's own week (Monday to Sunday), which news uses for "on Friday" said mid-week.
    """
    offset = weekday - anchor.isoweekday()
    if direction < 0:
        return anchor + timedelta(days=offset if offset <= 0 else offset - 7)
    if direction > 0:
        return anchor + timedelta(days=offset if offset >= 0 else offset + 7)
    return anchor + timedelta(days=offset)


def month_near(anchor: date, month: int, direction: int) -> int:
    """The year of the ``month`` meant relative to ``anchor``: the last one on or before it when
    the report looks back, the next one on or after it when it looks ahead, else the nearest."""
    # Looking back, the month after publication is still this year's (a schedule reported in
    # the past tense: "the talks were set for November" in late October).
    if direction < 0 and month > anchor.month + 1:
        return anchor.year - 1
    if direction > 0 and month < anchor.month:
        return anchor.year + 1
    if direction == 0 and abs(month - anchor.month) > 6:
        # Tense unknown: the nearest such month ("February" in late October is next February).
        return anchor.year + (1 if month < anchor.month else -1)
    return anchor.year


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (ISO) of a month (Thanksgiving is the 4th Thursday of November)."""
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def parse_iso(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` prefix as a date, or None when absent or malformed."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
