"""Wire copies: an article whose body is a near copy of one already stored.

Owns: each article's MinHash signature over word 5-shingles (datasketch), the LSH band buckets
that find candidate copies with one indexed join, and the decision "near copy or not". The
index lives in the database (``article_signatures``, ``article_buckets``), so a copy is found
however many separate ingest runs lie between it and its original. Must not: drop or change an
article (its statements stay stored; counts read ``duplicates`` to count a copy once).

The decision. A republication differs from its original by a dateline, a credit line, a headline
and perhaps a trimmed or added closing paragraph, so most of its 5-word shingles are the
original's. Two articles are copies when the estimated Jaccard similarity of their shingle sets
is at least ``JACCARD``, or when the shorter one is at least ``CONTAINED`` contained in the longer
(a trimmed copy). Different articles on the same story share facts and quotes but few runs of
five words: on PolNeAR dev (84 distinct articles) no pair comes near either bar.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # 32 bands of 4 rows: pairs with Jaccard >= ~0.45 meet in some band
SHINGLE = 5
JACCARD = 0.6
CONTAINED = 0.8
_MIN_SHINGLES = 20  # a stub this short is no evidence of copying
_WORD = re.compile(r"\w+")


@dataclass
class Signature:
    """An article's MinHash over its word shingles, and how many shingles it has."""

    hashvalues: np.ndarray
    shingles: int

    def to_blob(self) -> bytes:
        return self.hashvalues.astype(np.uint64).tobytes()

    @classmethod
    def from_blob(cls, blob: bytes, shingles: int) -> Signature:
        return cls(np.frombuffer(blob, dtype=np.uint64), shingles)

    def buckets(self) -> list[tuple[int, int]]:
        """(band, bucket) pairs: each band's rows hashed to a signed 64-bit key."""
        out = []
        for band in range(BANDS):
            rows = self.hashvalues[band * ROWS : (band + 1) * ROWS].astype(np.uint64).tobytes()
            key = int.from_bytes(hashlib.blake2b(rows, digest_size=8).digest(), "little", signed=True)
            out.append((band, key))
        return out

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.mean(self.hashvalues == other.hashvalues))

    def containment(self, other: Signature) -> float:
        """Estimated share of the smaller shingle set found in the larger one."""
        j = self.jaccard(other)
        smaller = min(self.shingles, other.shingles)
        if not smaller:
            return 0.0
        return min(1.0, j * (self.shingles + other.shingles) / ((1 + j) * smaller))


def body_words(text: str, boilerplate: list[tuple[int, int]] | None = None) -> list[str]:
    """The article's words, lower-cased, without its boilerplate (captions, credits)."""
    if boilerplate:
        kept, last = [], 0
        for start, end in sorted(boilerplate):
            kept.append(text[last:start])
            last = max(last, end)
        kept.append(text[last:])
        text = " ".join(kept)
    return [w.lower() for w in _WORD.findall(text)]


def signature(text: str, boilerplate: list[tuple[int, int]] | None = None) -> Signature:
    """The MinHash signature of an article's body."""
    words = body_words(text, boilerplate)
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=17)
    minhash.update_batch(list(shingles))
    return Signature(minhash.hashvalues.copy(), len(shingles))


def similarity(a: Signature, b: Signature) -> float | None:
    """The score that makes ``a`` and ``b`` copies of each other, or None when they are not."""
    if min(a.shingles, b.shingles) < _MIN_SHINGLES:
        return None
    jaccard = a.jaccard(b)
    if jaccard >= JACCARD:
        return jaccard
    contained = a.containment(b)
    return contained if contained >= CONTAINED else None
