"""The gazetteer's on-disk cache: a compact, code-free form that loads in a fraction of a second.

Owns: writing a built :class:`~communique.extract.places.gazetteer.Gazetteer` as a ``marshal``
dict of a few large strings and typed arrays, and reading it back. Must not: build the
gazetteer or decide where the cache lives (``gazetteer`` does both).

Why not pickle the object: 240,000 entries and 500,000 index keys are some two million small
Python objects, and unpickling them takes seconds on a busy machine. Joined strings and
``array`` blobs are a dozen objects; the columns are rebuilt by C-level ``split``/``tolist``
and the name index stays flat (key -> slot -> slice of one postings array). ``marshal`` data
cannot run code when loaded, whoever wrote the file.
"""

from __future__ import annotations

import math
import marshal
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_SEP = "\x1f"
_FORMAT = 1


class PostingIndex:
    """A read-only ``name key -> entry list`` mapping over one flat postings array."""

    def __init__(self, keys: list[str], offsets: array, postings: array) -> None:
        self._slots = dict(zip(keys, range(len(keys))))
        self._offsets = offsets
        self._postings = postings

    @classmethod
    def from_dict(cls, index: Mapping[str, list[int]]) -> PostingIndex:
        """Flatten a build-time ``key -> entries`` dict."""
        keys = sorted(index)
        offsets, postings = array("l", [0]), array("l")
        for key in keys:
            postings.extend(index[key])
            offsets.append(len(postings))
        return cls(keys, offsets, postings)

    def get(self, key: str, default: list[int] | None = None) -> list[int]:
        """Entries indexed under ``key`` (a fresh list), like ``dict.get``."""
        slot = self._slots.get(key)
        if slot is None:
            return [] if default is None else default
        return self._postings[self._offsets[slot]:self._offsets[slot + 1]].tolist()

    def __contains__(self, key: object) -> bool:
        return key in self._slots

    def __len__(self) -> int:
        return len(self._slots)

    def dump(self) -> dict[str, Any]:
        """The index as marshal-able strings and bytes."""
        keys = sorted(self._slots, key=self._slots.__getitem__)
        return {"keys": _SEP.join(keys), "offsets": self._offsets.tobytes(),
                "postings": self._postings.tobytes()}

    @classmethod
    def load(cls, data: dict[str, Any]) -> PostingIndex:
        """The inverse of :meth:`dump`."""
        offsets, postings = array("l"), array("l")
        offsets.frombytes(data["offsets"])
        postings.frombytes(data["postings"])
        keys = data["keys"].split(_SEP) if data["keys"] else []
        return cls(keys, offsets, postings)


def save(gaz: Any, path: Path) -> None:
    """Write ``gaz`` to ``path`` (the caller writes to a temporary name and renames)."""
    data = {
        "format": _FORMAT,
        "ids": array("q", [i or 0 for i in gaz.ids]).tobytes(),
        "lats": array("d", [math.nan if v is None else v for v in gaz.lats]).tobytes(),
        "lons": array("d", [math.nan if v is None else v for v in gaz.lons]).tobytes(),
        "populations": array("q", gaz.populations).tobytes(),
        "names": _SEP.join(gaz.names),
        "countries": _SEP.join(c or "" for c in gaz.countries),
        "features": _SEP.join(gaz.features),
        "admin1": _SEP.join(a or "" for a in gaz.admin1),
        "primary": _index(gaz.primary).dump(),
        "alternate": _index(gaz.alternate).dump(),
        "small": {"demonyms": gaz.demonyms, "iso3": gaz.iso3,
                  "country_entry": gaz.country_entry, "state_entry": gaz.state_entry},
    }
    with path.open("wb") as handle:
        marshal.dump(data, handle)


def load(path: Path) -> dict[str, Any]:
    """The Gazetteer fields stored at ``path``; raises ValueError on a foreign or old file."""
    with path.open("rb") as handle:
        data = marshal.load(handle)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError(f"{path} is not a gazetteer cache of format {_FORMAT}")
    numbers = {}
    for name, code in (("ids", "q"), ("lats", "d"), ("lons", "d"), ("populations", "q")):
        column = array(code)
        column.frombytes(data[name])
        numbers[name] = column.tolist()
    return {
        "ids": [i or None for i in numbers["ids"]],
        "lats": [None if v != v else v for v in numbers["lats"]],  # NaN marks "no point"
        "lons": [None if v != v else v for v in numbers["lons"]],
        "populations": numbers["populations"],
        "names": data["names"].split(_SEP),
        "countries": [c or None for c in data["countries"].split(_SEP)],
        "features": data["features"].split(_SEP),
        "admin1": [a or None for a in data["admin1"].split(_SEP)],
        "primary": PostingIndex.load(data["primary"]),
        "alternate": PostingIndex.load(data["alternate"]),
        **data["small"],
    }


def _index(index: Mapping[str, list[int]] | PostingIndex) -> PostingIndex:
    return index if isinstance(index, PostingIndex) else PostingIndex.from_dict(index)
