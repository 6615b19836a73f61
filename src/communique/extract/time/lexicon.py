"""The time tagger's vocabulary, loaded once from ``data/time/lexicon.toml``.

Owns: reading the word tables and turning them into regular-expression alternations (longest
word first, so ``September`` wins over ``Sep``). Must not: hold words in code; the file is the
one place a word is taught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from communique.data.time import lexicon_tables


def alternation(words: list[str] | Any) -> str:
    """A non-capturing regex alternation of ``words``: longest first, spaces and hyphens alike."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    escaped = [re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for w in ordered]
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class Lexicon:
    """The tables of ``lexicon.toml`` with keys lower-cased (hyphenated keys mean spaces)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: list[str]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    position_words: list[str]
    vague_refs: dict[str, str]
    set_adverbs: dict[str, str]
    holidays: dict[str, str]
    communication_nouns: frozenset[str]

    def number(self, word: str) -> float | None:
        """The value of a number word or numeral (``three``, ``3``, ``twenty-five``), else None."""
        word = re.sub(r"[\s-]+", " ", word.lower().strip())
        if re.fullmatch(r"\d+(?:\.\d+)?", word.replace(",", "")):
            return float(word.replace(",", ""))
        if word.replace(" ", "-") in self.numbers:
            return self.numbers[word.replace(" ", "-")]
        parts = word.split(" ")
        if len(parts) == 2 and all(p in self.numbers for p in parts):
            tens, ones = self.numbers[parts[0]], self.numbers[parts[1]]
            if tens >= 20 and ones < 10:
                return tens + ones
        return None


def _normal(key: str) -> str:
    return key.lower().replace("-", " ") if " " in key or "'" in key else key.lower()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon file shipped with the package (cached: it is read once per process)."""
    data = lexicon_tables()
    refs = {word: kind for kind, words in data["vague_refs"].items() for word in words}
    return Lexicon(
        months={k.lower(): v for k, v in data["months"].items()},
        weekdays={k.lower(): v for k, v in data["weekdays"].items()},
        numbers={k.lower(): float(v) for k, v in data["numbers"].items()},
        vague_numbers=list(data["vague_numbers"]["words"]),
        ordinals={k.lower(): v for k, v in data["ordinals"].items()},
        units=dict(data["units"]),
        seasons=dict(data["seasons"]),
        parts_of_day={_normal(k): v for k, v in data["parts_of_day"].items()},
        position_words=list(data["position_words"]["words"]),
        vague_refs=refs,
        set_adverbs=dict(data["set_adverbs"]),
        holidays={_normal(k): v for k, v in data["holidays"].items()},
        communication_nouns=frozenset(data["communication_nouns"]["words"]),
    )
