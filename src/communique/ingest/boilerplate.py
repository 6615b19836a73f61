"""Recognise photo captions, credits and link stubs as whole-line boilerplate spans.

Owns: loading the patterns in ``data/ingest/boilerplate.txt`` and finding the lines of an
article they match. A span runs from the first to the last non-space character of the line, so
``text[start:end]`` is exactly the caption. Must not: change or remove any text (extractors
consult the spans through ``communique.nlp.is_boilerplate``), or judge anything but whole lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from communique.model import Offsets

# A caption or credit is short; a longer line is a paragraph that happens to mention a photo.
MAX_BOILERPLATE_LINE = 400
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def boilerplate_pattern() -> re.Pattern[str]:
    """All patterns of the data file as one case-insensitive alternation (compiled once)."""
    source = resources.files("communique").joinpath("data", "ingest", "boilerplate.txt")
    patterns = [
        line.strip()
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line (surrounding whitespace ignored) is a caption, credit or stub."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE:
        return False
    return boilerplate_pattern().fullmatch(stripped) is not None


def boilerplate_spans(text: str) -> list[Offsets]:
    """The ``(start, end)`` spans of every boilerplate line of ``text``, in text order."""
    spans: list[Offsets] = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not is_boilerplate_line(line):
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        spans.append((start, end))
    return spans
