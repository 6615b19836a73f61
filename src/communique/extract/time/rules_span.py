"""Rules for durations, sets, clock times and vague references: ``three years`` (P3Y),
``the past two months``, ``every week`` (SET P1W), ``twice a day``, ``3 p.m.``, ``now``
(PRESENT_REF), ``recently`` (PAST_REF), ``in the coming days`` (FUTURE_REF).

Owns: these patterns. A clock time takes its day from the publication date (or the weekday or
relative day written with it). Must not: resolve named or relative dates (the other rule modules).
"""

from __future__ import annotations

import re

from communique.extract.time import calendar as cal
from communique.extract.time.core import LEX, NUM, UNIT, WEEKDAY, Context, duration, number_of, rule, unit_name
from communique.extract.time.lexicon import alternation

Value = tuple[str, str | None] | None

# What comes before "a day" when it is a rate ("$5 a day", "40 barrels a day", "twice a day").
_MONEY_OR_COUNT = re.compile(
    r"(?:[$£€]\s?[\d.,]+(?:\s+(?:million|billion|thousand))?|\d[\d.,]*\s*(?:%|percent|[a-z]+s)?"
    r"|cents?|times|once|twice)\s+$"
)
_NOT_TIME_AFTER_CURRENT = re.compile(r"\s+(?:account|assets|liabilit|events|affairs|law|rules|system|form)")
_COUNT_AFTER_PAST = re.compile(r"\s+(?:two|three|four|five|six|seven|eight|nine|ten|few|several|\d)")


def span_duration(m: re.Match[str], ctx: Context) -> Value:
    """``three years`` (P3Y), ``the past two months``, ``a two-day``, ``several hours`` (PTXH);
    ``$5 a day`` is a set."""
    unit = unit_name(m.group("unit"))
    amount = number_of(m.group("num")) if m.group("num") else None
    word = (m.group("num") or "").lower()
    if word in ("a", "an") and _MONEY_OR_COUNT.search(ctx.before(30)):
        return "SET", duration(1, unit)  # "$5 a day", "three times a week"
    if amount is None and not m.group("num") and not m.group("unit").lower().endswith("s"):
        return None
    if m.group("num") and word.isdigit() and unit in ("second", "minute", "hour") and int(word) > 500:
        return None
    after = ctx.text[ctx.end : ctx.end + 12]
    if unit == "second" and word in ("a", "an") and not re.match(r"\s*(?:[,.;)]|later|ago|earlier|$)", after):
        return None  # "a second term", "a second consecutive day": the ordinal
    if re.match(r"[\s-]+old\b", after):
        return None  # "a 6-year-old boy": an age, not a period
    return "DURATION", duration(amount, unit)


def bare_plural(m: re.Match[str], ctx: Context) -> Value:
    """``for years``, ``took months``: an unknown number of units (PXY)."""
    if not re.search(r"\b(?:for|over|within|in|take|takes|took|taking|lasted|last)\s+$", ctx.before(10)):
        return None
    return "DURATION", duration(None, unit_name(m.group("unit")))


def whole_year(m: re.Match[str], ctx: Context) -> Value:
    """``the year`` (a duration), ``the full year`` / ``the fiscal year`` (the publication year)."""
    if not m.group("kind"):
        return "DURATION", "P1Y"
    published = ctx.need_published("published:year")
    return "DATE", f"{published.year:04d}"


def year_end(m: re.Match[str], ctx: Context) -> Value:
    """``year-end``, ``the end of the year``: the end of the publication year (value: the year)."""
    published = ctx.need_published("published:year")
    return "DATE", f"{published.year:04d}"


def half_duration(m: re.Match[str], ctx: Context) -> Value:
    """``half an hour`` (PT30M), ``two and a half years`` (P30M), ``a year and a half``."""
    unit = unit_name(m.group("unit"))
    num = m.groupdict().get("num")
    whole = number_of(num) if num and num.lower() not in ("a", "an") else 0.0
    return "DURATION", duration((whole or 0.0) + 0.5, unit)


def frequency(m: re.Match[str], ctx: Context) -> Value:
    """``every week`` (P1W), ``each year``, ``twice a day``, ``every Monday`` (XXXX-WXX-1)."""
    if m.group("weekday"):
        return "SET", f"XXXX-WXX-{LEX.weekdays[m.group('weekday').lower().rstrip('.')]}"
    amount = number_of(m.group("num")) if m.group("num") else 1.0
    if m.group("every").lower() in ("a", "an", "per") and not m.group("freq"):
        return None  # "a year" alone is a duration; "$5 a year" is caught by span_duration
    unit = unit_name(m.group("unit"))
    if unit in ("morning", "afternoon", "evening", "night"):
        return "SET", f"XXXX-XX-XXT{LEX.parts_of_day[unit]}"
    return "SET", duration(amount or 1.0, unit)


def set_adverb(m: re.Match[str], ctx: Context) -> Value:
    """``daily``, ``weekly``, ``monthly``: sets."""
    return "SET", LEX.set_adverbs[m.group(0).lower()]


def vague(m: re.Match[str], ctx: Context) -> Value:
    """``now``, ``currently`` (PRESENT_REF), ``recently`` (PAST_REF), ``in the coming days``
    (FUTURE_REF)."""
    words = re.sub(r"[\s-]+", " ", m.group("ref").lower())
    value = LEX.vague_refs[words]
    after = ctx.text[ctx.end : ctx.end + 14].lower()
    if words == "current" and _NOT_TIME_AFTER_CURRENT.match(after):
        return None
    if words in ("once", "later", "earlier") and not re.match(r"\s*[,.;]", after):
        return None  # "once the deal is done", "later talks": adverbs only at a clause edge
    if words == "the past" and _COUNT_AFTER_PAST.match(after):
        return None
    return "DATE", value


def clock(m: re.Match[str], ctx: Context) -> Value:
    """``3 p.m.``, ``10:35 a.m. EST``, ``noon Thursday``, ``midnight``: the day is the one named
    after it, else the publication date."""
    groups = m.groupdict()
    if groups.get("named"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[groups["named"].lower()]
    else:
        hour = int(groups.get("hh") or groups["hh4"])
        minute = int(groups.get("mm") or groups.get("mm4") or 0)
        ampm = (groups.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        elif not ampm:
            pod = (groups.get("inpod") or "").lower()
            if pod in ("afternoon", "evening", "night") and hour < 12:
                hour += 12
    published = ctx.need_published(f"published:T{hour:02d}:{minute:02d}")
    day = published
    if groups.get("weekday"):
        day = cal.weekday_near(published, LEX.weekdays[groups["weekday"].lower().rstrip(".")], ctx.direction or -1)
    elif groups.get("rd"):
        day = cal.shift(published, "day", {"today": 0, "yesterday": -1, "tomorrow": 1}[groups["rd"].lower()])
    zone = "Z" if (groups.get("zone") or "").upper() in ("UTC", "GMT", "Z") else ""
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}"


_PRE = (
    r"(?:(?:the|a|an|at\s+least|about|some|nearly|almost|more\s+than|less\s+than|over(?!\s+the)|only|just|another|"
    r"each\s+of\s+the|all|past|last|next|first|coming|previous|following|final|latest|remaining|recent|full|"
    r"entire|whole|additional|further|initial|roughly|around|up\s+to|the\s+better\s+part\s+of)\s+)*"
)
_DAY_WORD = r"(?P<rd>today|yesterday|tomorrow)"
_ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|ET|local\s+time))?"
_CLOCK_TAIL = rf"{_ZONE}(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|{_DAY_WORD}))?"
_APPROX = r"(?:(?:about|around|at\s+about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
_VAGUE = alternation(LEX.vague_refs)
_PERIODS = alternation(list(LEX.units) + ["morning", "afternoon", "evening", "night"])

RULES = [
    rule("duration", rf"{_PRE}{NUM}[\s-]+{UNIT}s?(?:[\s-]+long)?", span_duration),
    rule("few_units", rf"{_PRE}(?:(?P<num>few|several|many)\s+)?{UNIT}s", span_duration),
    rule("bare_plural", rf"{UNIT}s(?!\s+(?:of|ago|earlier|later))", bare_plural),
    rule(
        "whole_year",
        r"the\s+(?:(?P<kind>full|fiscal|calendar|current|entire|whole)\s+)?(?:fiscal\s+)?year"
        r"(?!\s+(?:earlier|ago|before|after))",
        whole_year,
    ),
    rule(
        "year_end",
        r"(?:(?:the\s+)?(?:end|close)\s+of\s+the\s+year|(?:the\s+)?year(?:[\s-]|'s\s+)end)",
        year_end,
    ),
    rule("and_a_half", rf"{NUM}\s+and\s+a\s+half\s+{UNIT}s?", half_duration),
    rule("unit_and_a_half", rf"an?\s+{UNIT}\s+and\s+a\s+half", half_duration),
    rule("half_a_unit", rf"half\s+an?\s+{UNIT}", half_duration),
    rule(
        "frequency",
        rf"(?:(?P<freq>once|twice|thrice|\w+\s+times)\s+)?(?P<every>every|each|per|a|an)\s+(?:other\s+)?"
        rf"(?:(?:{NUM}\s+)?(?P<unit>{_PERIODS})|{WEEKDAY})",
        frequency,
        ("weekday",),
    ),
    rule("set_adverb", alternation(LEX.set_adverbs), set_adverb),
    rule("vague", rf"(?P<ref>{_VAGUE})", vague),
    rule(
        "clock",
        rf"{_APPROX}(?:(?P<hh>1[0-2]|0?[1-9])(?::(?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m)"
        rf"|(?P<named>noon|midday|midnight)){_CLOCK_TAIL}",
        clock,
        ("weekday",),
    ),
    rule(
        "clock_24h",
        rf"{_APPROX}(?:(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)|(?P<hh4>[01]\d|2[0-3])(?P<mm4>[0-5]\d))\s*"
        rf"(?P<zone>UTC|GMT|Z|local\s+time)(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|{_DAY_WORD}))?",
        clock,
        ("weekday",),
    ),
    rule(
        "clock_in",
        rf"{_APPROX}(?P<hh>1[0-2]|0?[1-9])(?::(?P<mm>[0-5]\d))?\s+(?:o'clock\s+)?"
        r"in\s+the\s+(?P<inpod>morning|afternoon|evening)",
        clock,
    ),
]
