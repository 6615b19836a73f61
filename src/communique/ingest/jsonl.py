"""JSON Lines to articles, one line at a time.

Owns: splitting a byte stream into lines without ever holding more than one line (a line over
``settings.max_bytes`` is skipped in chunks and refused, E005), and turning each line's object
(``text`` plus optional ``title``, ``url``, ``published``, ``outlet``) into an Article whose
source is ``path:LINE``. A ``published`` value that gives no full date keeps the line's article,
with the date unresolved and a warning (``ingest.published``). A bad line becomes a Failure and the following lines still yield.
Must not: read a whole file, or stop at a bad line (only a cut-off gzip stream ends a file).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from communique.errors import Code, CommuniqueError, ItemError
from communique.ingest.article import build_article, to_failure
from communique.ingest.decode import decode_text, one_line
from communique.ingest.published import read_published
from communique.model import Article, Failure
from communique.settings import Settings

# (line number, the line's bytes or None when it was over the limit, its size in bytes)
Line = tuple[int, bytes | None, int]
_SKIP_CHUNK = 1 << 20
_OPTIONAL_FIELDS = ("title", "url", "outlet")


def iter_lines(readline: Callable[[int], bytes], limit: int) -> Iterator[Line]:
    """Lines of a binary stream, numbered from 1, each read with at most ``limit + 1`` bytes
    in memory; an over-long line is consumed in 1 MiB chunks and reported with ``None``."""
    number = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                chunk = readline(_SKIP_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield number, None, size
        else:
            yield number, line, len(line)


def looks_like_jsonl(line: bytes) -> bool:
    """True when a (first non-blank) line is a JSON object, so a stream is JSON Lines."""
    stripped = line.strip()
    return stripped.startswith(b"{") and stripped.endswith(b"}")


def read_jsonl(lines: Iterable[Line], name: str, settings: Settings) -> Iterator[Article | Failure]:
    """One Article or Failure per non-blank line of ``lines``; ``name`` prefixes sources."""
    for number, data, size in lines:
        source = f"{name}:{number}"
        if data is not None and not data.strip():
            continue
        try:
            yield _article(data, size, source, settings)
        except CommuniqueError as error:
            yield to_failure(source, error)
        except Exception as exc:  # a surprise in one line loses that line, not the file
            yield to_failure(source, ItemError(Code.E018, detail=f"{type(exc).__name__}: {one_line(exc)}"))


def _article(data: bytes | None, size: int, source: str, settings: Settings) -> Article:
    """The Article of one line; raises the line's ItemError."""
    if data is None:
        raise ItemError(Code.E005, size=size, limit=settings.max_bytes)
    line = decode_text(data)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" ("Unterminated string starting at"): one "at" only
        raise ItemError(Code.E007, detail=f"{exc.msg.removesuffix(' at')} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise ItemError(Code.E007, detail="nested too deeply") from exc
    if not isinstance(record, dict):
        raise ItemError(Code.E007, detail=f"expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ItemError(Code.E008)
    metadata: dict[str, str | None] = {}
    for field in _OPTIONAL_FIELDS:
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            raise ItemError(Code.E007, detail=f"field {field!r} must be a string, not {type(value).__name__}")
        metadata[field] = value
    # an unreadable or partial date keeps the article: date unresolved, the reason a warning
    published = read_published(record.get("published"))
    return build_article(
        text,
        source=source,
        settings=settings,
        published=published.date,
        warnings=[published.warning] if published.warning else None,
        **metadata,
    )
