"""Tense of the clause a time expression sits in, read from spaCy's parse.

Owns: the question "does this sentence look back or ahead?" for a character range, which decides
whether a bare weekday or month is the last one or the next one. Must not: resolve dates.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from communique.extract.time.tagger import Direction

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
# Verbs whose infinitive complement lies ahead ("planned to leave on Thursday"), matched on the
# word's start so that the lemmatizer is not needed ("plans", "planning", "scheduled").
_FUTURE_HEADS = re.compile(
    r"(?:plan|expect|schedul|intend|hope|aim|prepar|due|set|going|likely|slated|poised|vow|promis)"
)
# Verbs that put their own time ahead, whatever their tense ("postponed until Tuesday").
_SCHEDULING = re.compile(r"(?:schedul|reschedul|postpon|slated)")


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the dependency tree."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def verb_direction(verb: Token, depth: int = 0) -> int:
    """-1 for past tense (``said``, ``had met``, ``was``), +1 for future (``will meet``, ``is to
    meet``, ``plans to meet``), 0 for present or unknown."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return 1
    if _SCHEDULING.match(verb.lower_) or ("would" in words and verb.tag_ in ("VB", "VBG")):
        return 1
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return -1
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "'s"}:
        return -1
    if verb.tag_ == "VB" and "to" in words and verb.head.i != verb.i and depth < 4:
        head = verb.head
        if _FUTURE_HEADS.match(head.lower_) or head.lower_ in ("is", "are"):
            return 1
        return verb_direction(head, depth + 1) if head.pos_ in ("VERB", "AUX") else 0
    if verb.tag_ == "VB" and words & {"could", "might", "may", "can", "should", "must"}:
        return 1 if words & {"might", "may", "could"} else 0
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return -1
    return 0


def _reporting_verb_before(span: Span, verb: Token | None) -> Token | None:
    """The verb right before ``span`` (maybe across one preposition) when it governs the clause
    ``span`` was hung on as that clause's own time (``said`` in "said on Friday it would
    raise"), else None; a date inside a noun ("said Friday's meeting will decide") is not."""
    if verb is None or verb.dep_ != "ccomp" or span.start == 0:
        return None
    root = span.root
    on_verb = root.dep_ in ("npadvmod", "tmod") and root.head.i == verb.i
    in_phrase = root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == verb.i
    if not (on_verb or in_phrase):
        return None
    before = span.doc[span.start - 1]
    if before.pos_ == "ADP" and span.start > 1:
        before = span.doc[span.start - 2]
    return before if before.i == verb.head.i and before.i < verb.i and before.pos_ in ("VERB", "AUX") else None


def doc_direction(doc: Doc) -> Direction:
    """A :data:`Direction` for ``doc``: the tense of the verb governing each character range,
    else the tense of the sentence's root."""
    cache: dict[int, int] = {}

    def direction(start: int, end: int) -> int:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return 0
        if span.start in cache:
            return cache[span.start]
        verb = _governing_verb(span.root)
        outer = _reporting_verb_before(span, verb)
        if outer is not None:
            # "Beijing said on Friday it would raise ...": the parser hangs the date on the
            # reported clause, but it says when the saying was, so it takes the saying's tense
            verb = outer
        result = verb_direction(verb) if verb is not None else 0
        if result == 0 and verb is not None and verb.dep_ in ("ccomp", "conj", "advcl", "xcomp"):
            outer = _governing_verb(verb.head)
            if outer is not None and outer.i != verb.i and verb.tag_ not in ("VBZ", "VBP"):
                result = verb_direction(outer)
        cache[span.start] = result
        return result

    return direction
