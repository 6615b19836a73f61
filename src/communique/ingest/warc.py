"""WARC and WARC.gz crawl files to articles, one record at a time (warcio).

Owns: walking the records of a crawl, picking the successful HTML responses (and HTML
``resource`` records), and making each an Article with source ``path#N`` (N counts every record
of the file from 1, so ``path#N`` finds it again). The publication date comes from the page's
metadata, else ``--published``, else the record's WARC-Date (basis ``warc-date``, a last resort:
it is when the page was crawled). Must not: hold more than one record in memory; a record over
``settings.max_bytes`` is refused (E005) without being read.

Failures: a bad page is that record's failure; a record warcio cannot parse (E010) or a cut-off
gzip stream (E006) ends the file, because a WARC has no way to find the next record after it;
a file without any HTML response is one E011 failure.
"""

from __future__ import annotations

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
from communique.ingest.decode import GZIP_ERRORS, one_line
from communique.ingest.html import html_article
from communique.model import Article, Failure
from communique.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException)


def read_warc(path: Path, settings: Settings) -> Iterator[Article | Failure]:
    """Articles and failures of the HTML responses in the WARC (or WARC.gz) file ``path``."""
    if os.stat(path).st_size == 0:
        raise ItemError(Code.E002)
    name = str(path)
    pages = 0
    number = 0
    with open(path, "rb") as stream:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            source = f"{name}#{number + 1}"
            try:
                # warcio reports a record whose Content-Length is wrong on stderr while it
                # looks for the next one; the library must not print, so it is caught here.
                with redirect_stderr(io.StringIO()):
                    record = next(records, None)
            except _RECORD_ERRORS as exc:
                yield to_failure(source, ItemError(Code.E010, detail=one_line(exc)))
                return
            except GZIP_ERRORS as exc:
                yield to_failure(name, ItemError(Code.E006, detail=one_line(exc)))
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
