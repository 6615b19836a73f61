"""Which reader handles an input, and the readers for whole files and standard input.

Owns: walking directories (recursively, in sorted order, skipping hidden entries, one directory
listing at a time), choosing a reader from the file name (``.txt`` and unknown names are text,
``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.warc``, each optionally ``.gz``), and reading
plain text, HTML and JSON Lines files and standard input. Must not: decide on encodings,
headlines or boilerplate itself (``decode``, ``article``) or parse WARC (``warc``).
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from communique.errors import Code, ItemError
from communique.ingest.article import build_article, to_failure
from communique.ingest.decode import GZIP_ERRORS, decode_text, one_line, read_bytes
from communique.ingest.html import html_article, looks_like_html
from communique.ingest.jsonl import Line, iter_lines, looks_like_jsonl, read_jsonl
from communique.ingest.warc import read_warc
from communique.model import Article, Failure
from communique.settings import Settings

STDIN_NAME = "<stdin>"
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_WARC_SUFFIXES = (".warc",)


def input_kind(path: Path) -> str:
    """``text``, ``html``, ``jsonl`` or ``warc``, from the file name (``.gz`` looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


def walk(directory: Path, _walked: set[tuple[int, int]] | None = None) -> Iterator[Path | Failure]:
    """Files under ``directory``, depth first, names sorted, hidden files and folders skipped.

    Symbolic links to folders are followed, each folder walked once (known by device and inode):
    a link back up the tree, which would loop, or a second link to a folder already walked adds
    nothing. A folder that cannot be listed becomes a Failure and the walk goes on.
    """
    walked = set() if _walked is None else _walked
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in walked:
            return
        walked.add((info.st_dev, info.st_ino))
        with os.scandir(directory) as listing:
            visible = [entry for entry in listing if not entry.name.startswith(".")]
        entries = sorted(visible, key=lambda entry: entry.name)
    except OSError as exc:
        yield to_failure(str(directory), ItemError(Code.E015, detail=exc.strerror or one_line(exc)))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()  # through a symbolic link too
        except OSError:
            is_folder = False
        if is_folder:
            yield from walk(path, walked)
        else:
            yield path


def read_file(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    """Articles and failures of one file, by its kind. Raises the file's ItemError."""
    if not path.is_file():
        raise ItemError(Code.E015, detail="not a regular file")
    kind = input_kind(path)
    if kind == "warc":
        yield from read_warc(path, settings)
    elif kind == "jsonl":
        yield from _read_jsonl_file(path, settings)
    elif kind == "html":
        yield html_article(read_bytes(path, settings.max_bytes), source=str(path), settings=settings)
    else:
        data = read_bytes(path, settings.max_bytes)
        text = decode_text(data)
        if path.suffix.lower() != ".txt" and looks_like_html(text):
            yield html_article(data, source=str(path), settings=settings)
        else:
            yield build_article(text, source=str(path), settings=settings, find_headline=True)


def read_stdin(stream: BinaryIO | None, settings: Settings) -> Iterator[Article | Failure]:
    """Standard input: JSON Lines when its first non-blank line is a JSON object, else one
    plain-text article (at most ``settings.max_bytes``). Sources are ``<stdin>`` and
    ``<stdin>:LINE``."""
    if stream is None:
        raise ItemError(Code.E019)
    lines = iter_lines(stream.readline, settings.max_bytes)
    head: list[Line] = []
    for line in lines:
        head.append(line)
        if line[1] is None or line[1].strip():
            break
    first = head[-1][1] if head else None
    if first is not None and looks_like_jsonl(first):
        yield from read_jsonl(chain(head, lines), STDIN_NAME, settings)
        return
    pieces: list[bytes] = []
    total = 0
    for _, data, size in chain(head, lines):
        total += size
        if data is None or total > settings.max_bytes:
            raise ItemError(Code.E005, size=_drain(total, lines), limit=settings.max_bytes)
        pieces.append(data)
    if total == 0:
        raise ItemError(Code.E002)
    text = decode_text(b"".join(pieces))
    yield build_article(text, source=STDIN_NAME, settings=settings, find_headline=True)


def _drain(counted: int, lines: Iterator[Line]) -> int:
    """Consume the rest of an over-long input (so the reported size is true); return its size."""
    return counted + sum(size for _, _, size in lines)


def _read_jsonl_file(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    """A JSON Lines file, plain or gzip'd, streamed line by line. A gzip stream cut off
    mid-file ends it with E006 after the lines read before the cut."""
    if os.stat(path).st_size == 0:
        raise ItemError(Code.E002)
    name = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as stream:
        lines = iter_lines(stream.readline, settings.max_bytes)
        try:
            yield from read_jsonl(lines, name, settings)
        except GZIP_ERRORS as exc:
            yield to_failure(name, ItemError(Code.E006, detail=one_line(exc)))
