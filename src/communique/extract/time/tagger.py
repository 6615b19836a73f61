"""Find and normalise the time expressions of a text: the time tagger proper.

Owns: running every rule over the text, choosing among overlapping matches (longest wins, then
the rule listed first), resolving the chosen ones in reading order so that "the next day" can
count from the last date mentioned, and joining a clock time to the day written after it
(``5 p.m. EST Nov. 9``). Must not: touch spaCy objects (tense comes in as a function) or the
article model beyond building :class:`TimeExpression` values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from communique.extract.time import rules_absolute, rules_relative, rules_span
from communique.extract.time.calendar import parse_iso
from communique.extract.time.core import LEX, Context, Rule, Unresolved
from communique.model import TimeExpression

RULES: list[Rule] = rules_absolute.RULES + rules_relative.RULES + rules_span.RULES

# Tense of the words around a character range: -1 past, +1 future, 0 unknown.
Direction = Callable[[int, int], int]

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|plans?\s+to|planned\s+to|is\s+to|are\s+to|scheduled|"
    r"expected\s+to|due\s+to|would)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:said|was|were|had|did|began|came|went|met|told|took|made|gave|left|fell|rose|held|won|lost|"
    r"fought|struck|spoke|wrote|sent|got|saw|became|led|brought|broke|ran|shot|\w{3,}ed)\b",
    re.I,
)


def text_direction(text: str) -> Direction:
    """A tense guess from the sentence's words alone, for callers without a parse."""

    def direction(start: int, end: int) -> int:
        left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        right_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
        sentence = text[left : min(right_candidates) if right_candidates else len(text)]
        if _FUTURE.search(sentence):
            return 1
        return -1 if _PAST.search(sentence) else 0

    return direction


def _capitalised(rule: Rule, match: re.Match[str]) -> bool:
    for group in rule.capitalised:
        words = match.groupdict().get(group)
        if words and not words[0].isupper():
            return False
    return True


def _trigger_words() -> dict[str, frozenset[str]]:
    """Word -> kind of trigger. Every time expression contains at least one trigger word (or a
    number that can be a year, date or clock time), and each rule needs one of a few kinds."""
    stop = {"the", "in", "a", "of", "as", "from", "to", "some", "not", "these", "right", "this", "at", "and", "s"}
    kinds: dict[str, set[str]] = {}

    def add(words, kind: str) -> None:
        for word in words:
            kinds.setdefault(word, set()).add(kind)

    add(["today", "tonight", "yesterday", "tomorrow"], "relday")
    add(["noon", "midnight", "midday", "m", "am", "pm"], "clockword")
    add(["quarter", "quarters", "period"], "quarter")
    add(["century", "centuries"], "century")
    add(["nineteen", "eighteen", "twenty"], "spoken")
    add(["weekend", "weekends"], "unit")
    add(["half"], "half")
    add(LEX.months, "month")
    add(LEX.weekdays, "weekday")
    add(LEX.seasons, "season")
    add(LEX.set_adverbs, "setadv")
    add([w for p in LEX.holidays for w in re.findall(r"[a-z]+", p)] + ["thanksgiving"], "holiday")
    add([w for p in LEX.parts_of_day for w in re.findall(r"[a-z]+", p)], "pod")
    add([u + suffix for u in LEX.units for suffix in ("", "s")], "unit")
    add([w for p in LEX.vague_refs for w in re.findall(r"[a-z]+", p.lower()) if w not in stop], "vague")
    return {word: frozenset(found) for word, found in kinds.items()}


# Which kinds of trigger each rule can start from (a rule runs only in windows holding one).
_NEEDS: dict[str, frozenset[str]] = {
    name: frozenset(kinds)
    for name, kinds in {
        "iso": ["digit"], "slash": ["digit"], "year": ["digit"], "decade": ["digit"],
        "month_day": ["month"], "day_month": ["month"], "month_year": ["month"], "month": ["month"],
        "season": ["season"], "quarter": ["quarter"], "half": ["half"], "century": ["century"],
        "spoken_year": ["spoken"], "holiday": ["holiday"], "relative_day": ["relday"],
        "part_of_day": ["pod"], "next_part_of_day": ["pod"], "weekday": ["weekday"],
        "frequency": ["unit", "weekday", "pod"], "set_adverb": ["setadv"], "vague": ["vague", "unit"],
        "clock": ["digit", "clockword"], "clock_24h": ["digit"], "clock_in": ["pod"],
    }.items()
}
_UNIT_ONLY = frozenset({"unit"})
_DIGIT = frozenset({"digit"})
_TRIGGERS = _trigger_words()
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Characters of context searched on each side of a trigger word: more than the longest stretch
# of an expression on one side of its nearest trigger ("the first two quarters of fiscal 1990").
_WINDOW = 32


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words (merged), with the kinds of trigger in each: the
    only places an expression can be, and the rules worth running there.

    Running the rules only there keeps the tagger a small fraction of the spaCy parse time.
    """
    windows: list[tuple[int, int, set[str]]] = []
    for word in _WORD.finditer(text):
        token = word.group(0)
        if token[0].isdigit():
            # Numbers matter as years and as parts of dates and clock times ("10:35", "8/18");
            # a count is covered by the unit word next to it ("three years", "18 months").
            follows = text[word.end() : word.end() + 1]
            if len(token) != 4 and follows not in (":", "/", "-", "s", "'"):
                continue
            kinds = _DIGIT
        else:
            kinds = _TRIGGERS.get(token.lower())
            if kinds is None:
                continue
        start = max(0, word.start() - _WINDOW)
        end = min(len(text), word.end() + _WINDOW)
        # Snap outwards to whitespace so that no word is cut at a window edge.
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            last = windows[-1]
            last[2].update(kinds)
            windows[-1] = (last[0], max(end, last[1]), last[2])
        else:
            windows.append((start, end, set(kinds)))
    return windows


Candidate = tuple[int, int, int, re.Match[str]]


def _candidates(text: str, published: date | None, direction: Direction) -> list[Candidate]:
    """Every rule match that its handler accepts, as (start, end, rule index, match)."""
    found = []
    windows = _windows(text)
    for index, rule in enumerate(RULES):
        needs = _NEEDS.get(rule.name, _UNIT_ONLY)
        spans = [(start, end) for start, end, kinds in windows if not needs.isdisjoint(kinds)]
        for match in (m for start, end in spans for m in rule.pattern.finditer(text, start, end)):
            if match.end() == match.start() or not _capitalised(rule, match):
                continue
            start, end = match.start(), match.end()
            ctx = Context(published, direction(start, end), text=text, start=start, end=end)
            try:
                if _apply(rule, match, ctx) is None:
                    continue
            except Unresolved:
                pass
            found.append((match.start(), match.end(), index, match))
    return found


def _apply(rule: Rule, match: re.Match[str], ctx: Context) -> tuple[str, str | None] | None:
    """The rule's value, or None when the date falls outside the calendar ("99999 years ago")."""
    try:
        return rule.handler(match, ctx)
    except (ValueError, OverflowError):
        return None


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping matches: the longest first, then the rule listed first."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        if any(s < end and start < e for s, e in taken):
            continue
        chosen.append(candidate)
        taken.append((start, end))
    return sorted(chosen, key=lambda c: c[0])


def tag(
    text: str,
    published: str | None,
    direction: Direction | None = None,
    skip: Iterable[tuple[int, int]] = (),
) -> list[TimeExpression]:
    """The time expressions of ``text``, normalised against ``published`` (``YYYY-MM-DD``).

    ``direction`` gives the tense around a character range (defaults to a guess from the words of
    the sentence); ranges in ``skip`` (boilerplate) yield nothing. Without a publication date
    every expression that depends on it has ``value=None`` and an ``anchor``.
    """
    anchor_date = parse_iso(published)
    direction = direction or text_direction(text)
    blocked = list(skip)
    candidates = [
        c for c in _candidates(text, anchor_date, direction) if not any(s < c[1] and c[0] < e for s, e in blocked)
    ]
    ctx = Context(anchor_date, text=text)
    expressions: list[TimeExpression] = []
    kinds: list[str] = []
    for start, end, index, match in _select(candidates):
        ctx.start, ctx.end, ctx.direction = start, end, direction(start, end)
        anchor = None
        try:
            result = _apply(RULES[index], match, ctx)
        except Unresolved as unresolved:
            result, anchor = _unresolved_type(RULES[index].name), unresolved.anchor
        if result is None:
            continue
        kind, value = result if anchor is None else (result, None)
        start = _trim_article(text, start, end, kind)
        expressions.append(TimeExpression(text[start:end], start, end, kind, value, anchor))
        kinds.append(RULES[index].name)
        if not _LOOKS_BACK.search(match.group(0)):
            _remember(ctx, value)
    return _join_clock_and_day(text, expressions, kinds)


# Expressions that point back from the current reference ("a year earlier", "the year-ago
# quarter") must not become the reference themselves, or the next one would count from them.
_LOOKS_BACK = re.compile(r"earlier|ago|before|previous|prior|last\s+year's|comparable|corresponding", re.I)


_ARTICLE_BEFORE_ADJECTIVE = re.compile(r"(?:an?|the)\s+(?=\S+-\S+$)", re.I)


def _trim_article(text: str, start: int, end: int, kind: str) -> int:
    """``a two-day summit``: the duration is ``two-day``; the article belongs to the noun."""
    if kind == "DURATION":
        match = _ARTICLE_BEFORE_ADJECTIVE.match(text, start, end)
        if match:
            return match.end()
    return start


def _unresolved_type(rule_name: str) -> str:
    return "TIME" if rule_name in ("clock", "clock_24h", "clock_in", "part_of_day") else "DATE"


def _remember(ctx: Context, value: str | None) -> None:
    """Keep the last day-precise date and the last quarter as the reference for what follows."""
    if not value:
        return
    day = parse_iso(value)
    if day is not None:
        ctx.reference = day
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if quarter:
        ctx.quarter = (int(quarter.group(1)), int(quarter.group(2)))


def _join_clock_and_day(text: str, expressions: list[TimeExpression], kinds: list[str]) -> list[TimeExpression]:
    """``5 p.m. EST, Nov. 6`` is one TIME on Nov. 6, not a time today and a date."""
    joined: list[TimeExpression] = []
    skip_next = False
    for i, expression in enumerate(expressions):
        if skip_next:
            skip_next = False
            continue
        following = expressions[i + 1] if i + 1 < len(expressions) else None
        if (
            following is not None
            and kinds[i] in ("clock", "clock_24h")
            and kinds[i + 1] in ("month_day", "day_month", "weekday", "relative_day")
            and re.fullmatch(r"[\s,]*(?:on\s+)?", text[expression.end : following.start])
            and expression.value
            and following.value
            and len(following.value) == 10
        ):
            value = following.value + expression.value[10:]
            start, end = expression.start, following.end
            joined.append(TimeExpression(text[start:end], start, end, "TIME", value))
            skip_next = True
            continue
        joined.append(expression)
    return joined
