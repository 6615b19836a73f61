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
from communique.extract.time.core import Context, Rule, Unresolved
from communique.model import TimeExpression

RULES: list[Rule] = rules_absolute.RULES + rules_relative.RULES + rules_span.RULES

# Tense of the words around a character range: -1 past, +1 future, 0 unknown.
Direction = Callable[[int, int], int]

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|plans?\s+to|planned\s+to|is\s+to|are\s+to|scheduled|expected\s+to|due\s+to|would)\b",
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


def _candidates(text: str, published: date | None, direction: Direction) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule match that its handler accepts, as (start, end, rule index, match)."""
    found = []
    for index, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() == match.start() or not _capitalised(rule, match):
                continue
            ctx = Context(published, direction(match.start(), match.end()), text=text, start=match.start(), end=match.end())
            try:
                if rule.handler(match, ctx) is None:
                    continue
            except Unresolved:
                pass
            found.append((match.start(), match.end(), index, match))
    return found


def _select(candidates: list[tuple[int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Non-overlapping matches: the longest first, then the rule listed first."""
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
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
            result = RULES[index].handler(match, ctx)
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
    return "TIME" if rule_name in ("clock", "clock_in", "part_of_day") else "DATE"


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
            and kinds[i] == "clock"
            and kinds[i + 1] in ("month_day", "day_month", "weekday", "relative_day")
            and re.fullmatch(r"[\s,]*(?:on\s+)?", text[expression.end : following.start])
            and expression.value
            and following.value
            and len(following.value) == 10
        ):
            value = following.value + expression.value[10:]
            joined.append(TimeExpression(text[expression.start : following.end], expression.start, following.end, "TIME", value))
            skip_next = True
            continue
        joined.append(expression)
    return joined
