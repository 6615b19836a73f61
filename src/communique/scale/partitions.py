"""Cutting the input of an ingest into partitions, and reading one partition's items back.

Owns: the plan (which files, which byte ranges of which JSON Lines files, in input order), each
partition's key (a hash of what it reads and of the settings, so a changed file or another
model is analysed again), and reading a partition on a worker with the ingest stage's own
readers, so every item gets exactly the source and failure it gets in a one-process ingest.
Must not: analyse, write shards or touch the database.

The partitions:
  - a plain (not gzip'd), non-empty JSON Lines file is cut into ranges of
    ``settings.partition_items`` lines, by byte offsets found by streaming the file once in
    1 MiB blocks (never read whole); each range knows the number of its first line, so its
    sources are ``path:LINE`` as in one process;
  - a WARC file is one partition (its records are streamed by the worker);
  - every other file (text, HTML, gzip'd files, a path that does not exist) is read whole by
    its reader, so consecutive ones are grouped, ``settings.partition_items`` to a partition.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.errors import Code, ItemError, UsageError
from communique.ingest import read_items
from communique.ingest.article import to_failure
from communique.ingest.decode import one_line
from communique.ingest.files import input_kind, walk
from communique.ingest.jsonl import Line, iter_lines, read_jsonl
from communique.model import Article, Failure
from communique.settings import Settings

_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One unit of work: ``files`` (read whole, in order) or a byte range of one JSON Lines
    file (``start``..``end``, whose first line is line ``first_line`` of the file)."""

    key: str
    paths: tuple[str, ...]
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @property
    def is_range(self) -> bool:
        return self.end is not None

    @property
    def label(self) -> str:
        """How a failure of the whole partition names it."""
        if self.is_range:
            return f"{self.paths[0]}:{self.first_line}-"
        return self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"

    def describe(self) -> dict[str, object]:
        """What the partition reads, for its shard manifest."""
        return {"paths": list(self.paths), "start": self.start, "end": self.end, "first_line": self.first_line}


def plan(paths: Iterable[str | Path], settings: Settings) -> tuple[list[Partition], list[Failure]]:
    """The partitions of ``paths`` in input order, and the failures found while planning
    (a folder that cannot be listed). Standard input cannot be split: E121."""
    partitions: list[Partition] = []
    failures: list[Failure] = []
    group: list[str] = []

    def close_group() -> None:
        if group:
            partitions.append(_partition(settings, tuple(group)))
            group.clear()

    for path in _files(paths, failures):
        ranges = _line_ranges(path, settings.partition_items) if _splittable(path) else None
        if ranges is None and input_kind(Path(path)) != "warc":
            group.append(path)
            if len(group) >= settings.partition_items:
                close_group()
            continue
        close_group()
        if ranges is None:  # a WARC file: one partition, its records streamed
            partitions.append(_partition(settings, (path,)))
        else:
            partitions.extend(_partition(settings, (path,), *bounds) for bounds in ranges)
    close_group()
    return partitions, failures


def _files(paths: Iterable[str | Path], failures: list[Failure]) -> Iterator[str]:
    """Every file named or found under a folder, as ``read_items`` names it, in its order."""
    for given in paths:
        if str(given) == "-":
            raise UsageError(Code.E121)
        path = Path(given)
        try:
            is_folder = path.is_dir()
        except OSError:
            is_folder = False  # read_items on the worker records why
        if not is_folder:
            yield str(path)
            continue
        for entry in walk(path):
            if isinstance(entry, Failure):
                failures.append(entry)
            else:
                yield str(entry)


def _splittable(path: str) -> bool:
    name = path.lower()
    try:
        return input_kind(Path(path)) == "jsonl" and not name.endswith(".gz") and os.stat(path).st_size > 0
    except OSError:
        return False


def _line_ranges(path: str, per_partition: int) -> list[tuple[int, int, int]] | None:
    """``(start, end, first_line)`` byte ranges of ``per_partition`` lines each, cut just after
    a line break, found by counting line breaks a block at a time. None when unreadable (the
    worker's reader then records why)."""
    ranges: list[tuple[int, int, int]] = []
    start, first_line, lines, offset = 0, 1, 0, 0
    try:
        with open(path, "rb") as stream:
            while block := stream.read(_BLOCK):
                position = 0
                while block.count(b"\n", position) >= per_partition - lines:
                    for _ in range(per_partition - lines):
                        position = block.index(b"\n", position) + 1
                    ranges.append((start, offset + position, first_line))
                    start, first_line, lines = offset + position, first_line + per_partition, 0
                lines += block.count(b"\n", position)
                offset += len(block)
    except OSError:
        return None
    if offset > start:
        ranges.append((start, offset, first_line))
    return ranges


def _partition(settings: Settings, paths: tuple[str, ...], start: int = 0, end: int | None = None, first_line: int = 1) -> Partition:
    """A partition keyed by what it reads (paths, sizes, modification times, range) and by the
    settings that change the analysis (not the number of workers)."""
    identity: list[object] = [start, end, first_line, repr(dataclasses.replace(settings, workers=1))]
    for path in paths:
        try:
            info = os.stat(path)
            identity.append([os.path.abspath(path), info.st_size, info.st_mtime_ns])
        except OSError:
            identity.append([os.path.abspath(path), None, None])
    digest = hashlib.sha1(json.dumps(identity).encode("utf-8"), usedforsecurity=False).hexdigest()
    return Partition(key=digest[:20], paths=paths, start=start, end=end, first_line=first_line)


def read_partition(partition: Partition, settings: Settings) -> Iterator[Article | Failure]:
    """The partition's items, read by the ingest stage's readers (same sources, same failures)."""
    if not partition.is_range:
        yield from read_items(partition.paths, settings)
        return
    path = partition.paths[0]
    try:
        with open(path, "rb") as stream:
            stream.seek(partition.start)
            bounded = _Bounded(stream, partition.end - partition.start)  # type: ignore[operator]
            yield from read_jsonl(_numbered(iter_lines(bounded.readline, settings.max_bytes), partition), path, settings)
    except OSError as exc:
        yield to_failure(f"{path}:{partition.first_line}", ItemError(Code.E015, detail=exc.strerror or one_line(exc)))


def _numbered(lines: Iterator[Line], partition: Partition) -> Iterator[Line]:
    """Lines numbered as in the whole file."""
    for number, data, size in lines:
        yield number + partition.first_line - 1, data, size


class _Bounded:
    """A binary stream's ``readline`` that stops at the end of a byte range."""

    def __init__(self, stream: object, left: int) -> None:
        self._stream = stream
        self._left = left

    def readline(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size < 0 else min(size, self._left)
        line = self._stream.readline(size)  # type: ignore[attr-defined]
        self._left -= len(line)
        return line
