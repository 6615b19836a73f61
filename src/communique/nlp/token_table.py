"""A parsed Doc's token attributes as plain Python lists, built once per document.

Owns: reading every token's words, tags, labels, tree links and flags out of spaCy into lists
indexed by token position. Must not: extract or decide anything.

Why: each ``doc[i]`` builds a new Token object and each ``Token.dep_``, ``pos_`` or
``left_edge`` goes back through the StringStore or the C struct (about a microsecond each);
the attribution features read some twenty of them per candidate, for tens of thousands of
candidates per hundred articles. Read from lists, the same values cost a list index, and the
strings are shared objects whose hashes Python keeps, so feature strings built from them and
looked up in the weights are cheaper too. The values are exactly spaCy's (``lemma`` is
``lemma_.lower()``), so features built from the table equal those built from the Tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_QUOTE, IS_SPACE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

# HEAD and IDX last: they are numbers, not strings or flags
_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_PUNCT, IS_SPACE, IS_QUOTE, HEAD, IDX]
TABLE_KEY = "communique.token_table"


@dataclass(frozen=True)
class TokenTable:
    """Per-token columns of one Doc (``children``: each token's children, in order)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased, as the features use it
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]  # the entity type, "" outside an entity
    head: list[int]
    left: list[int]  # the index of the subtree's left edge
    right: list[int]  # ... and of its right edge
    idx: list[int]  # the character offset
    punct: list[bool]
    space: list[bool]
    quote: list[bool]
    children: list[list[int]]


def build_table(doc: Doc) -> TokenTable:
    """The table of ``doc``: one ``Doc.to_array`` call, strings decoded once per distinct value,
    and no Token object built (``doc[i]``, ``token.head`` and ``token.left_edge`` each build one,
    which cost more than the rest of the table together)."""
    strings = doc.vocab.strings
    n = len(doc)
    if not n:
        return TokenTable(*([] for _ in fields(TokenTable)))
    array = doc.to_array(_COLUMNS)
    columns = array[:, : len(_COLUMNS) - 2].T.tolist()
    orth, lower, lemma, pos, tag, dep, ent, punct, space, quote = columns
    # HEAD is stored relative to the token, as an unsigned number: back to signed, then absolute
    heads = (array[:, -2].astype("int64") + numpy.arange(n)).tolist()
    idx = array[:, -1].tolist()

    def names(values: list[int]) -> list[str]:
        decoded = {value: strings[value] for value in set(values)}
        return list(map(decoded.__getitem__, values))

    lemmas = names(lemma)
    lowered = {name: name.lower() for name in set(lemmas)}
    children: list[list[int]] = [[] for _ in range(n)]
    for i, head in enumerate(heads):
        if head != i:
            children[head].append(i)
    lefts, rights = subtree_edges(heads)
    return TokenTable(
        text=names(orth),
        lower=names(lower),
        lemma=list(map(lowered.__getitem__, lemmas)),
        pos=names(pos),
        tag=names(tag),
        dep=names(dep),
        ent=names(ent),
        head=heads,
        left=lefts,
        right=rights,
        idx=idx,
        punct=list(map(bool, punct)),
        space=list(map(bool, space)),
        quote=list(map(bool, quote)),
        children=children,
    )


def subtree_edges(heads: list[int]) -> tuple[list[int], list[int]]:
    """Each token's ``left_edge`` and ``right_edge`` index, computed from the heads exactly as
    spaCy computes them (``set_children_from_heads`` in ``spacy/tokens/doc.pyx``, which every
    parse, ``Doc.from_array`` and retokenization run over the whole Doc): a forward and a
    backward pass, repeated (at most 12 times) while a head lies outside its sentence. For a
    non-projective parse that is not always the subtree's true extent, so it is spaCy's
    procedure that is copied here, not the definition."""
    n = len(heads)
    lefts = list(range(n))
    rights = list(range(n))
    loop_count = 0
    while True:
        for i in range(n):
            head = heads[i]
            if lefts[i] < lefts[head]:
                lefts[head] = lefts[i]
            if rights[i] > rights[head]:
                rights[head] = rights[i]
        for i in range(n - 1, -1, -1):
            head = heads[i]
            if rights[i] > rights[head]:
                rights[head] = rights[i]
            if lefts[i] < lefts[head]:
                lefts[head] = lefts[i]
        if _heads_within_sentences(heads, lefts) or loop_count > 10:
            return lefts, rights
        loop_count += 1


def _heads_within_sentences(heads: list[int], lefts: list[int]) -> bool:
    """spaCy's stopping test: sentences start at the roots' left edges; every head must lie in
    its token's sentence (the last sentence, as in spaCy, is checked up to its last token but one)."""
    n = len(heads)
    starts = {lefts[i] for i in range(n) if heads[i] == i}
    sentence_start = 0
    for i in range(n):
        if (i > 0 and i in starts) or i == n - 1:
            for j in range(sentence_start, i):
                if not sentence_start <= heads[j] < i + 1:
                    return False
            sentence_start = i
    return True


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, built on first use and kept in ``doc.user_data`` until
    :func:`drop_table` (a step that uses it drops it when done: a Doc stored or pickled later
    should not carry it, and one edited after would not match it)."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        table = doc.user_data[TABLE_KEY] = build_table(doc)
    return table


def drop_table(doc: Doc) -> None:
    """Forget ``doc``'s table (see :func:`token_table`)."""
    doc.user_data.pop(TABLE_KEY, None)
