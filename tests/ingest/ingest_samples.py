"""Sample inputs built in tests: English text, HTML pages and WARC files (written with warcio)."""

from __future__ import annotations

import io
from pathlib import Path

ENGLISH = (
    "Ministers from both governments met in Vienna on Monday to discuss a new trade agreement, "
    "officials said after the meeting.\nThe talks will continue next week, a spokesman added."
)


def page(body: str, title: str = "Test page", head: str = "") -> str:
    """A minimal news page around ``body`` paragraphs."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
        f"{body}</article><footer>Contact | Privacy</footer></body></html>"
    )


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> Path:
    """Write a WARC file with warcio. Each record dict: ``uri``, ``body`` (bytes), optional
    ``type`` (response), ``content_type`` (text/html), ``status`` (200 OK), ``date``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=gzip)
        for spec in records:
            warc_headers = {"WARC-Date": spec.get("date", "2024-08-20T10:00:00Z")}
            kind = spec.get("type", "response")
            http_headers = None
            if kind == "response":
                http_headers = StatusAndHeaders(
                    spec.get("status", "200 OK"),
                    [("Content-Type", spec.get("content_type", "text/html; charset=utf-8"))],
                    protocol="HTTP/1.1",
                )
            record = writer.create_warc_record(
                spec["uri"],
                kind,
                payload=io.BytesIO(spec["body"]),
                length=len(spec["body"]),  # a known length keeps warcio from spooling to a temp file
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
                warc_content_type=spec.get("warc_content_type"),
            )
            writer.write_record(record)
    return path
