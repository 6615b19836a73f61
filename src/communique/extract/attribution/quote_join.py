"""Joining a direct quote's continuation: the sentences and paragraphs a quotation runs on over.

Owns: the neighbour sentences of a sentence in text order and :func:`join_quote`, which gives a
quoted content its whole quotation and the quoted sentences that follow it (a paragraph left
open continues in the next one). Must not: find cues or speakers, or decide whether the repair
applies (``relations._fill`` asks ``repairs.on("join_quote")``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from communique.extract.attribution import features as F
from communique.extract.attribution.transcripts import opens_with_label
from communique.nlp.token_table import token_table

if TYPE_CHECKING:
    from communique.extract.attribution.relations import Relation


class Sentences(list):  # type: ignore[type-arg]
    """The content sentences in order, with each one's place by its first token, built once per
    document: the sentence after or before another is asked for every cue and every quoted
    continuation, and rebuilding the map on each question cost a pass over the sentences."""

    def __init__(self, sentences: list[Span]) -> None:
        super().__init__(sentences)
        self.position = {s.start: k for k, s in enumerate(self)}

    def after(self, sentence: Span) -> Span | None:
        k = self.position.get(sentence.start)
        if k is None or k + 1 >= len(self):
            return None
        return self[k + 1]

    def before(self, sentence: Span) -> Span | None:
        k = self.position.get(sentence.start)
        if not k:
            return None
        return self[k - 1]


def ordered(sentences: list[Span]) -> Sentences:
    """``sentences`` as :class:`Sentences` (itself when it already is)."""
    return sentences if isinstance(sentences, Sentences) else Sentences(sentences)


def sentence_after(doc: Doc, sentence: Span, sentences: list[Span]) -> Span | None:
    return ordered(sentences).after(sentence)


def sentence_before(doc: Doc, sentence: Span, sentences: list[Span]) -> Span | None:
    return ordered(sentences).before(sentence)


def join_quote(
    doc: Doc, relation: Relation, sentences: list[Span], quotations: F.Quotations, cue_heads: set[int]
) -> list[int]:
    """Extend a quoted content over its whole quotation, the quotations of the same sentence
    that only the cue and source separate from it (``"A," he said, "B."``), and the quoted
    sentences that follow without a cue of their own (``"A," he said. "B."``)."""
    content = set(relation.content)
    table = token_table(doc)
    idx, space = table.idx, table.space
    words = [i for i in sorted(content) if not table.punct[i]]
    if not words:
        return sorted(content)
    first_q = quotations.index_at(idx[words[0]])
    last_q = quotations.index_at(idx[words[-1]])
    ends = [q for q in (first_q, last_q) if q is not None]
    if not ends:
        return sorted(content)
    attached = set(relation.cue) | set(relation.source)
    sentence = relation.cue_head.sent
    low, high = ends[0], ends[-1]

    def gap_is_attached(start: int, end: int) -> bool:
        gap = [t for t in doc.char_span(start, end, alignment_mode="expand") or [] if not (t.is_punct or t.is_space)]
        return all(t.i in attached for t in gap)

    while low > 0:
        start, end = quotations.spans[low - 1]
        if start < sentence.start_char or not gap_is_attached(end, quotations.spans[low][0]):
            break
        low -= 1
    while high + 1 < len(quotations.spans):
        start, _ = quotations.spans[high + 1]
        if start >= sentence.end_char or not gap_is_attached(quotations.spans[high][1], start):
            break
        high += 1
    q_start, q_end = quotations.spans[low][0], quotations.spans[high][1]
    head = relation.content_head
    if head is not None and quotations.index_at(head.idx) is not None:
        # a quote ends the content: unquoted words the parse hangs on it after its opening
        # mark ("..." she said, and soon ...) are not part of it; words before it are
        # ('The country "has made ..."')
        quoted_ends = [quotations.spans[k][1] for i in content if (k := quotations.index_at(idx[i])) is not None]
        last_end = max([q_end, *quoted_ends])
        content = {i for i in content if idx[i] < last_end}
    for token in doc.char_span(q_start, q_end, alignment_mode="expand") or []:
        if not token.is_space and token.i not in attached:
            content.add(token.i)
    # following sentences of the same paragraph (or of the next paragraphs of the quote)
    current = doc[max(content)].sent
    while True:
        following = sentence_after(doc, current, sentences)
        if following is None:
            break
        if following[0].text[:1] not in F.OPENING + '"\'`':
            break
        if any(t.i in cue_heads for t in following):
            break
        if _paragraph_between(current, following) and (
            _last_char(current) in F.CLOSING + '"\''
            or any(t.i in cue_heads for t in _paragraph_from(following, sentences))
        ):
            # a new paragraph continues the quote only when the previous one left it open, or
            # ended on its cue ('"A," he said.' / '"B."') and the new one has no cue of its own
            break
        q = quotations.index_at(following[0].idx)
        end = max(following.end_char, quotations.spans[q][1] if q is not None else 0)
        # the tokens from the sentence's start up to ``end`` (offsets only grow)
        added = []
        i = following.start
        while i < len(idx) and idx[i] < end:
            if not space[i]:
                added.append(i)
            i += 1
        if any(i in cue_heads for i in added):
            break
        content.update(added)
        current = doc[max(added)].sent
    for paragraph in _open_paragraphs_before(doc, doc[min(content)], sentences, quotations, cue_heads):
        content.update(t.i for t in paragraph if not t.is_space)
    return sorted(content)


def _open_paragraphs_before(
    doc: Doc, first: Token, sentences: list[Span], quotations: F.Quotations, cue_heads: set[int]
) -> list[Span]:
    """The earlier paragraphs of a quote whose content starts at ``first``, nearest first.

    News style leaves a quoted paragraph open (no closing mark) when the quote goes on in the
    next one, and the speaker is often named only there (``"A.`` / ``"B," she said.``). A
    paragraph before the content's own belongs to the quote when it opens with the same quote
    mark as the content's paragraph, is all one quotation, left open, and has no cue (nor a
    transcript's speaker label) of its own."""
    found: list[Span] = []
    current = first.sent
    while first.text in F.OPENING + '"' and first.i == _first_word(current).i:
        previous = sentence_before(doc, current, sentences)
        if previous is None or not _paragraph_between(previous, current):
            break
        start = previous
        while (earlier := sentence_before(doc, start, sentences)) is not None and not _paragraph_between(earlier, start):
            start = earlier
        opening = _first_word(start)
        q = quotations.index_at(opening.idx)
        if (
            opening.text != first.text  # the same mark: a '"' excerpt around '“' quotes is another quote
            or q is None
            or quotations.spans[q][1] < previous.end_char  # a quotation that closes inside it
            or _last_char(previous) in F.CLOSING + '"\''
            or any(i in cue_heads for i in range(start.start, previous.end))
            or opens_with_label(doc[start.start : previous.end].text.lstrip())
        ):
            break
        found.append(doc[start.start : previous.end])
        first, current = opening, start
    return found


def _paragraph_from(sentence: Span, sentences: list[Span]) -> Span:
    """``sentence`` and the sentences after it up to the end of its paragraph."""
    last = sentence
    while (after := sentence_after(sentence.doc, last, sentences)) is not None and not _paragraph_between(last, after):
        last = after
    return sentence.doc[sentence.start : last.end]


def _first_word(sentence: Span) -> Token:
    """The sentence's first token that is not whitespace (a paragraph's newline may lead it)."""
    return next((t for t in sentence if not t.is_space), sentence[0])


def _paragraph_between(current: Span, following: Span) -> bool:
    """Whether a line break separates two sentences (read off the tokens: ``Doc.text`` would
    join the whole document on every call)."""
    doc = current.doc
    between = doc[current.end - 1 : following.start]
    return any("\n" in (t.whitespace_ if k == 0 else t.text_with_ws) for k, t in enumerate(between))


def _last_char(sentence: Span) -> str:
    """The sentence's last character that is not whitespace."""
    for token in reversed(sentence):
        if token.text.strip():
            return token.text.rstrip()[-1]
    return ""
