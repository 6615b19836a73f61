"""Bytes to article text: the checks every text input passes, and gzip.

Owns: refusing an oversized file before reading it (``os.stat``), reading a whole small file or
gzip member with a hard cap, telling binary data from text, strict UTF-8 decoding (and UTF-16
when a byte-order mark says so, or a charset an HTML page declares), and normalising line endings
and the BOM so that the returned string is exactly what every offset later indexes.
Must not: interpret the text (headlines, boilerplate, JSON, HTML); that is the readers' job.
"""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from pathlib import Path

from communique.errors import Code, ItemError

GZIP_MAGIC = b"\x1f\x8b"
# How much of the start of a file is examined for control characters.
_SNIFF_BYTES = 8192
# Text has almost no C0 control characters besides tab, newlines and form feed; binary formats
# (images, PDFs, office files) have many. 10% keeps a stray escape sequence from failing a file.
_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# Errors gzip/zlib raise for a cut-off or damaged stream.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


def file_size(path: Path, limit: int) -> int:
    """Return the size of ``path`` from ``stat``, refusing it (E005) above ``limit`` bytes
    before a single byte is read, so a huge file cannot exhaust memory."""
    size = os.stat(path).st_size
    if size > limit:
        raise ItemError(Code.E005, size=size, limit=limit)
    return size


def read_bytes(path: Path, limit: int) -> bytes:
    """Read a whole file (or, for ``.gz``, its decompressed content) of at most ``limit`` bytes.

    Raises E005 (file too big), E002 (empty), E006 (truncated or corrupt gzip), E017
    (decompresses to more than ``limit``). Reads at most ``limit + 1`` bytes either way.
    """
    if file_size(path, limit) == 0:
        raise ItemError(Code.E002)
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as stream:
                data = stream.read(limit + 1)
        except GZIP_ERRORS as exc:
            raise ItemError(Code.E006, detail=one_line(exc)) from exc
        if len(data) > limit:
            raise ItemError(Code.E017, limit=limit)
        if not data:
            raise ItemError(Code.E002)
        return data
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # the file grew between stat and read
        raise ItemError(Code.E005, size=len(data), limit=limit)
    return data


def check_not_binary(data: bytes) -> None:
    """Raise E003 when ``data`` is evidently not text: NUL bytes, gzip data under a text name,
    or many control characters at its start."""
    if data.startswith(GZIP_MAGIC):
        raise ItemError(Code.E003, detail="gzip-compressed data; name the file with a .gz suffix")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ItemError(Code.E003, detail=f"NUL byte at offset {nul}")
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > _CONTROL_RATIO:
        raise ItemError(Code.E003, detail=f"{controls} control characters in the first {len(head)} bytes")


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Decode bytes to normalised text (see :func:`normalise_text`).

    UTF-16 is accepted only with a byte-order mark (its NUL bytes would otherwise look binary).
    Everything else must be UTF-8, unless ``charset`` (declared by an HTML page or an HTTP header)
    names another encoding, which is then used when the bytes are not UTF-8. Raises E003/E004.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalise_text(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ItemError(Code.E004, detail=f"broken UTF-16 at offset {exc.start}") from exc
    check_not_binary(data)
    try:
        return normalise_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        if charset and codecs.lookup(charset).name != "utf-8":
            try:
                return normalise_text(data.decode(charset))
            except UnicodeDecodeError:
                pass
        bad = data[exc.start]
        raise ItemError(Code.E004, detail=f"invalid byte 0x{bad:02x} at offset {exc.start}") from exc


def normalise_text(text: str) -> str:
    """Drop a leading byte-order mark and turn CRLF and lone CR into LF.

    Nothing else changes: the result is the article text every offset indexes, so it must stay
    the author's words exactly (no trimming, no Unicode normalisation).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def known_charset(name: str | None) -> str | None:
    """``name`` if Python knows the encoding, else None (pages declare all sorts of names)."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def one_line(exc: BaseException) -> str:
    """An exception as one short line for a failure reason (reasons are one line each)."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message if len(message) <= 160 else message[:157] + "..."
