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

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.extract.entities.speakers import SUBJECT_DEPS
from communique.nlp.token_table import TokenTable, token_table

CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN", "ADJ", "PART", "ADV"})
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "X", "ADJ"})
# the dependency labels of a clause's subject, active or passive ("he said", "it was reported")
OPENING = "\u201c\u00ab"
CLOSING = "\u201d\u00bb"
# every quote mark, double and single, straight and curly
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"
# per-token scores of the optional encoder head (see encoder.py), when a document has them
SCORES_KEY = "communique.attribution_scores"
CUE_HEAD, IN_CUE, IN_SOURCE, IN_CONTENT, CONTENT_START, CONTENT_END = range(6)
# the score column that says whether a word belongs to a role ("sibling": a content's extension)
ROLE_COLUMN = {"cue": IN_CUE, "source": IN_SOURCE, "content": IN_CONTENT, "sibling": IN_CONTENT}
NONE = "<none>"
FAR = "far"  # the path between two tokens further apart in the parse than a path feature reaches
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


# '' and `` are the double quote marks of some newsrooms' plain-text style (a pair is one mark)
_QUOTE_OR_NEWLINE = re.compile("''|``|[\n\"" + OPENING + CLOSING + "]")


def find_quotations(text: str) -> Quotations:
    """Find quotations: curly or guillemet pairs, and straight double quotes paired in turn.

    A quotation left open ends with its paragraph (news style reopens the quote mark on each
    paragraph of a long quote), so one stray mark cannot swallow the article; joining the
    paragraphs of one quote is the extractor's job. A closing mark that begins a line opens a
    quotation: nothing can close there, and hand-typed reader quotes do begin ``”Mr. Trump …``.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    line_begins = 0  # where the current line begins (after the last newline)
    # only the marks and the newlines matter: jump from one to the next (a character loop over
    # the whole text cost more than the rest of the quotation handling)
    for match in _QUOTE_OR_NEWLINE.finditer(text):
        i, mark = match.start(), match.group()
        if mark == "\n":
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
            line_begins = i + 1
            continue
        width = len(mark)
        straight = mark == '"' or width == 2
        opens_line = mark in CLOSING and (i == line_begins or text[line_begins:i].isspace())
        if mark in OPENING or opens_line or mark == "``" or (straight and open_at is None):
            if open_at is None:
                open_at = i
        elif (mark in CLOSING or straight) and open_at is not None:
            spans.append((open_at, i + width))
            open_at = None
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


def cue_candidates(sentence: Span) -> list[Token]:
    """Tokens that may head a cue: content words, prepositions and the colon."""
    doc = sentence.doc
    return [doc[i] for i in cue_candidate_indices(token_table(doc), sentence.start, sentence.end)]


def cue_candidate_indices(table: TokenTable, start: int, end: int) -> list[int]:
    """:func:`cue_candidates` as token indices, for the sentence ``start:end``."""
    pos, text = table.pos, table.text
    return [i for i in range(start, end) if pos[i] in CUE_POS or text[i] == ":"]


def cue_features(token: Token, quotations: Quotations, sentence: Span | None = None) -> list[str]:
    """Features of ``token`` as a possible cue head (``sentence``: its sentence, if known)."""
    sent = sentence if sentence is not None else token.sent
    doc = token.doc
    return cue_features_at(token_table(doc), token.i, quotations, sent.start, sent.end, scores_of(doc))


def cue_features_at(
    table: TokenTable, i: int, quotations: Quotations, start: int, end: int, scores: Any = None
) -> list[str]:
    """:func:`cue_features` of token ``i``, in the sentence ``start:end``, read from the
    document's table (``scores``: :func:`scores_of` the document)."""
    lemmas, lowers, deps, poses, ents = table.lemma, table.lower, table.dep, table.pos, table.ent
    lemma = lemmas[i]
    head = table.head[i]
    children = table.children[i]
    head_lemma = lemmas[head]
    dep, pos = deps[i], poses[i]
    # sentence edges, not the newline tokens around them, are what a cue's position depends on
    after = i + 1 if i + 1 < end else None
    before = i - 1 if i > start else None
    nxt = lowers[after] if after is not None else "</s>"
    prev = lowers[before] if before is not None else "<s>"
    nxt_kind = f"{poses[after]}|{ents[after]}" if after is not None else "</s>"
    prev_kind = f"{poses[before]}|{ents[before]}" if before is not None else "<s>"
    offsets = table.idx
    quoted = "in" if quotations.index_at(offsets[i]) is not None else "out"
    features = [
        "bias",
        f"l={lemma}",
        f"w={lowers[i]}",
        f"p={pos}",
        f"t={table.tag[i]}",
        f"d={dep}",
        f"l|d={lemma}|{dep}",
        f"l|t={lemma}|{table.tag[i]}",
        f"hl={head_lemma}",
        f"l|hl={lemma}|{head_lemma}",
        f"nx={nxt}",
        f"l|nx={lemma}|{nxt}",
        f"pv={prev}",
        f"l|pv={lemma}|{prev}",
        f"l|pvk|nxk={lemma}|{prev_kind}|{nxt_kind}",
        f"l|pos={lemma}|{min(i - start, 5)}",
        f"q={quoted}",
        f"l|q={lemma}|{quoted}",
    ]
    for child_dep in sorted({deps[c] for c in children}):
        features.append(f"cd={child_dep}")
        features.append(f"l|cd={lemma}|{child_dep}")
    for c in children:
        child_dep = deps[c]
        if child_dep in ("nsubj", "nsubjpass", "poss", "agent"):
            kind = ents[c] or (lowers[c] if poses[c] == "PRON" else poses[c])
            features.append(f"subj={child_dep}|{kind}")
            features.append(f"l|subj={lemma}|{kind}")
        elif child_dep in ("ccomp", "xcomp", "dobj", "prep", "advcl"):
            features.append(f"l|obj={lemma}|{child_dep}|{lemmas[c] if poses[c] == 'ADP' else poses[c]}")
    features.append(f"l|hd={lemma}|{deps[head]}|{poses[head]}")
    stance = lexicon().get(lemma)
    if stance is not None:
        features.append(f"lex={stance}|{pos}")
        features.append(f"lex|d={stance}|{dep}")
    sentence_quoted = quotations.index_at(offsets[start]) is not None or quotations.index_at(offsets[end - 1]) is not None
    features.append(f"l|sq={lemma}|{sentence_quoted}|{quoted}")
    quoted_child = any(
        quotations.index_at(offsets[c]) is not None for c in children if deps[c] in ("ccomp", "dobj", "parataxis")
    )
    features.append(f"l|qc={lemma}|{quoted_child}")
    if scores is not None:
        head_level, cue_level = level(scores[i, CUE_HEAD]), level(scores[i, IN_CUE])
        features += [
            f"e|ch={head_level}", f"e|ic={cue_level}", f"e|ch|p={head_level}|{pos}", f"e|ch|q={head_level}|{quoted}"
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
    sent = sentence if sentence is not None else child.sent
    return _extent_features(
        token_table(child.doc), role, head.i, child.i, anchor.i, None if other is None else other.i, sent, child.doc
    )


def _extent_features(
    table: TokenTable, role: str, h: int, c: int, anchor: int, other: int | None, sent: Span, doc: Doc
) -> list[str]:
    """:func:`extent_features` by token index, read from the document's table."""
    deps, lowers = table.dep, table.lower
    texts = table.text
    left, right = table.left[c], table.right[c]
    side = "L" if c < h else "R"
    adjacent = abs(c - h) == 1 or (left == h + 1) or (right == h - 1)
    holds_anchor = left <= anchor <= right and c != h
    holds_other = other is not None and left <= other <= right
    lemma = table.lemma[c]
    dep = deps[c]
    comma_before = left > 0 and texts[left - 1] in (",", "\u2014", "--", "(")
    comma_first = texts[left] in (",", "\u2014", "--", "(")
    size = _width(table, c, 6)  # the features only tell sizes up to 6 apart
    n = len(texts)
    comma_after = right + 1 < n and texts[right + 1] == ","
    sent_start = sent.start
    opens = left == sent_start or (left > 0 and table.punct[left - 1] and left - 1 == sent_start)
    following = lowers[right + 1] if right + 1 < n else "</s>"
    scores = scores_of(doc)
    encoded: list[str] = []
    if scores is not None:
        column = ROLE_COLUMN[role]
        mean = level(float(scores[left : right + 1, column].mean()))
        encoded = [f"{role}|e|mean={mean}", f"{role}|e|child={level(scores[c, column])}", f"{role}|e|d={dep}|{mean}"]
    head_dep = deps[h]
    return encoded + [
        f"{role}|d|s|hd|anchor={dep}|{side}|{head_dep}|{holds_anchor}",
        f"{role}|d|next={dep}|{following}",
        f"{role}|d|first={dep}|{lowers[left]}",
        f"{role}|after|d={comma_after}|{opens}|{dep}",
        f"{role}|after|l={comma_after}|{opens}|{lemma}",
        f"{role}|comma|d={comma_before or comma_first}|{dep}",
        f"{role}|hd|d={head_dep}|{dep}",
        f"{role}|d|size={dep}|{min(size, 6) if size < 6 else 'big'}",
        f"{role}|d|last={dep}|{right >= sent.end - 2}",
        f"{role}|bias",
        f"{role}|d={dep}",
        f"{role}|d|s={dep}|{side}",
        f"{role}|d|l={dep}|{lemma}",
        f"{role}|p={table.pos[c]}",
        f"{role}|hp|d={table.pos[h]}|{dep}",
        f"{role}|hl|d={table.lemma[h]}|{dep}",
        f"{role}|adj|d={adjacent}|{dep}",
        f"{role}|anchor={holds_anchor}",
        f"{role}|anchor|d={holds_anchor}|{dep}",
        f"{role}|other={holds_other}",
        f"{role}|isanchor={c == anchor}",
        f"{role}|w={lowers[c]}" if table.punct[c] else f"{role}|size={min(4, size)}",
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
    doc = head.doc
    return walk_extent_at(
        token_table(doc), role, head.i, anchor.i, None if other is None else other.i, blocked, head.sent, doc,
        lambda child, feats: accept(doc[child], feats),
    )


def walk_extent_at(
    table: TokenTable,
    role: str,
    head: int,
    anchor: int,
    other: int | None,
    blocked: set[int],
    sentence: Span,
    doc: Doc,
    accept: Callable[[int, list[str]], bool],
) -> list[int]:
    """:func:`walk_extent` by token index (``sentence``: the head's; ``accept`` takes the
    child's index), so that extraction builds no Token per child."""
    kept = [head]
    stack = [head]
    children, space, deps = table.children, table.space, table.dep
    while stack:
        node = stack.pop()
        for child in children[node]:
            if child in blocked or space[child]:
                continue
            feats = _extent_features(table, role, node, child, anchor, other, sentence, doc)
            if node != head:
                feats.append(f"{role}|deep|d={deps[child]}")
            if accept(child, feats):
                kept.append(child)
                stack.append(child)
    return sorted(kept)


def up_path(start: Token) -> tuple[list[int], dict[int, int]]:
    """``start`` and its ancestors (token indices), with each one's place on that path (computed
    once per cue: every candidate's dependency path starts with it)."""
    return up_path_at(token_table(start.doc), start.i)


def up_path_at(table: TokenTable, start: int) -> tuple[list[int], dict[int, int]]:
    """:func:`up_path` of token ``start``, from the table."""
    heads = table.head
    path = [start]
    node = start
    while heads[node] != node:
        node = heads[node]
        path.append(node)
    return path, {i: k for k, i in enumerate(path)}


def path_between(table: TokenTable, up: tuple[list[int], dict[int, int]], end: int, limit: int = 4) -> str:
    """The dependency path from the start of ``up`` (its :func:`up_path`, computed once per cue)
    up to the common ancestor and down to token ``end``; ``FAR`` beyond ``limit`` steps."""
    up_ancestors, position = up
    heads, deps = table.head, table.dep
    down: list[str] = []
    node = end
    while node not in position:
        down.append(deps[node])
        if heads[node] == node or len(down) > limit:
            return FAR
        node = heads[node]
    ups = [deps[i] for i in up_ancestors[: position[node]]]
    if len(ups) + len(down) > limit:
        return FAR
    return "^".join(ups) + ">" + ">".join(reversed(down))


def role_candidates(sentence: Span, pos: frozenset[str] | None) -> list[Token]:
    doc = sentence.doc
    return [doc[i] for i in role_candidate_indices(token_table(doc), sentence.start, sentence.end, pos)]


def role_candidate_indices(table: TokenTable, start: int, end: int, pos: frozenset[str] | None) -> list[int]:
    """:func:`role_candidates` as token indices, for the sentence ``start:end``."""
    space, punct, poses = table.space, table.punct, table.pos
    return [i for i in range(start, end) if not space[i] and not punct[i] and (pos is None or poses[i] in pos)]


def source_features(cue: Token, candidate: Token | None, up: tuple[list[int], dict[int, int]] | None = None) -> list[str]:
    """Features of ``candidate`` (None: no source) as the source head of ``cue`` (``up``: the
    cue's :func:`up_path`, when the caller already has it)."""
    doc = cue.doc
    table = token_table(doc)
    if candidate is None:
        return source_none_features(table, cue.i)
    return source_features_at(table, cue.i, candidate.i, up if up is not None else up_path(cue), scores_of(doc))


def source_none_features(table: TokenTable, cue: int) -> list[str]:
    """:func:`source_features` of "no source" for the cue at index ``cue``."""
    lemma = table.lemma[cue]
    has_subject = any(table.dep[c] in SUBJECT_DEPS for c in table.children[cue])
    return ["s|none", f"s|none|l={lemma}", f"s|none|d={table.dep[cue]}", f"s|none|subj={has_subject}"]


def source_features_at(
    table: TokenTable, cue: int, k: int, up: tuple[list[int], dict[int, int]], scores: Any = None
) -> list[str]:
    """:func:`source_features` of token ``k`` for the cue at index ``cue``, from the table."""
    path = path_between(table, up, k)
    side = "L" if k < cue else "R"
    pos = table.pos[k]
    pronoun = table.lower[k] if pos in ("PRON", "DET") else pos
    features = [
        "s|bias",
        f"s|path={path}",
        f"s|path|l={path}|{table.lemma[cue]}",
        f"s|path|p={path}|{pos}",
        f"s|path|cd={path}|{table.dep[cue]}",
        f"s|side|d={side}|{table.dep[k]}",
        f"s|p={pronoun}",
        f"s|ent={table.ent[k] or '-'}",
        f"s|dist={min(8, abs(k - cue))}",
    ]
    if scores is not None:
        features += _encoded_at(table, "s", k, IN_SOURCE, scores)
    return features


def content_features(
    cue: Token,
    candidate: Token | str | None,
    quotations: Quotations,
    up: tuple[list[int], dict[int, int]] | None = None,
) -> list[str]:
    """Features of ``candidate`` (a token, ``NEXT`` sentence, or None) as the content head
    (``up``: the cue's :func:`up_path`, when the caller already has it)."""
    table = token_table(cue.doc)
    if candidate is None or isinstance(candidate, str):
        return sentinel_features(table, cue.i, candidate, cue.sent)
    return content_features_at(
        table, cue.i, candidate.i, quotations, up if up is not None else up_path(cue), scores_of(cue.doc)
    )


def sentinel_features(table: TokenTable, cue: int, candidate: str | None, sentence: Span) -> list[str]:
    """:func:`content_features` of no content (None) or a neighbour sentence (``NEXT``,
    ``PREV``) for the cue at index ``cue`` in ``sentence``."""
    name = "none" if candidate is None else candidate.strip("<>")
    texts = table.text
    start, end = sentence.start, sentence.end
    ends_colon = texts[end - 1] == ":" or (end - start > 1 and texts[end - 2] == ":")
    # a token's trailing whitespace is at most one space, so a newline after it is in its text
    before = texts[start - 1] if start > 0 else None
    previous_quote = before is not None and before[-1:] in CLOSING + "\"'"
    same_paragraph = before is not None and "\n" not in before and not table.space[start - 1]
    first = cue <= start + 3
    return [
        f"c|{name}",
        f"c|{name}|l={table.lemma[cue]}",
        f"c|{name}|colon={ends_colon}",
        f"c|{name}|d={table.dep[cue]}",
        f"c|{name}|last={cue >= end - 3}",
        f"c|{name}|first={first}",
        f"c|{name}|prevq={previous_quote}|{same_paragraph}",
        f"c|{name}|prevq|first={previous_quote}|{first}",
    ]


def content_features_at(
    table: TokenTable,
    cue: int,
    k: int,
    quotations: Quotations,
    up: tuple[list[int], dict[int, int]],
    scores: Any = None,
    path: str | None = None,
) -> list[str]:
    """:func:`content_features` of token ``k`` for the cue at index ``cue``, from the table
    (``path``: :func:`path_between` the cue and ``k``, when the caller has it)."""
    if path is None:
        path = path_between(table, up, k)
    side = "L" if k < cue else "R"
    quoted = quotations.index_at(table.idx[k]) is not None
    lower, dep = table.lower, table.dep
    marker = next((lower[c] for c in table.children[k] if dep[c] in ("mark", "aux") and c < k), "-")
    pos = table.pos[k]
    features = [
        f"c|path|mark={path}|{marker}",
        f"c|path|sub={path}|{_width(table, k, 5)}",
        "c|bias",
        f"c|path={path}",
        f"c|path|l={path}|{table.lemma[cue]}",
        f"c|path|p={path}|{pos}",
        f"c|path|q={path}|{quoted}",
        f"c|path|cd={path}|{dep[cue]}",
        f"c|side|d={side}|{dep[k]}",
        f"c|p={pos}",
        f"c|dist={min(8, abs(k - cue))}",
    ]
    if scores is not None:
        features += _encoded_at(table, "c", k, IN_CONTENT, scores)
    return features


def _width(table: TokenTable, i: int, cap: int) -> int:
    """The number of words token ``i``'s subtree spans, up to ``cap``. From its edges, not by
    walking ``Token.subtree`` (which builds a Token per word): the parse is projective for
    all but about one word in a thousand, where the two can differ."""
    return min(cap, table.right[i] - table.left[i] + 1)


def _encoded_at(table: TokenTable, prefix: str, k: int, column: int, scores: Any) -> list[str]:
    """A head candidate's encoder score and its subtree's mean score."""
    mean = level(float(scores[table.left[k] : table.right[k] + 1, column].mean()))
    return [f"{prefix}|e={level(scores[k, column])}", f"{prefix}|e|sub={mean}", f"{prefix}|e|p|sub={table.pos[k]}|{mean}"]
