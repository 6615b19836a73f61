"""Shared pieces of the time grammar: regex fragments, the rule type and the resolution context.

Owns: the word-level regular-expression fragments every rule is written with (built from the
lexicon), :class:`Rule`, :class:`Context` (publication date, tense direction, the last date the
article mentioned) and :class:`Unresolved`. Must not: contain rules themselves (they live in
``rules_*.py``, one family per module) or read spaCy objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from communique.extract.time.lexicon import alternation, load_lexicon

LEX = load_lexicon()

# Word boundaries: an expression never starts or ends inside a word.
B = r"(?<![\w'])"
E = r"(?![\w])"

_MONTH_FULL = [w for w in LEX.months if len(w) > 4 or w in ("may", "june", "july")]
_MONTH_ABBR = [w for w in LEX.months if w not in _MONTH_FULL]
MONTH = rf"(?P<month>{alternation(_MONTH_FULL)}|{alternation(_MONTH_ABBR)}\.?)"
# A month standing alone must be spelled out or abbreviated with a full stop ("Jan" is a name).
MONTH_ALONE = rf"(?P<month>{alternation(_MONTH_FULL)}|{alternation(_MONTH_ABBR)}\.)"
_WEEKDAY_FULL = [w for w in LEX.weekdays if w.endswith("day")]
_WEEKDAY_ABBR = [w for w in LEX.weekdays if not w.endswith("day")]
# Weekday abbreviations need their full stop: "sun", "sat", "wed" are words.
WEEKDAY = rf"(?P<weekday>{alternation(_WEEKDAY_FULL)}|{alternation(_WEEKDAY_ABBR)}\.)"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d,.]\d)"
_NUMBER_WORDS = [w.replace("-", " ") for w in LEX.numbers if w not in ("half", "a-half")]
NUM = (
    rf"(?P<num>\d+(?:\.\d+)?|(?:{alternation([w for w in _NUMBER_WORDS if w not in ('a', 'an')])}"
    rf"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)|"
    rf"{alternation(LEX.vague_numbers)}|an?)"
)
UNIT = rf"(?P<unit>{alternation(LEX.units)})"
SEASON = rf"(?P<season>{alternation(LEX.seasons)})"
POD = r"(?P<pod>morning|afternoon|evening|night)"
POSITION = rf"(?P<pos>{alternation(LEX.position_words)})"
ORDINAL = rf"(?P<ord>{alternation(LEX.ordinals)})"


class Unresolved(Exception):
    """Raised by a rule whose value needs the publication date when none is known.

    ``anchor`` says what the value is relative to, e.g. ``published-P1M`` for "last month".
    """

    def __init__(self, anchor: str) -> None:
        super().__init__(anchor)
        self.anchor = anchor


@dataclass
class Context:
    """What a rule may know when it resolves a match.

    ``published`` is the article's publication date (None when unknown). ``direction`` is the
    tense around the expression: -1 past, +1 future, 0 unknown. ``reference`` is the most recent
    day-precise date the article mentioned before this point (narratives count "the next day"
    from it); ``quarter`` the last fiscal quarter mentioned (year, number), which "a year
    earlier" in an earnings report refers back to.
    """

    published: date | None
    direction: int = 0
    reference: date | None = None
    quarter: tuple[int, int] | None = None
    text: str = ""
    start: int = 0
    end: int = 0

    def need_published(self, anchor: str) -> date:
        """The publication date, or :class:`Unresolved` carrying ``anchor``."""
        if self.published is None:
            raise Unresolved(anchor)
        return self.published

    def need_reference(self, anchor: str) -> date:
        """The last mentioned date, else the publication date, else :class:`Unresolved`."""
        if self.reference is not None:
            return self.reference
        return self.need_published(anchor)

    def before(self, chars: int = 12) -> str:
        """Lower-cased text just before the match (for rules that look at their left context)."""
        return self.text[max(0, self.start - chars) : self.start].lower()


# A rule's handler: (match, context) -> (type, value) or None to reject the match.
Handler = Callable[[re.Match[str], Context], "tuple[str, str | None] | None"]


@dataclass(frozen=True)
class Rule:
    """One pattern of the grammar and the function that turns its match into a TIMEX3 value."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # Words whose first letter must be upper-case in the text ("May", "Sunday").
    capitalised: tuple[str, ...] = field(default_factory=tuple)


def rule(name: str, pattern: str, handler: Handler, capitalised: tuple[str, ...] = ()) -> Rule:
    """Compile a rule (case-insensitive, whitespace in the pattern is literal)."""
    return Rule(name, re.compile(B + pattern + E, re.IGNORECASE), handler, capitalised)


def number_of(word: str | None) -> float | None:
    """The number a NUM group holds; None for vague quantities ("several")."""
    if word is None:
        return None
    return LEX.number(word)


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P3Y``, ``PT2H``, ``PXY`` (unknown amount), ``P10Y`` for a decade."""
    info = LEX.units[unit.lower().rstrip("s") if unit.lower() != "centuries" else "century"]
    prefix = "PT" if info.get("time") else "P"
    if amount is None:
        return f"{prefix}X{info['letter']}"
    amount *= info.get("multiplier", 1)
    if amount != int(amount):
        # Half units: write them in the next smaller unit where TIMEX3 has one.
        smaller = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "W": (7, "D")}
        if info["letter"] in smaller and not (info["letter"] == "M" and info.get("time")):
            factor, letter = smaller[info["letter"]]
            prefix = "PT" if letter in "HM" and info["letter"] in "DH" else prefix
            return f"{prefix}{int(amount * factor)}{letter}"
    return f"{prefix}{int(amount)}{info['letter']}"


def unit_name(word: str) -> str:
    """The lexicon key of a unit word: ``years`` -> ``year``, ``centuries`` -> ``century``."""
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in LEX.units else word
