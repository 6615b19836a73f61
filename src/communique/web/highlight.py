"""The article text with its annotations as nested HTML elements, as displaCy draws entities.

Owns: turning an article dict (``analyze --format json``) into escaped HTML in which every
statement is one element (``id="s-<index>"``, a tooltip with who said it, stance, certainty, the
date said and what it answers) holding its speaker, cue and content spans; a statement inside
another's content is nested inside it. Events' triggers, times, places and boilerplate are
marks too. Every role element carries ``data-start``/``data-end``: the Python offsets of exactly
the characters it holds, so a test (or a reader) can check them against the database.
Must not: query anything, or let one character of the article reach the page unescaped.

Spans need not nest (a speaker can sit inside another statement's content while its content lies
outside): a mark that crosses the end of an open one is cut there and continued after it, so the
elements always nest and each piece still names its own offsets.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape

# Drawing order for marks over the same characters: outer first.
_PRIORITY = {"bp": 0, "st": 1, "ct": 2, "sp": 3, "cue": 3, "ev": 4, "tm": 4, "pl": 4}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # a CSS class, a key of _PRIORITY
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None  # the element id, on the first piece only

    def tag(self) -> str:
        attrs = [("class", f"m {self.kind}"), ("data-start", str(self.start)), ("data-end", str(self.end))]
        if self.anchor:
            attrs.insert(0, ("id", self.anchor))
        body = " ".join(f'{name}="{escape(value)}"' for name, value in (*attrs, *self.attrs))
        return f"<span {body}>"


def _tooltip(index: int, statement: dict[str, Any], record: dict[str, Any]) -> str:
    speaker = statement["speaker"]
    who = speaker.get("name") or speaker.get("text") or "unknown speaker"
    if speaker.get("actor"):
        who += f" ({speaker['actor']})"
    said = (statement.get("time") or {}).get("value") or "undated"
    parts = [f"#{index} {who}", f"stance: {statement['stance']}", f"certainty: {statement['certainty']}",
             f"said: {said}"]
    for answer in record.get("answers", {}).get(str(index), []):
        parts.append(f"{answer['stance']} {answer.get('speaker') or 'someone'}: {answer.get('content') or ''}")
    return " · ".join(parts)


def marks(article: dict[str, Any]) -> list[Mark]:
    """Every mark of the article, unordered."""
    found: list[Mark] = [Mark(s, e, "bp") for s, e in article.get("boilerplate") or []]
    record = article.get("record") or {}
    for index, statement in enumerate(article["statements"]):
        spans = [span for role in ("speaker", "cue", "content") for span in statement[role]["spans"]]
        if spans:
            found.append(Mark(min(s for s, _ in spans), max(e for _, e in spans), "st",
                              (("data-statement", str(index)), ("title", _tooltip(index, statement, record))),
                              anchor=f"s-{index}"))
        for role, kind in (("speaker", "sp"), ("cue", "cue"), ("content", "ct")):
            for start, end in statement[role]["spans"]:
                found.append(Mark(start, end, kind, (("data-statement", str(index)), ("data-role", role))))
    for index, event in enumerate(article["events"]):
        for n, (start, end) in enumerate(event["trigger"]["spans"]):
            found.append(Mark(start, end, "ev", (("title", f"event: {event['type']}"),),
                              anchor=f"e-{index}" if n == 0 else None))
    for index, time in enumerate(article["times"]):
        found.append(Mark(time["start"], time["end"], "tm", (("title", f"time: {time['value']}"),), anchor=f"t-{index}"))
    for index, place in enumerate(article["places"]):
        found.append(Mark(place["start"], place["end"], "pl", (("title", f"place: {place['name']}"),),
                          anchor=f"p-{index}"))
    return [m for m in found if 0 <= m.start < m.end <= len(article["text"])]


def highlight(article: dict[str, Any]) -> Markup:
    """The article text, escaped, with every mark as a nested ``<span>``."""
    text = article["text"]
    heap = [(m.start, -m.end, _PRIORITY[m.kind], n, m) for n, m in enumerate(marks(article))]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    seq = len(heap)

    def close() -> None:
        nonlocal pos
        top = stack.pop()
        out.append(str(escape(text[pos:top.end])) + "</span>")
        pos = top.end

    while heap:
        start, _, priority, _, mark = heapq.heappop(heap)
        while stack and stack[-1].end <= start:
            close()
        if stack and mark.end > stack[-1].end:  # crosses the open mark: cut it, continue later
            seq += 1
            rest = replace(mark, start=stack[-1].end, anchor=None)
            heapq.heappush(heap, (rest.start, -rest.end, priority, seq, rest))
            mark = replace(mark, end=stack[-1].end)
        out.append(str(escape(text[pos:start])))
        pos = start
        out.append(mark.tag())
        stack.append(mark)
    while stack:
        close()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
