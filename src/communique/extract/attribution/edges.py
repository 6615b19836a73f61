"""A second look at where a role's span starts and ends (the ``edges`` decision).

Owns: the candidate edges of a content or cue span inside its sentence and their features,
shared by training and extraction. Must not: choose heads or grow spans (features.py and
relations.py do), or decide anything itself (a trained ranker does).

Why: the tree walk can only return whole subtrees of the parse, and the small parser often hangs
a clause or an addressee in the wrong place ("urged Congress | to leave the program intact",
"said it would depress revenue ..., but would eventually add $84 billion"). About a quarter of
PolNeAR's contents are no subtree of this parse at all. The ranker sees the walk's span as a
proposal and picks each edge among the nearby words, from what lies at the edge and what moving
it would add or drop (a comma, a conjunction, a verb, the cue's object, a quote mark). It is
trained on proposals made by models that never saw the document (cross-fitted), so it learns how
far to trust the walk on unseen text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span, Token

from communique.extract.attribution import features as F
from communique.nlp.token_table import TokenTable, token_table

# how far (in tokens) an edge may move inwards (shrink) and outwards (grow), per role
REACH = {"content": (12, 25), "cue": (3, 4)}
_FUNCTION_POS = frozenset({"CCONJ", "SCONJ", "ADP", "PRON", "DET", "AUX", "PART", "PUNCT"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X", "INTJ", "SYM"})
# A far content edge (more than _NEAR words from the walk's) is a candidate only where a phrase
# can end or start (nearby edges always are): on PolNeAR dev, a content's gold end is followed by a
# content word in 22 of 1,941 cases; and a far start where no phrase of the parse starts was never
# taken by the ranker (a quarter of the content-start candidates)
_NEAR = 3


def _bucket(offset: int) -> str:
    size = abs(offset)
    magnitude = str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "13+"
    return ("+" if offset > 0 else "-" if offset < 0 else "") + magnitude


def _word(table: TokenTable, i: int | None) -> str:
    """A token as the edge features see it: function words by form, content words by class."""
    if i is None:
        return "<edge>"
    pos = table.pos[i]
    if table.punct[i] or pos in _FUNCTION_POS or table.tag[i] in ("WDT", "WP"):
        return table.lower[i]
    return pos


def _neighbour(table: TokenTable, sentence: Span, position: int, step: int) -> int | None:
    """The nearest non-space token from ``position`` in direction ``step``, inside the sentence."""
    i = position + step
    while sentence.start <= i < sentence.end:
        if not table.space[i]:
            return i
        i += step
    return None


def _kinds(table: TokenTable, i: int, attached: set[int], cue: int, quoted: set[int]) -> frozenset[str]:
    """What a word is, as far as moving an edge over it goes."""
    kinds: set[str] = set()
    if table.space[i]:
        return frozenset()
    if i in attached:
        kinds.add("attached")
    text, pos, dep = table.text[i], table.pos[i], table.dep[i]
    if text in (",", ";"):
        kinds.add("comma")
    elif text in ("\u2014", "--", "\u2013", "(", ")", ":"):
        kinds.add("dash")
    elif table.quote[i] or text in ("\u201c", "\u201d", "''", "``"):
        kinds.add("quote")
    if pos == "CCONJ":
        kinds.add("cc")
    elif pos == "SCONJ" or dep == "mark":
        kinds.add("mark")
    elif pos == "VERB":
        kinds.add("verb")
    elif table.tag[i] in ("WDT", "WP"):
        kinds.add("wh")
    if table.head[i] == cue and dep in ("dobj", "dative", "npadvmod", "prep", "advmod", "nsubj"):
        kinds.add(f"cue-{dep}")
    if i in quoted:
        kinds.add("in-quote")
    return frozenset(kinds)


def _crossed_from(
    proposal: int, side: str, low: int, high: int, kinds: dict[int, frozenset[str]]
) -> dict[int, frozenset[str]]:
    """For each position, the kinds of the words that moving the edge there adds or drops
    (start: ``[position, proposal)`` or ``[proposal, position)``; end: ``(proposal, position]``
    or ``(position, proposal]``), unioned outwards from the proposal in one pass."""
    crossed = {proposal: frozenset()}
    shift = 0 if side == "start" else 1
    running: frozenset[str] = frozenset()
    for position in range(proposal - 1, low - 1, -1):  # the edge moves left
        running = running | kinds[position + shift]
        crossed[position] = running
    running = frozenset()
    for position in range(proposal + 1, high + 1):  # the edge moves right
        running = running | kinds[position - 1 + shift]
        crossed[position] = running
    return crossed


@lru_cache(maxsize=4096)
def _joined(kinds: frozenset[str]) -> str:
    """A set of kinds as a feature value (a few hundred distinct sets, each joined once)."""
    return "+".join(sorted(kinds))


def options(
    role: str,
    side: str,
    span: list[int],
    sentence: Span,
    cue: Token,
    attached: set[int],
    quoted: set[int],
) -> list[tuple[int, list[str]]]:
    """Candidate positions for one edge (``side`` "start" or "end") of ``span``, with features.

    ``span`` holds the proposal's token indices inside ``sentence``; ``attached`` are the other
    roles' tokens (never an edge); ``quoted`` the sentence tokens inside quotation marks.
    """
    doc = sentence.doc
    table = token_table(doc)
    punct, space = table.punct, table.space
    words = [i for i in span if not (punct[i] or space[i])]
    if not words:
        return []
    first, last = words[0], words[-1]
    proposal = first if side == "start" else last
    shrink, grow = REACH[role]
    if side == "start":
        low, high = max(sentence.start, first - grow), min(last, first + shrink)
    else:
        low, high = max(first, last - shrink), min(sentence.end - 1, last + grow)
    c = cue.i
    lemma = table.lemma[c]
    kinds = {i: _kinds(table, i, attached, c, quoted) for i in range(min(low, proposal), max(high, proposal) + 1)}
    crossed_at = _crossed_from(proposal, side, low, high, kinds)
    scores = F.scores_of(doc)
    role_column = F.ROLE_COLUMN[role]
    edge_column = (F.CONTENT_START if side == "start" else F.CONTENT_END) if role == "content" else F.IN_CUE
    step = -1 if side == "start" else 1
    starting = side == "start"
    heads, deps, lefts, rights = table.head, table.dep, table.left, table.right
    pre = f"{role}|{side}|"  # every feature's prefix (one substitution less per feature string)
    out: list[tuple[int, list[str]]] = []
    for position in range(low, high + 1):
        if space[position] or punct[position] or position in attached:
            continue
        offset = position - proposal
        outer = _neighbour(table, sentence, position, step)
        outer_word = _word(table, outer)
        if role == "content" and abs(offset) > _NEAR and (
            lefts[position] != position if starting else outer_word in _CONTENT_POS
        ):
            continue  # a far edge where no phrase starts or can end
        bucket = _bucket(offset)
        crossed = _joined(crossed_at[position])
        grows = offset < 0 if starting else offset > 0
        direction = "keep" if offset == 0 else "grow" if grows else "shrink"
        # a subtree edge of the parse: the span would end where some phrase ends
        boundary = lefts[position] == position if starting else rights[position] == position
        dep = deps[position]
        feats = [
            f"{pre}bias",
            f"{pre}off={bucket}",
            f"{pre}dir={direction}",
            f"{pre}outer={outer_word}",
            f"{pre}off|outer={bucket}|{outer_word}",
            f"{pre}w|outer={_word(table, position)}|{outer_word}",
            f"{pre}d|outer={dep}|{outer_word}",
            f"{pre}d|hc={dep}|{heads[position] == c}",
            f"{pre}boundary={boundary}|{direction}",
            f"{pre}quote={position in quoted}|{outer is not None and outer in quoted}",
            f"{pre}cue|dir={lemma}|{direction}",
            f"{pre}cue|off={lemma}|{bucket}",
            f"{pre}cue|outer={lemma}|{outer_word}",
            f"{pre}crossed={direction}|{crossed}",
            f"{pre}outer|crossed={outer_word}|{direction}|{crossed}",
            f"{pre}d|off={dep}|{bucket}",
        ]
        if scores is not None:
            inner_level = F.level(float(scores[position, edge_column]))
            outer_level = F.level(float(scores[outer, role_column])) if outer is not None else "-"
            feats += [
                f"{pre}e|edge={inner_level}",
                f"{pre}e|edge|outer={inner_level}|{outer_level}",
                f"{pre}e|edge|dir={inner_level}|{direction}",
            ]
        if crossed:
            kinds_crossed = crossed.split("+")
            feats += [f"{pre}cross={direction}|{kind}" for kind in kinds_crossed]
            feats += [f"{pre}cross|cue={direction}|{kind}|{lemma}" for kind in kinds_crossed if kind[:4] == "cue-"]
        out.append((position, feats))
    return out


def reshape(span: list[int], start: int, end: int, sentence: Span, attached: set[int]) -> list[int]:
    """``span`` with its in-sentence part replaced by the run ``start..end`` (less other roles'
    tokens); parts outside the sentence (a quote's continuation) are kept."""
    space = token_table(sentence.doc).space
    outside = [i for i in span if not sentence.start <= i < sentence.end]
    inside = [i for i in range(start, end + 1) if i not in attached and not space[i]]
    return sorted(set(outside) | set(inside))
