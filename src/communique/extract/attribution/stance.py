"""Stance, certainty and kind of a statement, from the cue lexicon and the quote marks.

Owns: reading ``data/attribution/cues.tsv`` (cue lemma -> stance) and ``certainty.tsv`` (hedges
-> certainty), and the three small classifications. Must not: find spans or speakers.

Stances: assert, announce, confirm, deny, admit, accuse, praise, warn, urge, ask, suggest,
promise, threaten, recall, claim, believe, predict, intend, agree. A cue not in the lexicon is
``assert``. Certainty: ``denied`` for a deny stance; ``alleged`` when the cue or content is
marked ``allegedly`` (or ``alleged``, ``purportedly``, ``supposedly``) or the cue is ``allege``;
``hedged`` for ``reportedly``, ``apparently``, ``according to``, a ``claim`` cue, hearsay
without a speaker (``X is said to ...``, ``it is believed that ...``) and a claim the article
says it could not verify (``..., a claim that could not be independently verified``,
``without providing evidence``); else ``asserted``. Kind: ``direct`` when the content lies inside quotation marks, ``mixed`` when only
part of it does, ``indirect`` otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from communique.extract.attribution.features import Quotations
from communique.nlp.token_table import token_table

_DATA = "communique.data.attribution"


def _table(name: str) -> dict[str, str]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, value = line.split("\t")[:2]
        table[key.strip().lower()] = value.strip()
    return table


@lru_cache(maxsize=1)
def cue_stances() -> dict[str, str]:
    """The cue lexicon: lemma -> stance."""
    return _table("cues.tsv")


@lru_cache(maxsize=1)
def certainty_markers() -> dict[str, str]:
    return _table("certainty.tsv")


def stance_of(cue_tokens: list[Token]) -> str:
    """What the cue does; the first content word of the cue found in the lexicon decides."""
    stances = cue_stances()
    for token in cue_tokens:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "NOUN", "AUX", "ADJ"):
            continue
        for child in token.children:
            refined = f"{lemma}+{child.lower_}"
            if child.dep_ in ("prep", "prt") and refined in stances:
                return stances[refined]
        if lemma in stances:
            return stances[lemma]
    return "assert"


# Report verbs whose impersonal passive passes on hearsay: "Putin is said to have ordered the
# strike", "it is believed that ...". Without a source, nobody vouches for it but the rumour.
HEARSAY = frozenset({"say", "report", "believe", "think", "rumor", "rumour", "understand", "claim", "allege"})


# How a newsroom says, in its own words, that it could not check a claim: "..., a claim that
# could not be independently verified", "said, without providing evidence, that ...", "offered
# no evidence". Matched in the statement's sentence (or a short remark after it), outside
# quotation marks and the statement's content.
_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|cannot|can't|couldn't|could\s+not|was\s+not|were\s+not|wasn't|weren't|"
    r"has\s+not\s+been|have\s+not\s+been|had\s+not\s+been)\s+(?:be\s+)?(?:immediately\s+)?"
    r"(?:independently\s+)?(?:verified|confirmed|corroborated)"
    r"|without\s+(?:providing|offering|giving|citing|presenting)\s+(?:any\s+)?(?:evidence|proof)"
    r"|(?:provided|offered|gave|cited|presented)\s+no\s+(?:evidence|proof)"
    r"|unverified|unsubstantiated|unconfirmed)\b",
    re.IGNORECASE,
)


# a following sentence this short is a remark on the one before ("The figure could not be
# confirmed."), not a story of its own
_REMARK_TOKENS = 12


def doubts(text: str, quotations: Quotations) -> list[int]:
    """Where the article itself says it could not verify something: the character offsets of
    those phrases outside quotation marks (looked up once per article)."""
    return [m.start() for m in _UNVERIFIED.finditer(text) if quotations.index_at(m.start()) is None]


def unverified(doc: Doc, cue_tokens: list[Token], content: list[int], doubt_offsets: list[int]) -> bool:
    """Whether one of ``doubt_offsets`` lies in the statement's sentence or in a short remark
    right after it, outside the statement's content."""
    if not doubt_offsets:
        return False
    sentence = cue_tokens[0].sent
    end = sentence.end
    if sentence.end < len(doc):
        following = doc[sentence.end].sent
        if len(following) <= _REMARK_TOKENS:
            end = following.end
    last = doc[end - 1]
    inside = set(content)
    for offset in doubt_offsets:
        if sentence.start_char <= offset < last.idx + len(last):
            span = doc.char_span(offset, offset + 1, alignment_mode="expand")
            if span is not None and span[0].i not in inside:
                return True
    return False


def certainty_of(
    doc: Doc,
    cue_tokens: list[Token],
    content: list[int],
    stance: str,
    sourced: bool = True,
    doubt_offsets: list[int] | None = None,
) -> str:
    """How firmly the article reports the statement (see the module docstring); ``sourced``:
    whether the statement has a speaker; ``doubt_offsets``: :func:`doubts` of the article."""
    if stance == "deny":
        return "denied"
    markers = certainty_markers()
    nearby = list(cue_tokens)
    for token in cue_tokens:
        nearby.extend(c for c in token.children if c.dep_ in ("advmod", "neg", "amod"))
    # a hedge at the top of the content clause ("X is reportedly ...") also distances it; one
    # deeper down belongs to a statement nested in the content, not to this one
    table = token_table(doc)
    heads, deps = table.head, table.dep
    inside = set(content)
    tops = {i for i in content if heads[i] not in inside or heads[i] == i}
    nearby.extend(doc[i] for i in content if deps[i] == "advmod" and heads[i] in tops)
    found = {markers[t.lower_] for t in nearby if t.lower_ in markers}
    if any(t.lemma_.lower() == "allege" for t in cue_tokens):
        found.add("alleged")
    if "alleged" in found:
        return "alleged"
    if "hedged" in found or stance == "claim" or (not sourced and _hearsay(cue_tokens)):
        return "hedged"
    if doubt_offsets and cue_tokens and unverified(doc, cue_tokens, content, doubt_offsets):
        return "hedged"
    return "asserted"


def _hearsay(cue_tokens: list[Token]) -> bool:
    return any(
        t.lemma_.lower() in HEARSAY and any(c.dep_ == "auxpass" for c in t.children) for t in cue_tokens
    )


def kind_of(doc: Doc, content: list[int], quotations: Quotations) -> str:
    """``direct``, ``mixed`` or ``indirect`` by how much of the content is quoted."""
    table = token_table(doc)
    punct, space, idx = table.punct, table.space, table.idx
    words = [i for i in content if not punct[i] and not space[i]]
    if not words:
        return "indirect"
    quoted = sum(quotations.index_at(idx[i]) is not None for i in words)
    if quoted == len(words):
        return "direct"
    # a few quoted words inside reported speech make it mixed (``advised Kiev to "keep fighting"``)
    return "mixed" if quoted else "indirect"
