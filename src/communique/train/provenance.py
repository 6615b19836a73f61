"""Provenance: the meta every shipped model carries, so that anyone can tell what built it.

Owns: the six fields a trained artifact records (``provenance(data_paths, command)``): the
training data as given and a hash of its contents, the code commit, the exact command, the UTC
date and the package version; and reading them back from a shipped file (``read_meta``). Must
not: train anything or decide where artifacts go (each ``train/<task>.py`` merges this dict into
its own meta and writes it).

The data hash depends on the data only, never on where it lies: it is the SHA-256 of a
``sha256sum``-style manifest, one line ``<sha256 of the file>  <path relative to the given
folder>`` per file, sorted by that path. The same manifest is
``cd DIR && find . -type f ! -path '*/.*' | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum``
and its hash ``... | sha256sum``, which lets a reader check a model's data by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import struct
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from communique import __version__
from communique.errors import Code, UsageError

FIELDS = ("data", "data_sha256", "commit", "command", "created", "communique_version")
NOT_A_CHECKOUT = "unknown (not a git checkout)"
CLI_NAME = "communique"


def provenance(data_paths: Iterable[str | os.PathLike[str]], command: str) -> dict[str, Any]:
    """The provenance meta of a model trained on ``data_paths`` by ``command`` (see FIELDS)."""
    paths = [Path(p) for p in data_paths]
    return {
        "data": [_relative(p) for p in paths],
        "data_sha256": data_sha256(paths),
        "commit": source_commit(),
        "command": command,
        "created": datetime.now(UTC).date().isoformat(),
        "communique_version": __version__,
    }


def _relative(path: Path) -> str:
    """The path as the user gave it; an absolute one relative to the current folder, so the meta
    names no machine's layout."""
    return (Path(os.path.relpath(path)) if path.is_absolute() else path).as_posix()


def data_files(path: Path) -> list[tuple[str, Path]]:
    """(relative name, file) of every file of ``path`` (itself when a file), sorted by name.
    Hidden files and folders (``.DS_Store``, ``.git``) are not data."""
    if path.is_file():
        return [(path.name, path)]
    if not path.is_dir():
        raise UsageError(Code.E407, path=str(path), detail="no such file or folder")
    files = [
        (file.relative_to(path).as_posix(), file)
        for file in path.rglob("*")
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
    ]
    if not files:
        raise UsageError(Code.E407, path=str(path), detail="the folder holds no files")
    return sorted(files, key=lambda item: item[0].encode("utf-8"))


def data_sha256(paths: Sequence[Path]) -> str:
    """SHA-256 of the manifest of every file of ``paths`` (in the order given), see the module doc."""
    manifest = hashlib.sha256()
    for path in paths:
        for name, file in data_files(Path(path)):
            try:
                digest = hashlib.sha256(file.read_bytes()).hexdigest()
            except OSError as exc:
                raise UsageError(Code.E407, path=str(file), detail=exc.strerror or str(exc)) from exc
            manifest.update(f"{digest}  {name}\n".encode())
    return manifest.hexdigest()


def source_commit() -> str:
    """``git rev-parse HEAD`` of the checkout this package is imported from, ``+dirty`` when its
    tree has changes (untracked files included: they may be code); NOT_A_CHECKOUT for an
    installed wheel, or when git is missing."""
    package = Path(__file__).resolve().parents[1]
    root = package.parent.parent
    if package.parent.name != "src":  # site-packages: a repository around it is not our source
        return NOT_A_CHECKOUT
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
        if Path(top).resolve() != root:
            return NOT_A_CHECKOUT
        head = _git(root, "rev-parse", "HEAD")
        dirty = _git(root, "status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return NOT_A_CHECKOUT
    return head + ("+dirty" if dirty else "")


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def command_line(equivalent: Sequence[str]) -> str:
    """The exact command line when this process is the ``communique`` CLI, else (a call from
    Python) ``equivalent``, the CLI command that does the same, quoted as a shell would need."""
    argv = sys.argv
    if argv and Path(argv[0]).name == CLI_NAME:
        return shlex.join([CLI_NAME, *argv[1:]])
    return shlex.join(equivalent)


def read_meta(path: Path) -> dict[str, Any]:
    """The meta of a shipped model file: the ``meta`` object of a JSON model, or the header
    metadata of a ``.safetensors`` file (its string values; ``data`` is a JSON list there).

    The safetensors header is read by its documented layout (8-byte little-endian length, then
    JSON) so that checking provenance does not need the ``encoder`` extra."""
    if path.suffix == ".safetensors":
        with path.open("rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8))
            meta = dict(json.loads(handle.read(length)).get("__metadata__") or {})
        if "data" in meta:
            meta["data"] = json.loads(meta["data"])
        return meta
    return dict(json.loads(path.read_text(encoding="utf-8")).get("meta") or {})


def as_safetensors_metadata(meta: dict[str, Any]) -> dict[str, str]:
    """``meta`` as safetensors header metadata, which holds strings only (lists as JSON)."""
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in meta.items()}
