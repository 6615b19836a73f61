"""Rules for expressions counted from the publication date or from the last date mentioned:
``yesterday``, ``on Sunday``, ``last month``, ``earlier this month``, ``next week``,
``three years ago``, ``a year earlier``, ``the previous day``, ``this morning``.

Owns: these patterns and the news reading of them: a weekday in a past-tense report is the most
recent one on or before publication, in a future-tense one the next; ``a year earlier`` in an
earnings story is the same quarter a year before. Without a publication date each raises
:class:`Unresolved` with the anchor it needs (``published-P1M``). Must not: handle named dates.
"""

from __future__ import annotations

import re
from datetime import date

from communique.extract.time import calendar as cal
from communique.extract.time.core import (
    LEX,
    NUM,
    POD,
    POSITION,
    UNIT,
    WEEKDAY,
    Context,
    number_of,
    rule,
    unit_name,
)

Value = tuple[str, str | None] | None

_GRANULARITY = {"day": "day", "night": "day", "week": "week", "weekend": "weekend", "month": "month",
                "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}
_OFFSET = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0,
           "same": 0, "that": 0, "next": 1, "coming": 1, "following": 1}


def _pod(word: str | None) -> str | None:
    return LEX.parts_of_day.get(word.lower()) if word else None


def _day_value(day: date, pod: str | None) -> tuple[str, str]:
    return ("TIME", f"{day.isoformat()}T{pod}") if pod else ("DATE", day.isoformat())


def relative_day(m: re.Match[str], ctx: Context) -> Value:
    """``today``, ``yesterday``, ``tomorrow morning``, ``the day before yesterday``."""
    word = m.group("rd").lower()
    left = ctx.text[max(0, ctx.start - 12) : ctx.start]
    if m.group("rd")[0].isupper() and re.search(r"[A-Z][\w']*\s+$", left):
        return None  # a name: "USA Today", "NBC's Today show" (after another capitalised word)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if m.group("around"):
        offset += -1 if m.group("around").lower() == "before" else 1
    anchor = "published" + (f"{offset:+d}D".replace("+", "+P").replace("-", "-P") if offset else "")
    published = ctx.need_published(anchor)
    day = cal.shift(published, "day", offset)
    return _day_value(day, _pod(m.group("pod")))


def part_of_day(m: re.Match[str], ctx: Context) -> Value:
    """``this morning``, ``last night``, ``yesterday afternoon``."""
    rel = m.group("rel").lower()
    offset = {"this": 0, "tonight": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and m.group("pod").lower() != "night":
        return None  # "last morning" is not news English
    published = ctx.need_published("published" + ("-P1D" if offset < 0 else "+P1D" if offset else ""))
    return _day_value(cal.shift(published, "day", offset), _pod(m.group("pod")))


def next_part_of_day(m: re.Match[str], ctx: Context) -> Value:
    """``the next morning``, ``the following night``: the day after the last date mentioned."""
    base = ctx.need_reference("published+P1D")
    return _day_value(cal.shift(base, "day", 1), _pod(m.group("pod")))


def weekday(m: re.Match[str], ctx: Context) -> Value:
    """``on Sunday``, ``last Friday``, ``next Tuesday``: the day nearest publication in the
    direction of the tense (past when unknown: news reports what happened)."""
    number = LEX.weekdays[m.group("weekday").lower().rstrip(".")]
    rel = (m.group("rel") or "").lower()
    # News reports what happened: a weekday in a sentence of unknown tense is a past one.
    stated = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
    direction = stated.get(rel, ctx.direction or -1)
    name = m.group("weekday").capitalize().rstrip(".")
    label = {-1: "previous", 1: "next", 0: "nearest"}[direction]
    published = ctx.need_published(f"published:{label}-{name}")
    day = cal.weekday_near(published, number, direction)
    if day == published and rel in ("last", "past", "previous", "next"):
        # "last Friday" said on a Friday is a week ago; "next Friday" a week ahead.
        day = cal.shift(day, "week", direction)
    # "Friday night" is written as the day: annotated news gives the part of day on a weekday
    # less often than not, and the day is what dates an event.
    return "DATE", day.isoformat()


def relative_unit(m: re.Match[str], ctx: Context) -> Value:
    """``last month``, ``this week``, ``earlier this year``, ``the following day``, ``that year``."""
    rel = m.group("rel").lower()
    unit = unit_name(m.group("unit"))
    if unit == "day" and rel not in ("previous", "preceding", "following", "next", "same", "that"):
        return None  # "the last day of", "this day" are not dates here
    offset = _OFFSET[rel]
    if rel == "past" and m.group("det"):
        offset = -1  # "the past year" as a date is the last one
    granularity = _GRANULARITY[unit]
    counted_from_reference = rel in ("previous", "preceding", "following", "same", "that") or (
        rel == "next" and m.group("det") is not None
    )
    sign = "+" if offset > 0 else "-"
    letter = {"day": "D", "week": "W", "weekend": "W", "month": "M", "quarter": "Q", "year": "Y"}.get(unit, "Y")
    anchor = "published" + (f"{sign}P{abs(offset)}{letter}" if offset else "")
    base = ctx.need_reference(anchor) if counted_from_reference else ctx.need_published(anchor)
    shifted = cal.shift(base, "week" if unit == "weekend" else unit, offset)
    if unit == "quarter":
        return "DATE", cal.value_of(shifted, "quarter")
    return "DATE", cal.value_of(shifted, granularity)


def weekend(m: re.Match[str], ctx: Context) -> Value:
    """``the weekend``, ``this weekend``: the one nearest publication (the last one by default)."""
    published = ctx.need_published("published:nearest-weekend")
    saturday = cal.weekday_near(published, 6, ctx.direction if ctx.direction else -1)
    return "DATE", cal.value_of(saturday, "weekend")


def ago(m: re.Match[str], ctx: Context) -> Value:
    """``three years ago`` (from publication), ``a year earlier`` / ``two days later`` (from the
    last date mentioned), ``year-earlier`` (the same quarter a year before, in earnings news)."""
    num = m.groupdict().get("num")
    amount = number_of(num) if num else 1.0
    unit = unit_name(m.group("unit"))
    direction = (m.group("dir") or "earlier").lower()
    sign = 1 if re.match(r"later|from|hence|after", direction) else -1
    if amount is None or amount != int(amount):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    steps = sign * int(amount)
    if unit == "year" and steps == -1 and ctx.quarter is not None:
        # An earnings story compares with the same quarter a year before.
        year, number = ctx.quarter
        return "DATE", f"{year - 1:04d}-Q{number}"
    if unit in ("hour", "minute", "second"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    letter = LEX.units[unit]["letter"]
    anchor = f"published{'+' if steps > 0 else '-'}P{abs(steps)}{letter}"
    from_publication = direction in ("ago", "from now", "hence", "back")
    base = ctx.need_published(anchor) if from_publication else ctx.need_reference(anchor)
    granularity = {"decade": "year", "century": "year", "fortnight": "day", "night": "day"}.get(unit, unit)
    return "DATE", cal.value_of(cal.shift(base, unit, steps), granularity)


RULES = [
    rule(
        "relative_day",
        rf"(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+(?P<around>before|after)\s+)?"
        rf"(?P<rd>today|tonight|yesterday|tomorrow)(?:\s+{POD})?",
        relative_day,
    ),
    rule(
        "part_of_day",
        rf"(?:(?:early|late|earlier|later|mid)[\s-]*)?(?P<rel>this|last|tomorrow|yesterday)\s+{POD}",
        part_of_day,
    ),
    rule(
        "weekday",
        rf"(?:(?P<rel>last|this|next|coming|past|previous)\s+)?(?:(?:early|late)\s+)?{WEEKDAY}(?:\s+{POD})?",
        weekday,
        ("weekday",),
    ),
    rule(
        "relative_unit",
        rf"(?:{POSITION}[\s-]+)?(?:(?P<det>the)\s+)?"
        r"(?P<rel>last|this|next|coming|past|previous|preceding|following|current|same|that)\s+"
        r"(?P<unit>day|week|weekend|month|quarter|year|decade|century)",
        relative_unit,
    ),
    rule("next_part_of_day", rf"the\s+(?:next|following)\s+{POD}", next_part_of_day),
    rule("weekend", r"(?:the|this)\s+weekend", weekend),
    rule(
        "ago",
        rf"(?:(?:about|some|nearly|almost|more\s+than|less\s+than|over|just|only|roughly)\s+)?{NUM}[\s-]+{UNIT}s?"
        r"\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)",
        ago,
    ),
    rule("year_earlier", r"(?P<unit>year|month|week)[\s-](?P<dir>earlier|ago)", ago),
]
