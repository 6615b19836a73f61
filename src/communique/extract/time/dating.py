"""Dating statements and events: which time expression governs a cue or a trigger.

Owns: the syntactic test "does this time expression modify this verb?" and the fallback chain
expression -> publication date -> unknown. A time expression governs a cue when the path from the
expression up the dependency tree reaches the cue without entering another clause: ``Last month,
Putin recalled ...`` (``month`` -> ``recalled``) and ``in an interview released on Sunday`` (``Sunday``
-> ``released`` -> ``interview`` -> ``in`` -> ``said``) date the statement; ``said the talks failed
in 2022`` does not (``2022`` belongs to ``failed``, the reported clause). Must not: find time
expressions (the tagger did) or change anything but ``.time``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.extract.time.core import LEX
from communique.model import Article, Role, TimeExpression, TimeRef

# Dependencies that open a new clause: a time expression inside one dates that clause's verb,
# not the verb above it.
_CLAUSE = {"ccomp", "xcomp", "advcl", "parataxis", "conj", "csubj", "relcl", "pcomp"}
# Only calendar points date an event; durations, sets and vague references do not.
_DATING_TYPES = {"DATE", "TIME"}
_MAX_STEPS = 8


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _anchor_token(doc: Doc, role: Role) -> Token | None:
    """The verb of a cue or trigger (its first verb token, else the root of its first span)."""
    tokens = []
    for start, end in role.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return verbs[0]
    span = doc.char_span(*role.spans[0], alignment_mode="expand") if role.spans else None
    return span.root if span is not None and len(span) else None


def governs(time_root: Token, target: Token, blocked: set[int] = frozenset()) -> bool:
    """True when the time expression rooted at ``time_root`` modifies ``target``: walking up the
    tree from it reaches ``target`` without crossing into a clause of its own (or into tokens of
    ``blocked``, the statement's reported content)."""
    current = time_root
    passed_verb = False
    for step in range(_MAX_STEPS):
        if current.i == target.i:
            return True
        if current.i in blocked or current.head.i == current.i:
            return False
        if current.pos_ in ("VERB", "AUX"):
            passed_verb = True
            if current.dep_ in _CLAUSE:
                # A fronted participle ("Speaking on Sunday, Putin said") is the same occasion;
                # any other clause ("said the talks failed in 2022") is a different event.
                fronted = current.dep_ == "advcl" and current.tag_ in ("VBG", "VBN") and current.i < target.i
                if not fronted:
                    return False
        elif step > 0 and current.pos_ in ("NOUN", "PROPN") and not passed_verb:
            # The expression modifies a noun: it dates that thing ("the assault earlier this
            # month"), unless the thing is where the words were said ("an interview on Sunday").
            if not {current.lower_, current.lemma_.lower()} & LEX.communication_nouns:
                return False
        current = current.head
    return False


def _is_dating(expression: TimeExpression) -> bool:
    if expression.type not in _DATING_TYPES:
        return False
    return expression.value is None or not expression.value.endswith("_REF")


def date_role(doc: Doc, article: Article, role: Role, blocked: set[int] = frozenset()) -> TimeRef:
    """The time of the statement or event whose cue/trigger is ``role``."""
    target = _anchor_token(doc, role) if role.spans else None
    if target is not None:
        best: tuple[int, int] | None = None
        for index, expression in enumerate(article.times):
            if not _is_dating(expression):
                continue
            root = _token_at(doc, expression.start, expression.end)
            if root is None or not (governs(root, target, blocked) or _right_after(doc, role, expression, blocked)):
                continue
            distance = abs(root.i - target.i)
            if best is None or distance < best[0]:
                best = (distance, index)
        if best is not None:
            expression = article.times[best[1]]
            return TimeRef(value=expression.value, basis="expression", time=best[1])
    if article.published:
        return TimeRef(value=article.published[:10], basis="published")
    return TimeRef()


def _right_after(doc: Doc, role: Role, expression: TimeExpression, blocked: set[int]) -> bool:
    """Whether ``expression`` follows the cue at once, outside the content ("Beijing said on
    Friday it would raise ..."): the parser often hangs it on the reported clause, but the
    words between a cue and its content say when it was said."""
    # a space and one short preposition at most between them (checked on offsets first: this
    # runs for every time expression of the article against every statement)
    if not blocked or not 0 < expression.start - role.spans[-1][1] <= 8:
        return False
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    end = doc.char_span(role.spans[-1][0], role.spans[-1][1], alignment_mode="expand")
    if span is None or end is None or any(t.i in blocked for t in span):
        return False
    if span.start < end.end:
        return False
    gap = doc[end.end : span.start]
    return len(gap) <= 1 and all(t.pos_ == "ADP" for t in gap) and span.end <= min(blocked)


def content_tokens(doc: Doc, role: Role) -> set[int]:
    """Token indices inside a statement's content (the reported words)."""
    indices: set[int] = set()
    for start, end in role.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return indices
