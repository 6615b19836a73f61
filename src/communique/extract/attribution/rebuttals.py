"""Rebuttals a wire story appends to a claim: ``Israel says it has killed 10,000 fighters, a
figure Hamas disputes``.

Owns: finding, with spaCy's token ``Matcher``, a comma, a noun that names what was said (``a
claim``, ``a figure``, ``an accusation``), an optional ``that``/``which``, a speaker and a verb of
denial (``disputes``, ``has denied``, ``strongly rejects``) closing the clause. It is its own
statement: that speaker denies the noun, and it answers the claim before it, whose content stops at
the comma. Must not: find any other kind
of attribution, or decide stance and certainty (the lexicon gives ``deny``, hence ``denied``).

Why a token pattern and not the parse: the small parser reads this clause a different way each
time ("disputes" as a noun, "a charge Kyiv denies" as the sentence's root), and the learned cue
model, trained on 2016 US political news where the construction does not occur, never sees it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab


# nouns that name what someone said or put forward
_SAID_NOUNS = (
    "claim", "charge", "accusation", "allegation", "assertion", "figure", "toll", "estimate",
    "account", "version", "report", "characterization", "characterisation", "description",
    "contention", "suggestion",
)
# verbs of denial in every form (the tagger may take "disputes" for a noun, so no lemma is used)
_DENIALS = (
    "deny", "denies", "denied", "dispute", "disputes", "disputed", "reject", "rejects", "rejected",
    "dismiss", "dismisses", "dismissed", "contest", "contests", "contested", "refute", "refutes",
    "refuted", "rebut", "rebuts", "rebutted", "contradict", "contradicts", "contradicted",
)
# the said-nouns as the text writes them, singular or plural
_SAID_FORMS = frozenset({*_SAID_NOUNS, *(f"{noun}s" for noun in _SAID_NOUNS)})
_AUXILIARIES = ("has", "have", "had", "does", "do", "did")
REBUTTAL_CONFIDENCE = 0.8


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("REBUTTAL", [[
        {"ORTH": ","},
        {"LOWER": {"IN": ["a", "an", "the"]}},
        {"LOWER": {"IN": sorted(_SAID_FORMS)}},
        {"LOWER": {"IN": ["that", "which"]}, "OP": "?"},
        # the speaker: one to five words, none of them a verb of denial or an auxiliary
        {"IS_ALPHA": True, "LOWER": {"NOT_IN": [*_DENIALS, *_AUXILIARIES]}, "OP": "{1,5}"},
        {"LOWER": {"IN": list(_AUXILIARIES)}, "OP": "?"},
        {"POS": "ADV", "OP": "?"},
        {"LOWER": {"IN": list(_DENIALS)}},
        {"IS_PUNCT": True},
    ]], greedy="LONGEST")
    return matcher


# a text without ", a claim" (or another said-noun after a comma) has no rebuttal: the Matcher,
# slower than this search, runs only on texts that pass it
_CANDIDATE = re.compile(
    r",\s+(?:a|an|the)\s+(?:" + "|".join(_SAID_NOUNS) + r")", re.IGNORECASE
)


def find_rebuttals(
    doc: Doc, text: str, sentence_starts: set[int]
) -> list[tuple[int, list[int], list[int], list[int]]]:
    """(comma, source, cue, content) token indices for each rebuttal inside one of the sentences
    starting at ``sentence_starts`` (the content sentences); the content is the noun with its
    article. ``text`` is ``doc.text``."""
    if _CANDIDATE.search(text) is None:
        return []
    found = []
    for _, start, end in _matcher(doc.vocab)(doc):
        match = doc[start:end]
        if not _one_sentence(match) or match[0].sent.start not in sentence_starts:
            continue
        comma, noun = match[0].i, match[2].i
        words = [t for t in match[3:-1] if t.lower_ not in ("that", "which")]
        verb = words[-1]
        cue = [t.i for t in words if t.i >= verb.i or t.lower_ in _AUXILIARIES or (t.pos_ == "ADV" and t.i > words[0].i)]
        source = [t.i for t in words if t.i not in cue]
        if not source:
            continue
        found.append((comma, source, cue, [noun - 1, noun]))
    return found


def _one_sentence(match: Span) -> bool:
    return all(not t.is_sent_start for t in match[1:])
