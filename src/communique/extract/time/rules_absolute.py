"""Rules for calendar expressions that name their date: ``Aug. 18``, ``18 August 2024``,
``2024-08-18``, ``July 1997``, ``the spring of 2022``, ``late 2023``, ``the 1990s``, quarters, halves.

Owns: these patterns and how a missing year is supplied (from the publication date and the
tense: a past-tense report of "Aug. 18" means the last Aug. 18 on or before publication). Must
not: handle expressions that count from the publication date ("last month": rules_relative).
"""

from __future__ import annotations

import re
from datetime import date

from communique.extract.time import calendar as cal
from communique.extract.time.core import (
    DAY,
    LEX,
    MONTH,
    MONTH_ALONE,
    ORDINAL,
    POSITION,
    SEASON,
    WEEKDAY,
    YEAR,
    Context,
    rule,
)

Value = tuple[str, str | None] | None


def _month(m: re.Match[str]) -> int:
    return LEX.months[m.group("month").lower().rstrip(".")]


def _year_for(ctx: Context, month: int, day: int | None, label: str) -> int:
    """The year of a month (and day) written without one, counted from the publication date."""
    published = ctx.need_published(f"published:{label}")
    if day is None:
        return cal.month_near(published, month, ctx.direction)
    this_year = (month, day)
    now = (published.month, published.day)
    # A day up to four months after publication in a past-tense sentence is usually a deadline
    # or a schedule reported in the past tense ("the vote was set for Jan. 14"), not last year's.
    gap = (date(published.year, month, min(day, 28)) - published).days
    if ctx.direction < 0 and this_year > now and gap > 120:
        return published.year - 1
    if ctx.direction > 0 and this_year < now and gap < -120:
        return published.year + 1
    if ctx.direction == 0 and abs(month - published.month) > 6:
        # Undated "Jan. 3" in a December article is next January, "Dec. 20" in January last year's.
        return published.year + (1 if month < published.month else -1)
    return published.year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def iso_date(m: re.Match[str], ctx: Context) -> Value:
    """``2024-08-18`` (and ``2024-08-18T15:30``)."""
    year, month, day = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if not _valid(year, month, day):
        return None
    if m.group("hh"):
        return "TIME", f"{year:04d}-{month:02d}-{day:02d}T{m.group('hh')}:{m.group('mi')}"
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def slash_date(m: re.Match[str], ctx: Context) -> Value:
    """``8/18/2024``, US order (month first), two-digit years in 1950-2049."""
    year = int(m.group("y"))
    year = year + (1900 if year >= 50 else 2000) if year < 100 else year
    month, day = int(m.group("mo")), int(m.group("d"))
    return ("DATE", f"{year:04d}-{month:02d}-{day:02d}") if _valid(year, month, day) else None


def month_day(m: re.Match[str], ctx: Context) -> Value:
    """``Aug. 18``, ``18 August 2024``, ``last Oct. 23``: a missing year comes from the
    publication date and the tense."""
    month, day = _month(m), int(m.group("day"))
    label = f"XXXX-{month:02d}-{day:02d}"
    rel = (m.groupdict().get("rel") or "").lower()
    if m.group("year"):
        year = int(m.group("year"))
    elif rel:
        # "last Oct. 23": the last one before publication; "next Jan. 5": the next one after.
        direction, ctx.direction = ctx.direction, -1 if rel == "last" else 1
        year = _year_for(ctx, month, day, f"{rel}-{label}")
        ctx.direction = direction
        published = ctx.need_published(label)
        if rel == "last" and (month, day) > (published.month, published.day):
            year = published.year - 1
    else:
        year = _year_for(ctx, month, day, label)
    if not _valid(year, month, day):
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def month_year(m: re.Match[str], ctx: Context) -> Value:
    """``July 1997``, ``mid-July 2024``."""
    return "DATE", f"{int(m.group('year')):04d}-{_month(m):02d}"


def month_relative_year(m: re.Match[str], ctx: Context) -> Value:
    """``July last year``, ``January of next year``."""
    offset = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    shift = {-1: "-P1Y", 0: "", 1: "+P1Y"}[offset]
    published = ctx.need_published(f"published{shift}:XXXX-{_month(m):02d}")
    return "DATE", f"{published.year + offset:04d}-{_month(m):02d}"


def month_alone(m: re.Match[str], ctx: Context) -> Value:
    """``July``, ``last April``, ``mid-July``: the year from the publication date and tense."""
    month = _month(m)
    word = m.group("month").lower()
    rel = (m.group("rel") or "").lower()
    if word in ("may", "march") and not (rel or m.group("pos")) and not _month_context(ctx):
        return None  # the modal verb / the march, not the month
    published = ctx.need_published(f"published:{rel or 'nearest'}-XXXX-{month:02d}")
    if rel in ("last", "past", "previous"):
        year = published.year - 1 if month >= published.month else published.year
    elif rel in ("next", "coming"):
        year = published.year + 1 if month <= published.month else published.year
    elif rel == "this":
        year = published.year
    else:
        year = cal.month_near(published, month, ctx.direction)
    return "DATE", f"{year:04d}-{month:02d}"


def _month_context(ctx: Context) -> bool:
    """A bare "May"/"March" is a month after a preposition of time ("in May", "since March")."""
    return bool(_MONTH_PREPOSITION.search(ctx.before(14)))


_MONTH_PREPOSITION = re.compile(
    r"\b(?:in|since|until|till|by|from|through|during|early|late|mid|of|last|next|this)\s+$"
)
_SEASON_PREPOSITION = re.compile(r"\b(?:in|this|since|until|by|during|over|through)\s+$")


def season(m: re.Match[str], ctx: Context) -> Value:
    """``the spring of 2022`` (2022-SP), ``last fall``, ``this summer``, ``in winter``."""
    code = LEX.seasons[m.group("season").lower()]
    if m.group("year"):
        return "DATE", f"{int(m.group('year')):04d}-{code}"
    rel = (m.group("rel") or "").lower()
    if not (rel or m.group("det") or m.group("pos") or _SEASON_PREPOSITION.search(ctx.before(10))):
        return None  # "spring" the noun or verb
    published = ctx.need_published(f"published:{rel or 'nearest'}-{code}")
    start = cal.SEASON_START[code]
    current_year, current_code = cal.season_of(published)
    this_start = date(published.year, start, 1)
    year = published.year
    if rel in ("last", "past", "previous"):
        year = published.year - 1 if this_start > published or current_code == code else published.year
    elif rel in ("next", "coming"):
        year = published.year + 1 if this_start <= published else published.year
    elif ctx.direction < 0 and this_start > published:
        year = published.year - 1
    elif ctx.direction > 0 and this_start <= published and current_code != code:
        year = published.year + 1
    if code == "WI" and published.month in (1, 2) and rel in ("", "this"):
        year = current_year
    return "DATE", f"{year:04d}-{code}"


def year(m: re.Match[str], ctx: Context) -> Value:
    """``2022``, ``fiscal 1989``, ``late 2023`` (the value is the year; the position is not kept)."""
    value = int(m.group("year"))
    if not (m.group("pre") or m.group("pos")):
        after = ctx.text[ctx.end : ctx.end + 12]
        before = ctx.before(3)
        if re.match(r"\s*(?:%|percent|per\s*cent|-)", after) or re.search(r"[$#£€]\s*$|no\.\s*$", before):
            return None  # a number: "$1990", "1990 percent", a model name "1990-A"
    return "DATE", f"{value:04d}"


_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}


def spoken_year(m: re.Match[str], ctx: Context) -> Value:
    """``nineteen ninety-six`` (transcribed broadcast news) -> 1996."""
    rest = LEX.number(m.group("rest"))
    if rest is None or rest >= 100:
        return None
    return "DATE", f"{_TEENS[m.group('century').lower()] * 100 + int(rest):04d}"


def decade(m: re.Match[str], ctx: Context) -> Value:
    """``the 1990s`` (199X), ``the '80s``."""
    if m.group("full"):
        return "DATE", m.group("full")[:3] + "X"
    short = m.group("short")[0]
    published = ctx.published
    century = (published.year // 100) if published else 19
    if published and int(short) * 10 > published.year % 100:
        century -= 1
    return "DATE", f"{century:02d}{short}X"


def century(m: re.Match[str], ctx: Context) -> Value:
    """``the 20th century`` (19)."""
    word = m.group("ord").lower()
    number = LEX.ordinals.get(word) or int(re.sub(r"\D", "", word) or 0)
    return ("DATE", f"{number - 1:02d}") if 0 < number < 30 else None


def quarter(m: re.Match[str], ctx: Context) -> Value:
    """Fiscal quarters as business news writes them.

    "the third quarter" is the publication year's, unless a past-tense report puts it after the
    publication quarter (then last year's); "the quarter" and "the latest quarter" are the last
    quarter completed before publication (results are reported after a quarter ends);
    "the year-earlier quarter" is the same quarter a year before.
    """
    words = m.group(0).lower()
    ordinal = 4 if m.group("final") else LEX.ordinals.get((m.group("ord") or "").lower())
    noun = m.group("q").lower()
    has_year = m.group("year")
    relative = re.search(r"year[\s-]+(?:earlier|ago)|comparable|same|prior[\s-]+year|last\s+year's", words)
    if noun == "period" and not (relative or has_year or re.search(r"latest|current", words)):
        return None
    if not (ordinal or has_year or relative or re.match(r"(?:the|this|that|its|latest|current|last|next)\b", words)):
        return None
    if noun.endswith("s") and not ordinal:
        return None
    if m.group("year2"):
        year = int(m.group("year2"))
        return "DATE", f"{year:04d}-Q{ordinal}" if ordinal else f"{year:04d}"
    published = ctx.need_published("published:quarter")
    current = cal.quarter_of(published)
    if ordinal is None:
        if re.search(r"\b(?:current|this)\b", words) and "year's" not in words:
            ordinal, year = current, published.year
        elif re.search(r"\bnext\b", words) and "year's" not in words:
            shifted = cal.shift(published, "quarter", 1)
            ordinal, year = cal.quarter_of(shifted), shifted.year
        elif ctx.quarter is not None and (relative or noun == "period" or "that" in words):
            year, ordinal = ctx.quarter
        else:
            shifted = cal.shift(published, "quarter", -1)
            ordinal, year = cal.quarter_of(shifted), shifted.year
    else:
        year = published.year
        if ctx.direction < 0 and ordinal > current:
            year -= 1
    if has_year:
        year = int(has_year)
    if m.group("yrel") and ordinal is not None:
        year = published.year + {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
    elif "last year's" in words or (relative and not has_year):
        year -= 1
    elif "next year's" in words:
        year += 1
    return "DATE", f"{year:04d}-Q{ordinal}"


def half(m: re.Match[str], ctx: Context) -> Value:
    """``the first half of 2021`` (2021-H1), ``the second half``."""
    number = 1 if m.group("ord").lower() in ("first", "1st") else 2
    if m.group("year"):
        return "DATE", f"{int(m.group('year')):04d}-H{number}"
    published = ctx.need_published(f"published:H{number}")
    offset = {"last": -1, "next": 1}.get((m.group("rel") or "").lower(), 0)
    return "DATE", f"{published.year + offset:04d}-H{number}"


def holiday(m: re.Match[str], ctx: Context) -> Value:
    """``Christmas Day``, ``Thanksgiving``: the nearest one in the direction of the tense."""
    name = re.sub(r"[\s-]+", " ", m.group("holiday").lower())
    if name in ("thanksgiving", "thanksgiving day"):
        month, day = 11, None
    else:
        month, day = (int(p) for p in LEX.holidays[name].split("-"))
    if m.group("year"):
        year = int(m.group("year"))
    else:
        year = _year_for(ctx, month, day or 25, f"{name}")
    if day is None:
        return "DATE", cal.nth_weekday(year, 11, 4, 4).isoformat()
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


_QUARTER_REL = (
    r"(?:year[\s-]+earlier|year[\s-]+ago|prior[\s-]+year|latest|current|last|this|next|previous|"
    r"past|comparable|same|recent|flat|fiscal|calendar|(?P<year>(?:19|20)\d\d))"
)
_HOLIDAYS = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in LEX.holidays), key=len, reverse=True))

RULES = [
    rule("iso", r"(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?", iso_date),
    rule("slash", r"(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)", slash_date),
    rule(
        "month_day",
        rf"(?:(?P<rel>last|next|this)\s+)?(?:{WEEKDAY},?\s+)?(?:{POSITION}[\s-]*)?{MONTH}\s+{DAY}(?:\s*,?\s+{YEAR})?",
        month_day,
        ("month", "weekday"),
    ),
    rule(
        "day_month",
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:\s*,?\s+{YEAR})?",
        month_day,
        ("month", "weekday"),
    ),
    rule("month_year", rf"(?:{POSITION}[\s-]*)?{MONTH}(?:\s+of|,)?\s+{YEAR}", month_year, ("month",)),
    rule(
        "month_relative_year",
        rf"(?:{POSITION}[\s-]*)?{MONTH_ALONE}(?:\s+of)?\s+(?P<rel>last|this|next)\s+year",
        month_relative_year,
        ("month",),
    ),
    rule(
        "month",
        rf"(?:(?P<rel>last|this|next|coming|past|previous)\s+|{POSITION}[\s-]*)?{MONTH_ALONE}",
        month_alone,
        ("month",),
    ),
    rule(
        "season",
        rf"(?:(?P<det>the)\s+)?(?:(?P<rel>last|this|next|coming|past|previous|following)\s+)?"
        rf"(?:{POSITION}[\s-]*)?{SEASON}(?:(?:\s+of)?\s+{YEAR})?",
        season,
    ),
    rule(
        "quarter",
        rf"(?:(?:the|its|a|this|that)\s+)?(?:(?:this|last|next)\s+year's\s+)?(?:{_QUARTER_REL}[\s-]+){{0,3}}"
        rf"(?:(?:{ORDINAL}|(?P<final>final))[\s-]+)?(?:fiscal[\s-]+)?(?P<q>quarters?|period)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year2>(?:19|20)\d\d)|(?:the\s+)?(?P<yrel>last|this|next)\s+year))?",
        quarter,
    ),
    rule(
        "half",
        rf"(?:the\s+)?{ORDINAL}\s+half"
        rf"(?:\s+of\s+(?:the\s+)?(?:(?:fiscal\s+)?{YEAR}|(?P<rel>this|last|next)\s+year))?",
        half,
    ),
    rule(
        "year",
        r"(?:(?P<pre>fiscal|calendar|the\s+year|the\s+fiscal\s+year|the\s+calendar\s+year)\s+"
        rf"|{POSITION}[\s-]*)?{YEAR}",
        year,
    ),
    rule(
        "spoken_year",
        r"(?P<century>nineteen|eighteen|twenty)(?:\s+hundred(?:\s+and)?)?\s+"
        r"(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)",
        spoken_year,
    ),
    rule(
        "decade",
        rf"(?:the\s+)?(?:{POSITION}[\s-]*)?(?:(?P<full>(?:1[5-9]|20)\d0)|'(?P<short>\d0))'?s",
        decade,
    ),
    rule("century", rf"(?:the\s+)?(?:{POSITION}[\s-]*)?(?P<ord>\w+)[\s-]+century", century),
    rule("holiday", rf"(?P<holiday>{_HOLIDAYS}|thanksgiving(?:\s+day)?)(?:\s+{YEAR})?", holiday, ("holiday",)),
]
