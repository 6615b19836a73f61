"""Readers for time-expression gold: TimeML (TempEval-3 ``.tml``) and MEANTIME CAT XML.

Owns: turning one gold file into plain text, its document creation time (DCT) and the gold
TIMEX3 spans with character offsets into that text. Must not: score, run extractors or print.
The creation-time TIMEX3 itself is never part of the gold (TempEval-3 does not score it).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from dataclasses import dataclass, field
from pathlib import Path

from communique.errors import Code, UsageError

_TAG_OR_TEXT = re.compile(r"<[^>]+>|[^<]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    """One gold TIMEX3: ``text[start:end]`` are its words."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDocument:
    """A gold document: raw text, its creation date (``YYYY-MM-DD``) and its TIMEX3s.

    ``ignore`` holds character ranges (the MEANTIME dateline that *is* the DCT) where a
    prediction is neither right nor wrong.
    """

    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    ignore: list[tuple[int, int]] = field(default_factory=list)


def read_tml(path: Path) -> GoldDocument:
    """Read a TimeML file: the ``<TEXT>`` element's text, the DCT value and the inline TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = dct_match.group(1)[:10] if dct_match else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    content = body.group(1) if body else ""
    pieces: list[str] = []
    length = 0
    open_timex: dict[str, str] | None = None
    open_at = 0
    timexes: list[GoldTimex] = []
    for match in _TAG_OR_TEXT.finditer(content):
        chunk = match.group(0)
        if chunk.startswith("<"):
            if chunk.startswith("<TIMEX3"):
                open_timex, open_at = dict(_ATTR.findall(chunk)), length
            elif chunk.startswith("</TIMEX3") and open_timex is not None:
                timexes.append(
                    GoldTimex(open_at, length, open_timex.get("type", ""), open_timex.get("value", ""))
                )
                open_timex = None
            continue
        text = html.unescape(chunk)
        pieces.append(text)
        length += len(text)
    return GoldDocument(path.stem, "".join(pieces), dct, timexes)


def read_cat(path: Path) -> GoldDocument:
    """Read a MEANTIME CAT XML file: tokens joined by spaces, one line per sentence.

    The creation-time TIMEX3 is anchored on the dateline tokens; that dateline is kept in the
    text (it is part of the article) but masked out of scoring through ``ignore``.
    """
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pieces: list[str] = []
    length = 0
    previous_sentence = None
    for token in root.iter("token"):
        sentence = token.get("sentence")
        if previous_sentence is not None:
            separator = "\n" if sentence != previous_sentence else " "
            pieces.append(separator)
            length += 1
        previous_sentence = sentence
        word = token.text or ""
        offsets[token.get("t_id", "")] = (length, length + len(word))
        sentence_of[token.get("t_id", "")] = int(sentence or 0)
        pieces.append(word)
        length += len(word)
    dct = None
    timexes: list[GoldTimex] = []
    ignore: list[tuple[int, int]] = []
    markables = root.find("Markables")
    # MEANTIME annotates only the first sentences of each article (title, dateline and the
    # first paragraphs); what follows the last annotated sentence is not scored.
    anchors = (a.get("t_id", "") for a in root.iter("token_anchor"))
    annotated = [sentence_of[t] for t in anchors if t in sentence_of]
    if annotated:
        last = max(annotated)
        tail = [offsets[t] for t, n in sentence_of.items() if n > last]
        if tail:
            ignore.append((min(s for s, _ in tail) - 1, length))
    for timex in markables.iter("TIMEX3") if markables is not None else ():
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _iso(timex.get("value") or "")
            if anchors:
                ignore.append((min(s for s, _ in anchors), max(e for _, e in anchors)))
            continue
        if not anchors:
            continue
        start, end = min(s for s, _ in anchors), max(e for _, e in anchors)
        timexes.append(GoldTimex(start, end, timex.get("type", ""), timex.get("value", "")))
    text = "".join(pieces)
    if dct is None:
        dct = _dateline_date(text)
    return GoldDocument(path.stem, text, dct, timexes, ignore)


def _dateline_date(text: str) -> str | None:
    """The date of a MEANTIME dateline line (``May 14 , 2009``) for the few files whose
    creation time has no value."""
    for line in text.split("\n")[1:3]:
        try:
            return datetime.strptime(re.sub(r"\s+,", ",", line.strip()), "%B %d, %Y").date().isoformat()
        except ValueError:
            continue
    return None


def _iso(value: str) -> str | None:
    """A creation time as ``YYYY-MM-DD``; MEANTIME writes a few as ``DD-MM-YYYY``."""
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if match:
        return match.group(0)
    match = re.match(r"(\d\d)-(\d\d)-(\d{4})", value)
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else None


def read_corpus(path: Path) -> list[GoldDocument]:
    """Every gold document under ``path`` (a file or a folder), ``.tml`` and CAT ``.xml`` alike.

    A file name seen twice (tbaq-cleaned ships one TimeBank file again under ``testpipeline``)
    is read once.
    """
    files = [path] if path.is_file() else sorted(path.rglob("*"))
    seen: set[str] = set()
    documents = []
    for file in files:
        if file.name in seen or not file.is_file():
            continue
        try:
            if file.suffix == ".tml":
                documents.append(read_tml(file))
            elif file.suffix == ".xml" and "<Document" in file.read_text(encoding="utf-8")[:300]:
                documents.append(read_cat(file))
            else:
                continue
        except (ET.ParseError, UnicodeDecodeError, KeyError) as exc:
            raise UsageError(Code.E502, path=file, detail=str(exc)) from exc
        seen.add(file.name)
    if not documents:
        raise UsageError(Code.E501, path=path)
    return documents
