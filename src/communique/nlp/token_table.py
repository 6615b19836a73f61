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

from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, IS_PUNCT, IS_QUOTE, IS_SPACE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_PUNCT, IS_SPACE, IS_QUOTE]
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
    """The table of ``doc`` (one pass over spaCy's arrays; strings decoded once per distinct value)."""
    strings = doc.vocab.strings
    decoded: dict[int, str] = {}

    def names(values: list[int]) -> list[str]:
        out = []
        for value in values:
            name = decoded.get(value)
            if name is None:
                name = decoded[value] = strings[value]
            out.append(name)
        return out

    n = len(doc)
    columns = doc.to_array(_COLUMNS).T.tolist() if n else [[] for _ in _COLUMNS]
    orth, lower, lemma, pos, tag, dep, ent, punct, space, quote = columns
    lemmas = names(lemma)
    lowered = {name: name.lower() for name in set(lemmas)}
    heads: list[int] = []
    lefts: list[int] = []
    rights: list[int] = []
    idx: list[int] = []
    children: list[list[int]] = [[] for _ in range(n)]
    for token in doc:
        i, head = token.i, token.head.i
        heads.append(head)
        lefts.append(token.left_edge.i)
        rights.append(token.right_edge.i)
        idx.append(token.idx)
        if head != i:
            children[head].append(i)
    return TokenTable(
        text=names(orth),
        lower=names(lower),
        lemma=[lowered[name] for name in lemmas],
        pos=names(pos),
        tag=names(tag),
        dep=names(dep),
        ent=names(ent),
        head=heads,
        left=lefts,
        right=rights,
        idx=idx,
        punct=[bool(x) for x in punct],
        space=[bool(x) for x in space],
        quote=[bool(x) for x in quote],
        children=children,
    )


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
