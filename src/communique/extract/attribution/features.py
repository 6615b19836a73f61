"""Features of the parse that the attribution models decide on, shared by training and extraction.

Owns: quotation finding, the candidate sets (which tokens may head a cue, a source or a content)
and the feature strings of each decision. Must not: decide anything (the models do) or build
statements. Training and extraction call the same functions, so what is learned is what is used.

The four decisions:
- ``cue``: is this token the head of an attribution cue (``said``, ``according``, ``:``)?
- ``extent``: is this child's subtree part of the span of its head for a role (``has`` in
  ``has said``, ``in a statement`` in ``said in a statement``)?
- ``source``: which token heads the source of this cue (or none)?
- ``content``: which token heads the content (or the next sentence, or none)?
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN", "ADJ", "PART", "ADV"})
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "X", "ADJ"})
# the dependency labels of a clause's subject, active or passive ("he said", "it was reported")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OPENING = "\u201c\u00ab"
CLOSING = "\u201d\u00bb"
# every quote mark, double and single, straight and curly
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"
# per-token scores of the optional encoder head (see encoder.py), when a document has them
SCORES_KEY = "communique.attribution_scores"
# each word's head and dependency label as plain lists, while the attribution step runs
TREE_KEY = "communique.attribution_tree"
CUE_HEAD, IN_CUE, IN_SOURCE, IN_CONTENT, CONTENT_START, CONTENT_END = range(6)
# the score column that says whether a word belongs to a role ("sibling": a content's extension)
ROLE_COLUMN = {"cue": IN_CUE, "source": IN_SOURCE, "content": IN_CONTENT, "sibling": IN_CONTENT}
NONE = "<none>"
NEXT = "<next>"
PREV = "<prev>"


@dataclass(frozen=True)
class Quotations:
    """Character spans of the article's quotations (with their marks), sorted."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()

    def index_at(self, offset: int) -> int | None:
        """Index of the quotation that contains ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return i
        return None


def find_quotations(text: str) -> Quotations:
    """Find quotations: curly or guillemet pairs, and straight double quotes paired in turn.

    A quotation left open ends with its paragraph (news style reopens the quote mark on each
    paragraph of a long quote), so one stray mark cannot swallow the article; joining the
    paragraphs of one quote is the extractor's job. A closing mark that begins a line opens a
    quotation: nothing can close there, and hand-typed reader quotes do begin ``”Mr. Trump …``.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    line_start = True  # only blanks since the last newline (or the start of the text)
    i = 0
    while i < len(text):
        char = text[i]
        # '' and `` are the double quote marks of some newsrooms' plain-text style
        pair = text[i : i + 2]
        width = 2 if pair in ("''", "``") else 1
        straight = char == '"' or width == 2
        opens_line = line_start and char in CLOSING
        line_start = char == "\n" or (line_start and char.isspace())
        if char == "\n":
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
        elif char in OPENING or opens_line or pair == "``" or (straight and open_at is None):
            if open_at is None:
                open_at = i
        elif (char in CLOSING or straight) and open_at is not None:
            spans.append((open_at, i + width))
            open_at = None
        i += width
    if open_at is not None:
        spans.append((open_at, len(text)))
    return Quotations(tuple(spans), tuple(start for start, _ in spans))


def scores_of(doc: Doc) -> Any:
    """The encoder head's per-token scores (tokens x 6), or None when the document has none."""
    return doc.user_data.get(SCORES_KEY)


def level(score: float) -> int:
    """A score in tenths (0..9), the form the linear models see it in."""
    return min(9, int(score * 10))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """The documented cue lexicon (stance per lemma), a feature that generalises to rare cues."""
    from communique.extract.attribution.stance import cue_stances

    return cue_stances()


def quote_state(token: Token, quotations: Quotations) -> str:
    return "in" if quotations.index_at(token.idx) is not None else "out"


def cue_candidates(sentence: Span) -> list[Token]:
    """Tokens that may head a cue: content words, prepositions and the colon."""
    return [t for t in sentence if t.pos_ in CUE_POS or t.text == ":"]


def cue_features(token: Token, quotations: Quotations, sentence: Span | None = None) -> list[str]:
    """Features of ``token`` as a possible cue head (``sentence``: its sentence, if known)."""
    sent = sentence if sentence is not None else token.sent
    lemma = token.lemma_.lower()
    head = token.head
    children = list(token.children)
    head_lemma = head.lemma_.lower()
    # sentence edges, not the newline tokens around them, are what a cue's position depends on
    doc = token.doc
    # each doc[i] builds a new Token object: look the neighbours up once
    after = doc[token.i + 1] if token.i + 1 < sent.end else None
    before = doc[token.i - 1] if token.i > sent.start else None
    nxt = after.lower_ if after is not None else "</s>"
    prev = before.lower_ if before is not None else "<s>"
    nxt_kind = f"{after.pos_}|{after.ent_type_}" if after is not None else "</s>"
    prev_kind = f"{before.pos_}|{before.ent_type_}" if before is not None else "<s>"
    quoted = "in" if quotations.index_at(token.idx) is not None else "out"
    features = [
        "bias",
        f"l={lemma}",
        f"w={token.lower_}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"l|d={lemma}|{token.dep_}",
        f"l|t={lemma}|{token.tag_}",
        f"hl={head_lemma}",
        f"l|hl={lemma}|{head_lemma}",
        f"nx={nxt}",
        f"l|nx={lemma}|{nxt}",
        f"pv={prev}",
        f"l|pv={lemma}|{prev}",
        f"l|pvk|nxk={lemma}|{prev_kind}|{nxt_kind}",
        f"l|pos={lemma}|{min(token.i - sent.start, 5)}",
        f"q={quoted}",
        f"l|q={lemma}|{quoted}",
    ]
    for dep in sorted({c.dep_ for c in children}):
        features.append(f"cd={dep}")
        features.append(f"l|cd={lemma}|{dep}")
    for child in children:
        if child.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            kind = child.ent_type_ or (child.lower_ if child.pos_ == "PRON" else child.pos_)
            features.append(f"subj={child.dep_}|{kind}")
            features.append(f"l|subj={lemma}|{kind}")
        elif child.dep_ in ("ccomp", "xcomp", "dobj", "prep", "advcl"):
            features.append(f"l|obj={lemma}|{child.dep_}|{child.lemma_.lower() if child.pos_ == 'ADP' else child.pos_}")
    features.append(f"l|hd={lemma}|{head.dep_}|{head.pos_}")
    stance = lexicon().get(lemma)
    if stance is not None:
        features.append(f"lex={stance}|{token.pos_}")
        features.append(f"lex|d={stance}|{token.dep_}")
    sentence_quoted = any(quotations.index_at(t.idx) is not None for t in (sent[0], sent[-1]))
    features.append(f"l|sq={lemma}|{sentence_quoted}|{quoted}")
    quoted_child = any(quotations.index_at(c.idx) is not None for c in children if c.dep_ in ("ccomp", "dobj", "parataxis"))
    features.append(f"l|qc={lemma}|{quoted_child}")
    scores = scores_of(doc)
    if scores is not None:
        head_level, cue_level = level(scores[token.i, CUE_HEAD]), level(scores[token.i, IN_CUE])
        features += [
            f"e|ch={head_level}", f"e|ic={cue_level}", f"e|ch|p={head_level}|{token.pos_}", f"e|ch|q={head_level}|{quoted}"
        ]
    return features


def extent_features(
    role: str, head: Token, child: Token, anchor: Token, other: Token | None, sentence: Span | None = None
) -> list[str]:
    """Features of "does ``child``'s subtree belong to ``head``'s span for ``role``".

    ``anchor`` is the cue head (for source and content spans, a subtree holding it is another
    role's); ``other`` is the source head when deciding the content span; ``sentence`` is the
    head's, when the caller has it (``Token.sent`` searches the document on every call).
    """
    side = "L" if child.i < head.i else "R"
    adjacent = abs(child.i - head.i) == 1 or (child.left_edge.i == head.i + 1) or (child.right_edge.i == head.i - 1)
    holds_anchor = child.left_edge.i <= anchor.i <= child.right_edge.i and child.i != head.i
    holds_other = other is not None and child.left_edge.i <= other.i <= child.right_edge.i
    lemma = child.lemma_.lower()
    doc = child.doc
    left = child.left_edge.i
    comma_before = left > 0 and doc[left - 1].text in (",", "\u2014", "--", "(")
    comma_first = doc[left].text in (",", "\u2014", "--", "(")
    size = _width(child, 6)  # the features only tell sizes up to 6 apart
    right = child.right_edge.i
    comma_after = right + 1 < len(doc) and doc[right + 1].text == ","
    sent = sentence if sentence is not None else child.sent
    opens = left == sent.start or (left > 0 and doc[left - 1].is_punct and left - 1 == sent.start)
    following = doc[right + 1].lower_ if right + 1 < len(doc) else "</s>"
    scores = scores_of(doc)
    encoded: list[str] = []
    if scores is not None:
        column = ROLE_COLUMN[role]
        mean = _subtree_level(scores, child, column)
        encoded = [f"{role}|e|mean={mean}", f"{role}|e|child={level(scores[child.i, column])}", f"{role}|e|d={child.dep_}|{mean}"]
    return encoded + [
        f"{role}|d|s|hd|anchor={child.dep_}|{side}|{head.dep_}|{holds_anchor}",
        f"{role}|d|next={child.dep_}|{following}",
        f"{role}|d|first={child.dep_}|{doc[left].lower_}",
        f"{role}|after|d={comma_after}|{opens}|{child.dep_}",
        f"{role}|after|l={comma_after}|{opens}|{lemma}",
        f"{role}|comma|d={comma_before or comma_first}|{child.dep_}",
        f"{role}|hd|d={head.dep_}|{child.dep_}",
        f"{role}|d|size={child.dep_}|{min(size, 6) if size < 6 else 'big'}",
        f"{role}|d|last={child.dep_}|{right >= sent.end - 2}",
        f"{role}|bias",
        f"{role}|d={child.dep_}",
        f"{role}|d|s={child.dep_}|{side}",
        f"{role}|d|l={child.dep_}|{lemma}",
        f"{role}|p={child.pos_}",
        f"{role}|hp|d={head.pos_}|{child.dep_}",
        f"{role}|hl|d={head.lemma_.lower()}|{child.dep_}",
        f"{role}|adj|d={adjacent}|{child.dep_}",
        f"{role}|anchor={holds_anchor}",
        f"{role}|anchor|d={holds_anchor}|{child.dep_}",
        f"{role}|other={holds_other}",
        f"{role}|isanchor={child.i == anchor.i}",
        f"{role}|w={child.lower_}" if child.is_punct else f"{role}|size={min(4, size)}",
    ]


def walk_extent(
    role: str,
    head: Token,
    anchor: Token,
    other: Token | None,
    blocked: set[int],
    accept: Callable[[Token, list[str]], bool],
) -> list[int]:
    """Token indices of ``head``'s span for ``role``: descend into each child ``accept`` takes.

    ``accept(child, features)`` decides one child from its extent features; inference asks the
    model, training records the example and answers from the gold span, so both walk the tree
    the same way and see the same features. ``blocked`` heads (another role's head) are never
    entered, so roles never swallow each other.
    """
    kept = [head.i]
    stack = [head]
    sentence = head.sent  # a subtree never leaves its sentence
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.i in blocked or child.is_space:
                continue
            feats = extent_features(role, node, child, anchor, other, sentence)
            if node is not head:
                feats = [*feats, f"{role}|deep|d={child.dep_}"]
            if accept(child, feats):
                kept.append(child.i)
                stack.append(child)
    return sorted(kept)


def up_path(start: Token) -> tuple[list[Token], dict[int, int]]:
    """``start`` and its ancestors, with each one's place on that path (computed once per cue:
    every candidate's dependency path starts with it)."""
    up_ancestors = [start, *start.ancestors]
    return up_ancestors, {t.i: k for k, t in enumerate(up_ancestors)}


def tree_of(doc: Doc) -> tuple[list[int], list[str]]:
    """Each word's head index and dependency label. Paths are walked for every candidate of
    every cue, and each ``Token.head`` builds a new Token: plain lists, built once per
    document, are several times faster."""
    tree = doc.user_data.get(TREE_KEY)
    if tree is None:
        tree = ([t.head.i for t in doc], [t.dep_ for t in doc])
        doc.user_data[TREE_KEY] = tree
    return tree


def dependency_path(
    start: Token, end: Token, limit: int = 4, up: tuple[list[Token], dict[int, int]] | None = None
) -> str:
    """The dependency path from ``start`` up to the common ancestor and down to ``end``
    (``up``: ``up_path(start)``, when the caller already has it)."""
    up_ancestors, position = up if up is not None else up_path(start)
    heads, deps = tree_of(end.doc)
    down: list[str] = []
    node = end.i
    while node not in position:
        down.append(deps[node])
        if heads[node] == node or len(down) > limit:
            return "far"
        node = heads[node]
    ups = [t.dep_ for t in up_ancestors[: position[node]]]
    if len(ups) + len(down) > limit:
        return "far"
    return "^".join(ups) + ">" + ">".join(reversed(down))


def role_candidates(sentence: Span, pos: frozenset[str] | None) -> list[Token]:
    return [t for t in sentence if not t.is_space and not t.is_punct and (pos is None or t.pos_ in pos)]


def source_features(cue: Token, candidate: Token | None, up: tuple[list[Token], dict[int, int]] | None = None) -> list[str]:
    """Features of ``candidate`` (None: no source) as the source head of ``cue`` (``up``: see
    ``dependency_path``)."""
    lemma = cue.lemma_.lower()
    if candidate is None:
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in cue.children)
        return ["s|none", f"s|none|l={lemma}", f"s|none|d={cue.dep_}", f"s|none|subj={has_subject}"]
    path = dependency_path(cue, candidate, up=up)
    side = "L" if candidate.i < cue.i else "R"
    pronoun = candidate.lower_ if candidate.pos_ in ("PRON", "DET") else candidate.pos_
    return [
        "s|bias",
        f"s|path={path}",
        f"s|path|l={path}|{lemma}",
        f"s|path|p={path}|{candidate.pos_}",
        f"s|path|cd={path}|{cue.dep_}",
        f"s|side|d={side}|{candidate.dep_}",
        f"s|p={pronoun}",
        f"s|ent={candidate.ent_type_ or '-'}",
        f"s|dist={min(8, abs(candidate.i - cue.i))}",
    ] + _encoded("s", candidate, IN_SOURCE)


def content_features(
    cue: Token,
    candidate: Token | str | None,
    quotations: Quotations,
    up: tuple[list[Token], dict[int, int]] | None = None,
) -> list[str]:
    """Features of ``candidate`` (a token, ``NEXT`` sentence, or None) as the content head
    (``up``: see ``dependency_path``)."""
    lemma = cue.lemma_.lower()
    if candidate is None or isinstance(candidate, str):
        name = "none" if candidate is None else candidate.strip("<>")
        sentence = cue.sent
        ends_colon = sentence[-1].text == ":" or (len(sentence) > 1 and sentence[-2].text == ":")
        before = sentence.start > 0 and sentence.doc[sentence.start - 1]
        previous_quote = bool(before) and before.text[-1:] in CLOSING + "\"'"
        same_paragraph = bool(before) and "\n" not in before.text_with_ws and not before.is_space
        return [
            f"c|{name}",
            f"c|{name}|l={lemma}",
            f"c|{name}|colon={ends_colon}",
            f"c|{name}|d={cue.dep_}",
            f"c|{name}|last={cue.i >= sentence.end - 3}",
            f"c|{name}|first={cue.i <= sentence.start + 3}",
            f"c|{name}|prevq={previous_quote}|{same_paragraph}",
            f"c|{name}|prevq|first={previous_quote}|{cue.i <= sentence.start + 3}",
        ]
    path = dependency_path(cue, candidate, up=up)
    side = "L" if candidate.i < cue.i else "R"
    quoted = quotations.index_at(candidate.idx) is not None
    marker = next((c.lower_ for c in candidate.children if c.dep_ in ("mark", "aux") and c.i < candidate.i), "-")
    return [
        f"c|path|mark={path}|{marker}",
        f"c|path|sub={path}|{_width(candidate, 5)}",
        "c|bias",
        f"c|path={path}",
        f"c|path|l={path}|{lemma}",
        f"c|path|p={path}|{candidate.pos_}",
        f"c|path|q={path}|{quoted}",
        f"c|path|cd={path}|{cue.dep_}",
        f"c|side|d={side}|{candidate.dep_}",
        f"c|p={candidate.pos_}",
        f"c|dist={min(8, abs(candidate.i - cue.i))}",
    ] + _encoded("c", candidate, IN_CONTENT)


def _width(token: Token, cap: int) -> int:
    """The number of words ``token``'s subtree spans, up to ``cap``. From its edges, not by
    walking ``Token.subtree`` (which builds a Token per word): the parse is projective for
    all but about one word in a thousand, where the two can differ."""
    return min(cap, token.right_edge.i - token.left_edge.i + 1)


def _encoded(prefix: str, candidate: Token, column: int) -> list[str]:
    """A head candidate's encoder score and its subtree's mean score (none without scores)."""
    scores = scores_of(candidate.doc)
    if scores is None:
        return []
    mean = _subtree_level(scores, candidate, column)
    return [
        f"{prefix}|e={level(scores[candidate.i, column])}", f"{prefix}|e|sub={mean}", f"{prefix}|e|p|sub={candidate.pos_}|{mean}"
    ]


def _subtree_level(scores: Any, token: Token, column: int) -> int:
    """The mean score, in tenths, over the words from ``token``'s left edge to its right edge."""
    return level(float(scores[token.left_edge.i : token.right_edge.i + 1, column].mean()))
