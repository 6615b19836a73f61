"""The lexical form of a statement's content: the terms that carry its meaning, and how alike two are.

Owns: turning content words into stemmed, stop-word-free terms, and the IDF-weighted cosine between
two term lists. The default install compares claims with this; the ``encoder`` extra adds sentence
embeddings on top (``vectors.py``). Must not: touch the database (``terms_table.py`` keeps the
document frequencies) or decide what is a claim (``claims.py``).

Why stems and IDF: a direct quote ("we will never negotiate with Putin"), an indirect summary
("ruled out negotiations with Putin") and a one-line recap ("no talks with Putin") share few
words but share their rarest ones; Snowball stems join "negotiate"/"negotiations", and IDF
weights make "Putin" and "negotiat" count and "said" or "Ukraine" (in every article of a story)
count little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+(?:[.,]\d+)*")
# Negations are stop words to spaCy but carry a position ("no talks"): keep them as terms.
_KEEP = frozenset({"no", "not", "never", "nor", "without", "against", "none", "nothing"})
_STOP = frozenset(w for w in STOP_WORDS if w not in _KEEP) | {"said", "says", "say", "told", "'s"}
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """The content terms of ``text``: lower-cased, possessives and stop words dropped, stemmed."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip("'-")
        if len(word) < 2 or word in _STOP:
            continue
        out.append(_stem(word))
    return out


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, str]:
    """The stems of one-word country names, aliases and adjectives, to the country's code
    ("ukrain" and "ukrainian" -> "UKR"), from the actor knowledge base."""
    from ..extract.entities.kb import load_kb

    kb = load_kb()
    names = {**kb.demonyms, **kb.country_names}
    return {_stem(name): code for name, code in names.items() if name.isalpha()}


def fold_countries(weights: Mapping[str, float]) -> dict[str, float]:
    """Weighted terms with a country's names and adjectives as one term: "Ukraine's negotiator"
    and "Ukrainian officials" share it."""
    return _fold(weights, _country_stems())


def _fold(weights: Mapping[str, float], stems: Mapping[str, str]) -> dict[str, float]:
    """The weights with each term as ``stems`` names it, the largest weight kept for each."""
    out: dict[str, float] = {}
    for term, weight in weights.items():
        key = stems.get(term, term)
        out[key] = max(out.get(key, 0.0), weight)
    return out


@lru_cache(maxsize=1)
def _synonym_stems() -> dict[str, str]:
    """Each word's stem of ``data/record/synonyms.tsv`` to the stem of its line's meaning."""
    from importlib import resources

    table = resources.files("communique.data.record").joinpath("synonyms.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        meaning, words = line.split("\t")
        for word in words.split():
            out[_stem(word)] = _stem(meaning)
    return out


def fold_synonyms(weights: Mapping[str, float]) -> dict[str, float]:
    """Weighted terms with the words of one meaning as one term ("talks" and "negotiate",
    "distorted" and "twisted"), for comparing claims; the stored terms, the search index and
    the topic query keep the words as written."""
    return _fold(weights, _synonym_stems())


def idf(df: int, documents: int) -> float:
    """Smoothed inverse document frequency (a term never seen counts as rare)."""
    return math.log((documents + 1) / (df + 0.5)) + 1.0


def weights(term_list: Iterable[str], df: Mapping[str, int], documents: int) -> dict[str, float]:
    """TF-IDF weights of a term list (term frequency dampened by a square root)."""
    return {t: math.sqrt(n) * idf(df.get(t, 0), documents) for t, n in Counter(term_list).items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two weighted term bags (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def coverage(part: Mapping[str, float], whole: Mapping[str, float]) -> float:
    """Share of ``part``'s weight whose terms ``whole`` also has: how much of a short recap or
    topic the longer text covers (1.0 when every term is there)."""
    total = sum(part.values())
    if not total:
        return 0.0
    return sum(w for t, w in part.items() if t in whole) / total
