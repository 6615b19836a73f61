"""WARC and WARC.gz crawl files to articles, one record at a time (warcio).

Owns: walking the records of a crawl, picking the successful HTML responses (and HTML
``resource`` records), and making each an Article with source ``path#N`` (N counts every record
of the file from 1, so ``path#N`` finds it again). The publication date comes from the page's
metadata, else ``--published``, else the record's WARC-Date (basis ``warc-date``, a last resort:
it is when the page was crawled). Must not: hold more than one record in memory; a record over
``settings.max_bytes`` is refused (E005) without being read.

Every byte warcio reads comes through :class:`_BoundedStream`, which decompresses gzip itself (a
stream of members, read a block at a time) and stops a file that is not a crawl, however it is
shaped: a gzip bomb (E020: more than ``_BOMB_RATIO`` times the file's size, and more than
``max_bytes``), a line longer than ``max_bytes`` (E021: warcio would gather it in memory, in time
that grows with its square) or record headers longer than ``max_bytes`` (E022). The content of a
record is read with the same bound (E017), the rest of a record is skipped without being kept.

Failures: a bad page is that record's failure; a record warcio cannot parse (E010), a cut-off
gzip stream (E006) or one of the limits above ends the file, because a WARC has no way to find
the next record after it; a file without any HTML response is one E011 failure.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from communique.errors import Code, CommuniqueError, ItemError
from communique.ingest.article import to_failure
from communique.ingest.decode import GZIP_ERRORS, GZIP_MAGIC, one_line
from communique.ingest.html import html_article
from communique.model import Article, Failure
from communique.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException)
# What a .warc.gz may decompress to, per byte of file. HTML compresses 5 to 10 times, the most
# repetitive pages some 30 times; deflate at most 1032 times (a gzip of zeros).
_BOMB_RATIO = 100
# warcio's read size. Larger than its 16 kB default because warcio gathers a line by joining
# blocks: with 256 kB, a line as long as the limit takes 40 joins, not 600.
_BLOCK = 1 << 18


class _BoundedStream:
    """The decompressed bytes of a WARC file, as warcio reads them, counted against the limits.

    Gzip members are read one after the other by :class:`gzip.GzipFile`, a block at most, so
    no single read can expand beyond a block (warcio's own decompressor turns a block into
    whatever it holds). A limit crossed, or a damaged gzip stream, raises an ItemError that
    warcio does not catch (it takes an EOFError for the end of the file), and every later read
    raises it again, so the file ends there.
    """

    def __init__(self, raw: io.BufferedReader, size: int, limit: int) -> None:
        compressed = raw.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] == GZIP_MAGIC
        # read1: one member's bytes at a time, so what precedes a cut in the stream is returned
        # before the read that meets the cut raises
        self._read = gzip.GzipFile(fileobj=raw, mode="rb").read1 if compressed else raw.read
        self._limit = limit
        # a plain file is bounded by its size; a compressed one by what it may decompress to
        self._stream_limit = max(limit, _BOMB_RATIO * size) if compressed else None
        self._total = 0
        self._line = 0  # bytes since the last line break
        self._headers_from: int | None = None  # where the headers being parsed began
        self.error: ItemError | None = None

    def tell(self) -> int:
        return self._total

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            raise self.error
        try:
            data = self._read(size if size is not None and size >= 0 else _BLOCK)
        except GZIP_ERRORS as exc:
            self._stop(ItemError(Code.E006, detail=one_line(exc)))
        self._total += len(data)
        line_break = data.rfind(b"\n")
        self._line = self._line + len(data) if line_break < 0 else len(data) - line_break - 1
        if self._stream_limit is not None and self._total > self._stream_limit:
            self._stop(ItemError(Code.E020, limit=self._stream_limit, ratio=_BOMB_RATIO))
        if self._line > self._limit:
            self._stop(ItemError(Code.E021, limit=self._limit))
        if self._headers_from is not None and self._total - self._headers_from > self._limit + _BLOCK:
            self._stop(ItemError(Code.E022, limit=self._limit))  # one block is warcio's read-ahead
        return data

    def headers_begin(self) -> None:
        """warcio is about to parse the next record's headers: count them from here."""
        self._headers_from = self._total

    def headers_end(self) -> None:
        self._headers_from = None

    def _stop(self, error: ItemError) -> None:
        self.error = error
        raise error


def read_warc(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    """Articles and failures of the HTML responses in the WARC (or WARC.gz) file ``path``."""
    if os.stat(path).st_size == 0:
        raise ItemError(Code.E002)
    name = str(path)
    pages = 0
    number = 0
    with open(path, "rb") as raw:
        stream = _BoundedStream(raw, os.fstat(raw.fileno()).st_size, settings.max_bytes)
        archive = ArchiveIterator(stream, block_size=_BLOCK)
        records = iter(archive)
        while True:
            source = f"{name}#{number + 1}"
            try:
                # warcio reports a record whose Content-Length is wrong on stderr while it
                # looks for the next one; the library must not print, so it is caught here.
                with redirect_stderr(io.StringIO()):
                    archive.read_to_end()  # skip what is left of the last record, unkept
                    stream.headers_begin()
                    record = next(records, None)
                    stream.headers_end()
            except _RECORD_ERRORS as exc:
                yield to_failure(source, ItemError(Code.E010, detail=one_line(exc)))
                return
            except ItemError as error:  # raised by the stream: the file cannot go on
                yield to_failure(name, error)
                return
            if archive.err_count:
                bad = ItemError(Code.E010, detail="its length does not match its Content-Length")
                yield to_failure(f"{name}#{max(number, 1)}", bad)
                return
            if record is None:
                break
            number += 1
            if record.format != "warc":
                yield to_failure(source, ItemError(Code.E010, detail="not a WARC record"))
                return
            content_type = _html_content_type(record)
            if content_type is not None:
                pages += 1
                yield _page_item(record, content_type, source, settings)
                if stream.error is not None:  # the page's failure says why; nothing follows
                    return
    if pages == 0:
        if number == 0:
            raise ItemError(Code.E010, detail="no WARC record found")
        raise ItemError(Code.E011)


def _page_item(record: Any, content_type: str, source: str, settings: Settings) -> Article | Failure:
    """One HTML record as an Article, or as that record's Failure (the file goes on)."""
    try:
        return _article(record, content_type, source, settings)
    except CommuniqueError as error:
        return to_failure(source, error)
    except GZIP_ERRORS as exc:
        return to_failure(source, ItemError(Code.E006, detail=one_line(exc)))
    except Exception as exc:  # a surprise in one page must not lose the rest of the crawl
        return to_failure(source, ItemError(Code.E018, detail=f"{type(exc).__name__}: {one_line(exc)}"))


def _html_content_type(record: Any) -> str | None:
    """The content type of a successful HTML response or resource record, else None."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None  # redirects and errors carry no article
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if content_type.split(";")[0].strip().lower() in _HTML_TYPES:
        return content_type
    return None


def _article(record: Any, content_type: str, source: str, settings: Settings) -> Article:
    """The Article of one HTML record; raises the record's ItemError."""
    if record.length is not None and record.length > settings.max_bytes:
        raise ItemError(Code.E005, size=record.length, limit=settings.max_bytes)
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:  # chunked or compressed bodies can outgrow the record
        raise ItemError(Code.E017, limit=settings.max_bytes)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # warcio returns what a cut-off file still holds without complaint
        raise ItemError(Code.E010, detail=f"record is cut off, {missing} bytes missing")
    if not data.strip():
        raise ItemError(Code.E012)
    return html_article(
        data,
        source=source,
        settings=settings,
        content_type=content_type,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        crawl_date=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _warc_date(value: str | None) -> str | None:
    """The date part of a WARC-Date (``2024-08-18T10:00:00Z``)."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return value[:10]
    return None
